package stance.ecs.task_definition_no_host_pid_test

import data.stance.ecs.task_definition_no_host_pid as check

td := {
	"resource_type": "ecs_task_definition",
	"meta": {"id": "arn:aws:ecs:us-east-1:111111111111:task-definition/node-exporter:3", "account_id": "111111111111", "region": "us-east-1"},
	"family": "node-exporter",
	"revision": 3,
	"network_mode": "bridge",
	"containers": [],
}

test_pass_unset if check.compliant with input as td

test_pass_task if check.compliant with input as object.union(td, {"pid_mode": "task"})

test_fail_host if {
	not check.compliant with input as object.union(td, {"pid_mode": "host"})
	check.message == "task definition node-exporter:3 shares the host's process namespace (pidMode host)" with input as object.union(td, {"pid_mode": "host"})
}
