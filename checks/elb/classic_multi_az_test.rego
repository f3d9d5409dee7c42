package stance.elb.classic_multi_az_test

import data.stance.elb.classic_multi_az as check

lb(zones) := {
	"resource_type": "elb_load_balancer",
	"meta": {"id": "arn:aws:elasticloadbalancing:us-east-1:111111111111:loadbalancer/legacy", "account_id": "111111111111", "region": "us-east-1", "name": "legacy"},
	"availability_zones": zones,
}

test_pass_two_zones if check.compliant with input as lb(["us-east-1a", "us-east-1b"])

test_fail_one_zone if {
	not check.compliant with input as lb(["us-east-1a"])
	check.message == "Classic Load Balancer legacy spans 1 Availability Zone(s) (us-east-1a)" with input as lb(["us-east-1a"])
}
