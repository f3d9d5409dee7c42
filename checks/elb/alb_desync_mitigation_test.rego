package stance.elb.alb_desync_mitigation_test

import data.stance.elb.alb_desync_mitigation as check

lb(type, mode) := {
	"resource_type": "elbv2_load_balancer",
	"meta": {"id": "arn:aws:elasticloadbalancing:us-east-1:111111111111:loadbalancer/app/web/1", "account_id": "111111111111", "region": "us-east-1", "name": "web"},
	"load_balancer_type": type,
	"desync_mitigation_mode": mode,
}

test_pass_defensive if check.compliant with input as lb("application", "defensive")

test_pass_strictest if check.compliant with input as lb("application", "strictest")

test_fail_monitor if {
	not check.compliant with input as lb("application", "monitor")
	check.message == "ALB web uses desync mitigation mode monitor instead of defensive or strictest" with input as lb("application", "monitor")
}

test_not_applicable_nlb if check.not_applicable with input as lb("network", "monitor")
