package stance.elb.v2_multi_az_test

import data.stance.elb.v2_multi_az as check

lb(zones) := {
	"resource_type": "elbv2_load_balancer",
	"meta": {"id": "arn:aws:elasticloadbalancing:us-east-1:111111111111:loadbalancer/app/web/1", "account_id": "111111111111", "region": "us-east-1", "name": "web"},
	"load_balancer_type": "application",
	"availability_zones": zones,
}

test_pass_three_zones if check.compliant with input as lb(["us-east-1a", "us-east-1b", "us-east-1c"])

test_fail_one_zone if {
	not check.compliant with input as lb(["us-east-1a"])
	check.message == "application load balancer web spans 1 Availability Zone(s) (us-east-1a)" with input as lb(["us-east-1a"])
}
