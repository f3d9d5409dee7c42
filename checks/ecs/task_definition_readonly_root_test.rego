package stance.ecs.task_definition_readonly_root_test

import data.stance.ecs.task_definition_readonly_root as check

container(name, readonly) := {"name": name, "privileged": false, "readonly_root_filesystem": readonly, "environment_variable_names": [], "log_configuration_present": true}

td(containers) := {
	"resource_type": "ecs_task_definition",
	"meta": {"id": "arn:aws:ecs:us-east-1:111111111111:task-definition/orders-api:12", "account_id": "111111111111", "region": "us-east-1"},
	"family": "orders-api",
	"revision": 12,
	"network_mode": "awsvpc",
	"containers": containers,
}

test_pass_readonly if check.compliant with input as td([container("app", true)])

test_fail_writable if {
	t := td([container("app", true), container("worker", false), container("envoy", false)])
	not check.compliant with input as t
	check.message == "task definition orders-api:12 has container(s) with a writable root filesystem: envoy, worker" with input as t
}
