package stance.ecs.task_definition_logging_test

import data.stance.ecs.task_definition_logging as check

container(name, logged) := {"name": name, "privileged": false, "readonly_root_filesystem": true, "environment_variable_names": [], "log_configuration_present": logged}

td(containers) := {
	"resource_type": "ecs_task_definition",
	"meta": {"id": "arn:aws:ecs:us-east-1:111111111111:task-definition/orders-api:12", "account_id": "111111111111", "region": "us-east-1"},
	"family": "orders-api",
	"revision": 12,
	"network_mode": "awsvpc",
	"containers": containers,
}

test_pass_logged if check.compliant with input as td([container("app", true), container("envoy", true)])

test_fail_unlogged if {
	t := td([container("app", true), container("envoy", false)])
	not check.compliant with input as t
	check.message == "task definition orders-api:12 has container(s) without a log configuration: envoy" with input as t
}
