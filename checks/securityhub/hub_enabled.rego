# METADATA
# title: AWS Security Hub is enabled in every region
# description: |
#   Security Hub gathers findings from GuardDuty, Inspector, Macie, IAM Access Analyzer and its
#   own control checks into one place per region. A region without it has no central view of
#   what goes wrong there.
# custom:
#   id: securityhub_hub_enabled
#   severity: medium
#   scope: region
#   resource_types: [securityhub_hub]
#   frameworks:
#     cis-aws-v3.0.0: ["4.16"]
#     cis-aws-v4.0.1: ["4.16"]
#     cis-aws-v5.0.0: ["4.16"]
#   remediation: |
#     aws securityhub enable-security-hub --region REGION (or enable it for all accounts and
#     regions from the delegated administrator with central configuration).
package stance.securityhub.hub_enabled

default compliant := false

compliant if {
	some hub in input.resources.securityhub_hub
	hub.enabled == true
}

message := sprintf("Security Hub is not enabled in %s (account %s)", [input.region, input.account_id])
