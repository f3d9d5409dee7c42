package stance.elb.deletion_protection_test

import data.stance.elb.deletion_protection as check

lb(protected) := {
	"resource_type": "elbv2_load_balancer",
	"meta": {"id": "arn:aws:elasticloadbalancing:us-east-1:111111111111:loadbalancer/net/ingest/2", "account_id": "111111111111", "region": "us-east-1", "name": "ingest"},
	"load_balancer_type": "network",
	"deletion_protection_enabled": protected,
}

test_pass_protected if check.compliant with input as lb(true)

test_fail_unprotected if {
	not check.compliant with input as lb(false)
	check.message == "network load balancer ingest has deletion protection turned off" with input as lb(false)
}
