# METADATA
# title: GuardDuty Runtime Monitoring is enabled
# description: |
#   Runtime Monitoring uses a security agent on EKS, ECS and EC2 workloads to observe process,
#   file and network events and detect threats such as reverse shells and container escapes.
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/guardduty-controls.html#guardduty-11
# custom:
#   id: guardduty_runtime_monitoring
#   severity: high
#   scope: resource
#   resource_types: [guardduty_detector]
#   frameworks:
#     fsbp: [GuardDuty.11]
#   remediation: |
#     aws guardduty update-detector --detector-id ID --features
#     Name=RUNTIME_MONITORING,Status=ENABLED
package stance.guardduty.runtime_monitoring

default compliant := false

protected if {
	input.features.RUNTIME_MONITORING == "ENABLED"
}

compliant if {
	input.status == "ENABLED"
	protected
}

message := sprintf("GuardDuty detector %s in %s is suspended", [input.detector_id, input.meta.region]) if {
	input.status != "ENABLED"
} else := sprintf("GuardDuty detector %s in %s does not have Runtime Monitoring enabled", [input.detector_id, input.meta.region])

evidence := {"features": input.features, "runtime_agents": input.runtime_agents}
