package stance.elb.classic_cross_zone_test

import data.stance.elb.classic_cross_zone as check

lb(enabled) := {
	"resource_type": "elb_load_balancer",
	"meta": {"id": "arn:aws:elasticloadbalancing:us-east-1:111111111111:loadbalancer/legacy", "account_id": "111111111111", "region": "us-east-1", "name": "legacy"},
	"cross_zone_load_balancing_enabled": enabled,
}

test_pass_enabled if check.compliant with input as lb(true)

test_fail_disabled if {
	not check.compliant with input as lb(false)
	check.message == "Classic Load Balancer legacy has cross-zone load balancing turned off" with input as lb(false)
}
