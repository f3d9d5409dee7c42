package stance.ecs.task_definition_no_secret_environment_test

import data.stance.ecs.task_definition_no_secret_environment as check

td(flagged) := {
	"resource_type": "ecs_task_definition",
	"meta": {"id": "arn:aws:ecs:us-east-1:111111111111:task-definition/orders-api:12", "account_id": "111111111111", "region": "us-east-1"},
	"family": "orders-api",
	"revision": 12,
	"network_mode": "awsvpc",
	"containers": [{"name": "app", "privileged": false, "readonly_root_filesystem": true, "environment_variable_names": ["LOG_LEVEL", "AWS_SECRET_ACCESS_KEY"], "log_configuration_present": true}],
	"derived": {"secret_like_environment_variables": flagged},
}

test_pass_no_secrets if check.compliant with input as td([])

test_fail_aws_key if {
	not check.compliant with input as td(["app/AWS_SECRET_ACCESS_KEY"])
	check.message == "task definition orders-api:12 passes secret-looking environment variable(s) app/AWS_SECRET_ACCESS_KEY" with input as td(["app/AWS_SECRET_ACCESS_KEY"])
}
