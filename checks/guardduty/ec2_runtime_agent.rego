# METADATA
# title: GuardDuty Runtime Monitoring covers EC2 instances with the automated agent
# description: |
#   With automated agent management for EC2, GuardDuty installs its security agent on supported
#   instances through Systems Manager, so new instances are monitored for runtime threats.
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/guardduty-controls.html#guardduty-13
# custom:
#   id: guardduty_ec2_runtime_agent
#   severity: medium
#   scope: resource
#   resource_types: [guardduty_detector]
#   frameworks:
#     fsbp: [GuardDuty.13]
#   remediation: |
#     aws guardduty update-detector --detector-id ID --features
#     'Name=RUNTIME_MONITORING,Status=ENABLED,AdditionalConfiguration=[{Name=EC2_AGENT_MANAGEMENT,Status=ENABLED}]'
package stance.guardduty.ec2_runtime_agent

default compliant := false

protected if {
	input.features.RUNTIME_MONITORING == "ENABLED"
	input.runtime_agents.EC2_AGENT_MANAGEMENT == "ENABLED"
}

compliant if {
	input.status == "ENABLED"
	protected
}

message := sprintf("GuardDuty detector %s in %s is suspended", [input.detector_id, input.meta.region]) if {
	input.status != "ENABLED"
} else := sprintf("GuardDuty detector %s in %s does not have Runtime Monitoring with the EC2 automated agent enabled", [input.detector_id, input.meta.region])

evidence := {"features": input.features, "runtime_agents": input.runtime_agents}
