package stance.elb.classic_desync_mitigation_test

import data.stance.elb.classic_desync_mitigation as check

lb(mode) := {
	"resource_type": "elb_load_balancer",
	"meta": {"id": "arn:aws:elasticloadbalancing:us-east-1:111111111111:loadbalancer/legacy", "account_id": "111111111111", "region": "us-east-1", "name": "legacy"},
	"desync_mitigation_mode": mode,
}

test_pass_defensive if check.compliant with input as lb("defensive")

test_fail_monitor if {
	not check.compliant with input as lb("monitor")
	check.message == "Classic Load Balancer legacy uses desync mitigation mode monitor instead of defensive or strictest" with input as lb("monitor")
}

test_fail_unset if {
	unset := object.remove(lb("x"), ["desync_mitigation_mode"])
	not check.compliant with input as unset
	check.message == "Classic Load Balancer legacy uses desync mitigation mode (unset) instead of defensive or strictest" with input as unset
}
