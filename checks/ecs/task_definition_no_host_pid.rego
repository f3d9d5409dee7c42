# METADATA
# title: ECS task definitions do not share the host's process namespace
# description: |
#   With pidMode `host`, containers see every process on the host and can signal or inspect
#   them, which undoes process isolation between containers and the host.
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/ecs-controls.html#ecs-3
# custom:
#   id: ecs_task_definition_no_host_pid
#   severity: high
#   scope: resource
#   resource_types: [ecs_task_definition]
#   frameworks:
#     fsbp: [ECS.3]
#   remediation: |
#     Register a new task definition revision without "pidMode": "host" (omit it or use "task").
package stance.ecs.task_definition_no_host_pid

default compliant := false

compliant if object.get(input, "pid_mode", "") != "host"

message := sprintf("task definition %s:%d shares the host's process namespace (pidMode host)", [input.family, input.revision])
