# METADATA
# title: ECS containers mount their root filesystem read-only
# description: |
#   A read-only root filesystem stops an attacker who gains code execution from changing
#   binaries or dropping tools in the container; writable paths are declared as volumes.
#   Windows containers do not support the setting, but the model does not record the platform,
#   so they are judged too.
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/ecs-controls.html#ecs-5
# custom:
#   id: ecs_task_definition_readonly_root
#   severity: high
#   scope: resource
#   resource_types: [ecs_task_definition]
#   frameworks:
#     fsbp: [ECS.5]
#   remediation: |
#     Register a new task definition revision with "readonlyRootFilesystem": true in every
#     container definition, adding volumes or tmpfs mounts for the paths the application writes.
package stance.ecs.task_definition_readonly_root

default compliant := false

writable contains container.name if {
	some container in input.containers
	container.readonly_root_filesystem != true
}

compliant if {
	input.containers
	count(writable) == 0
}

message := sprintf("task definition %s:%d has container(s) with a writable root filesystem: %s", [input.family, input.revision, concat(", ", sort([c | some c in writable]))])
