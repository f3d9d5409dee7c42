package stance.ecs.cluster_container_insights_test

import data.stance.ecs.cluster_container_insights as check

cluster(setting) := {
	"resource_type": "ecs_cluster",
	"meta": {"id": "arn:aws:ecs:us-east-1:111111111111:cluster/prod", "account_id": "111111111111", "region": "us-east-1", "name": "prod"},
	"container_insights": setting,
}

test_pass_enabled if check.compliant with input as cluster("enabled")

test_pass_enhanced if check.compliant with input as cluster("enhanced")

test_fail_disabled if {
	not check.compliant with input as cluster("disabled")
	check.message == "ECS cluster prod does not use Container Insights (disabled)" with input as cluster("disabled")
}
