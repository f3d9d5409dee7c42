# METADATA
# title: ECS containers do not run privileged
# description: |
#   A privileged container gets nearly all the capabilities of root on the host (devices,
#   kernel modules, mounts), so a compromise of the container is a compromise of the host.
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/ecs-controls.html#ecs-4
# custom:
#   id: ecs_task_definition_not_privileged
#   severity: high
#   scope: resource
#   resource_types: [ecs_task_definition]
#   frameworks:
#     fsbp: [ECS.4]
#   remediation: |
#     Register a new task definition revision with "privileged": false (or omitted) in every
#     container definition; grant specific Linux capabilities instead if needed.
package stance.ecs.task_definition_not_privileged

default compliant := false

privileged contains container.name if {
	some container in input.containers
	container.privileged == true
}

compliant if {
	input.containers
	count(privileged) == 0
}

message := sprintf("task definition %s:%d runs privileged container(s): %s", [input.family, input.revision, concat(", ", sort([c | some c in privileged]))])
