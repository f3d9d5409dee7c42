# METADATA
# title: IAM Access Analyzer is active in every region
# description: |
#   An external-access analyzer continuously reports resources (buckets, keys, roles, queues...)
#   shared outside the account or organization. Analyzers are regional: each region needs an
#   active analyzer with the account or the organization as zone of trust (unused-access
#   analyzers do not count).
# custom:
#   id: iam_access_analyzer_enabled
#   severity: medium
#   scope: region
#   resource_types: [accessanalyzer_analyzer]
#   frameworks:
#     cis-aws-v3.0.0: ["1.20"]
#     cis-aws-v4.0.1: ["1.20"]
#     cis-aws-v5.0.0: ["1.19"]
#   remediation: |
#     In every region: aws accessanalyzer create-analyzer --analyzer-name NAME --type ACCOUNT
#     (or ORGANIZATION from the management or delegated administrator account).
package stance.iam.access_analyzer_enabled

default compliant := false

active contains analyzer.meta.id if {
	some analyzer in input.resources.accessanalyzer_analyzer
	analyzer.status == "ACTIVE"
	analyzer.analyzer_type in {"ACCOUNT", "ORGANIZATION"}
}

compliant if count(active) > 0

message := sprintf("no active IAM Access Analyzer (account or organization zone of trust) in %s (account %s)", [input.region, input.account_id])

evidence := {"analyzers": [{"id": a.meta.id, "type": a.analyzer_type, "status": a.status} | some a in input.resources.accessanalyzer_analyzer]}
