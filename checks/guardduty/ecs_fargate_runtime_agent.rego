# METADATA
# title: GuardDuty Runtime Monitoring covers ECS on Fargate with the automated agent
# description: |
#   With automated agent management for AWS Fargate (ECS), GuardDuty injects its security agent
#   into new Fargate tasks, so container workloads are monitored for runtime threats without
#   per-task setup.
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/guardduty-controls.html#guardduty-12
# custom:
#   id: guardduty_ecs_fargate_runtime_agent
#   severity: medium
#   scope: resource
#   resource_types: [guardduty_detector]
#   frameworks:
#     fsbp: [GuardDuty.12]
#   remediation: |
#     aws guardduty update-detector --detector-id ID --features
#     'Name=RUNTIME_MONITORING,Status=ENABLED,AdditionalConfiguration=[{Name=ECS_FARGATE_AGENT_MANAGEMENT,Status=ENABLED}]'
package stance.guardduty.ecs_fargate_runtime_agent

default compliant := false

protected if {
	input.features.RUNTIME_MONITORING == "ENABLED"
	input.runtime_agents.ECS_FARGATE_AGENT_MANAGEMENT == "ENABLED"
}

compliant if {
	input.status == "ENABLED"
	protected
}

message := sprintf("GuardDuty detector %s in %s is suspended", [input.detector_id, input.meta.region]) if {
	input.status != "ENABLED"
} else := sprintf("GuardDuty detector %s in %s does not have Runtime Monitoring with the ECS Fargate automated agent enabled", [input.detector_id, input.meta.region])

evidence := {"features": input.features, "runtime_agents": input.runtime_agents}
