package stance.ecs.service_fargate_latest_platform_test

import data.stance.ecs.service_fargate_latest_platform as check

svc(launch_type) := {
	"resource_type": "ecs_service",
	"meta": {"id": "arn:aws:ecs:us-east-1:111111111111:service/prod/orders-api", "account_id": "111111111111", "region": "us-east-1", "name": "orders-api"},
	"cluster_arn": "arn:aws:ecs:us-east-1:111111111111:cluster/prod",
	"launch_type": launch_type,
	"assign_public_ip": false,
}

test_pass_latest if check.compliant with input as object.union(svc("FARGATE"), {"platform_version": "LATEST"})

test_pass_pinned_latest if check.compliant with input as object.union(svc("FARGATE"), {"platform_version": "1.4.0"})

test_pass_default if check.compliant with input as svc("FARGATE")

test_fail_old if {
	s := object.union(svc("FARGATE"), {"platform_version": "1.3.0"})
	not check.compliant with input as s
	check.message == "Fargate service orders-api runs on platform version 1.3.0 instead of the latest (1.4.0)" with input as s
}

test_not_applicable_ec2 if check.not_applicable with input as svc("EC2")
