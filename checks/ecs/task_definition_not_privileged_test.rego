package stance.ecs.task_definition_not_privileged_test

import data.stance.ecs.task_definition_not_privileged as check

container(name, privileged) := {"name": name, "privileged": privileged, "readonly_root_filesystem": true, "environment_variable_names": [], "log_configuration_present": true}

td(containers) := {
	"resource_type": "ecs_task_definition",
	"meta": {"id": "arn:aws:ecs:us-east-1:111111111111:task-definition/orders-api:12", "account_id": "111111111111", "region": "us-east-1"},
	"family": "orders-api",
	"revision": 12,
	"network_mode": "awsvpc",
	"containers": containers,
}

test_pass_unprivileged if check.compliant with input as td([container("app", false), container("envoy", false)])

test_fail_privileged if {
	t := td([container("app", false), container("debug", true)])
	not check.compliant with input as t
	check.message == "task definition orders-api:12 runs privileged container(s): debug" with input as t
}
