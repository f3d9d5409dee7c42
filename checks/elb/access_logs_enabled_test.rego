package stance.elb.access_logs_enabled_test

import data.stance.elb.access_logs_enabled as check

classic(enabled) := {
	"resource_type": "elb_load_balancer",
	"meta": {"id": "arn:aws:elasticloadbalancing:us-east-1:111111111111:loadbalancer/legacy", "account_id": "111111111111", "region": "us-east-1", "name": "legacy"},
	"scheme": "internet-facing",
	"access_log_enabled": enabled,
}

v2(type, enabled) := {
	"resource_type": "elbv2_load_balancer",
	"meta": {"id": "arn:aws:elasticloadbalancing:us-east-1:111111111111:loadbalancer/app/web/1", "account_id": "111111111111", "region": "us-east-1", "name": "web"},
	"load_balancer_type": type,
	"access_logs_enabled": enabled,
}

test_pass_classic if check.compliant with input as classic(true)

test_pass_alb if check.compliant with input as v2("application", true)

test_fail_classic if {
	not check.compliant with input as classic(false)
	check.message == "Classic Load Balancer legacy does not write access logs" with input as classic(false)
}

test_fail_alb if {
	not check.compliant with input as v2("application", false)
	check.message == "ALB web does not write access logs" with input as v2("application", false)
}

test_fail_classic_field_of_other_type if not check.compliant with input as object.union(classic(false), {"access_logs_enabled": true})

test_not_applicable_nlb if check.not_applicable with input as v2("network", false)
