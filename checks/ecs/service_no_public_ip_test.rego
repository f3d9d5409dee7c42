package stance.ecs.service_no_public_ip_test

import data.stance.ecs.service_no_public_ip as check

svc(public) := {
	"resource_type": "ecs_service",
	"meta": {"id": "arn:aws:ecs:us-east-1:111111111111:service/prod/orders-api", "account_id": "111111111111", "region": "us-east-1", "name": "orders-api"},
	"cluster_arn": "arn:aws:ecs:us-east-1:111111111111:cluster/prod",
	"launch_type": "FARGATE",
	"platform_version": "LATEST",
	"assign_public_ip": public,
}

test_pass_private if check.compliant with input as svc(false)

test_fail_public if {
	not check.compliant with input as svc(true)
	check.message == "ECS service orders-api assigns public IP addresses to its tasks" with input as svc(true)
}
