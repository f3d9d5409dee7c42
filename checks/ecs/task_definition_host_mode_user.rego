# METADATA
# title: ECS task definitions in host network mode run containers as a non-root user or explicitly privileged
# description: |
#   In host network mode containers share the host's network stack, so a container running as
#   root without an explicit decision can reach everything the host can. Following the AWS
#   Config rule behind ECS.1, each container must either run as a non-root user or be marked
#   privileged explicitly (privileged containers are judged separately by ECS.4).
# related_resources:
#   - ref: https://docs.aws.amazon.com/config/latest/developerguide/ecs-task-definition-user-for-host-mode-check.html
# custom:
#   id: ecs_task_definition_host_mode_user
#   severity: high
#   scope: resource
#   resource_types: [ecs_task_definition]
#   frameworks:
#     fsbp: [ECS.1]
#   remediation: |
#     Register a new task definition revision that sets "user" to a non-root UID (for example
#     "1000:1000") in each container definition, or that uses the awsvpc network mode.
package stance.ecs.task_definition_host_mode_user

default compliant := false

not_applicable := sprintf("network mode %s (the control judges host mode only)", [input.network_mode]) if {
	input.network_mode != "host"
}

# A user value names root when its user part is root or UID 0 (or when it is unset).
runs_as_root(user) if user == ""

runs_as_root(user) if split(user, ":")[0] in {"root", "0"}

offending contains container.name if {
	some container in input.containers
	container.privileged != true
	runs_as_root(object.get(container, "user", ""))
}

compliant if {
	input.network_mode == "host"
	count(offending) == 0
}

message := sprintf("task definition %s:%d uses host networking with container(s) running as root: %s", [input.family, input.revision, concat(", ", sort([c | some c in offending]))])
