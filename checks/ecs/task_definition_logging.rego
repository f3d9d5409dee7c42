# METADATA
# title: ECS task definitions configure logging for every container
# description: |
#   Without a log driver, container output is lost when the task stops, leaving nothing to
#   investigate errors or compromises with.
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/ecs-controls.html#ecs-9
# custom:
#   id: ecs_task_definition_logging
#   severity: high
#   scope: resource
#   resource_types: [ecs_task_definition]
#   frameworks:
#     fsbp: [ECS.9]
#   remediation: |
#     Register a new task definition revision with a "logConfiguration" (for example the awslogs
#     or awsfirelens driver) in every container definition.
package stance.ecs.task_definition_logging

default compliant := false

unlogged contains container.name if {
	some container in input.containers
	container.log_configuration_present != true
}

compliant if {
	input.containers
	count(unlogged) == 0
}

message := sprintf("task definition %s:%d has container(s) without a log configuration: %s", [input.family, input.revision, concat(", ", sort([c | some c in unlogged]))])
