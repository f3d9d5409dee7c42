package stance.ecs.task_definition_host_mode_user_test

import data.stance.ecs.task_definition_host_mode_user as check

container(name, privileged, user) := object.union(
	{"name": name, "privileged": privileged, "readonly_root_filesystem": true, "environment_variable_names": [], "log_configuration_present": true},
	user,
)

td(mode, containers) := {
	"resource_type": "ecs_task_definition",
	"meta": {"id": "arn:aws:ecs:us-east-1:111111111111:task-definition/edge-proxy:7", "account_id": "111111111111", "region": "us-east-1"},
	"family": "edge-proxy",
	"revision": 7,
	"network_mode": mode,
	"containers": containers,
}

test_pass_non_root_user if check.compliant with input as td("host", [container("proxy", false, {"user": "1000:1000"})])

test_pass_explicitly_privileged if check.compliant with input as td("host", [container("agent", true, {})])

test_fail_root_by_default if {
	t := td("host", [container("proxy", false, {}), container("sidecar", false, {"user": "0"}), container("ok", false, {"user": "nginx"})])
	not check.compliant with input as t
	check.message == "task definition edge-proxy:7 uses host networking with container(s) running as root: proxy, sidecar" with input as t
}

test_fail_root_user_name if not check.compliant with input as td("host", [container("proxy", false, {"user": "root:root"})])

test_not_applicable_awsvpc if check.not_applicable with input as td("awsvpc", [container("proxy", false, {})])
