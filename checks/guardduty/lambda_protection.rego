# METADATA
# title: GuardDuty Lambda Protection is enabled
# description: |
#   Lambda Protection monitors the network activity of Lambda functions and reports functions
#   talking to malicious hosts, such as a compromised dependency mining cryptocurrency.
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/guardduty-controls.html#guardduty-6
# custom:
#   id: guardduty_lambda_protection
#   severity: high
#   scope: resource
#   resource_types: [guardduty_detector]
#   frameworks:
#     fsbp: [GuardDuty.6]
#   remediation: |
#     aws guardduty update-detector --detector-id ID --features
#     Name=LAMBDA_NETWORK_LOGS,Status=ENABLED
package stance.guardduty.lambda_protection

default compliant := false

protected if {
	input.features.LAMBDA_NETWORK_LOGS == "ENABLED"
}

compliant if {
	input.status == "ENABLED"
	protected
}

message := sprintf("GuardDuty detector %s in %s is suspended", [input.detector_id, input.meta.region]) if {
	input.status != "ENABLED"
} else := sprintf("GuardDuty detector %s in %s does not have Lambda Protection enabled", [input.detector_id, input.meta.region])

evidence := {"features": input.features, "runtime_agents": input.runtime_agents}
