package stance.ec2.instance_not_stopped_long_test

import data.stance.ec2.instance_not_stopped_long as check

instance(state, days) := {
	"resource_type": "ec2_instance",
	"meta": {"id": "arn:aws:ec2:us-east-1:111111111111:instance/i-0a1b2c3d4e5f60718", "account_id": "111111111111", "region": "us-east-1"},
	"instance_id": "i-0a1b2c3d4e5f60718",
	"state": state,
	"instance_type": "t3.medium",
	"stopped_since": "2026-07-01T00:00:00Z",
	"derived": {"imdsv2_required": true, "days_stopped": days},
}

test_pass_running if check.compliant with input as instance("running", null)

test_pass_recently_stopped if check.compliant with input as instance("stopped", 12)

test_fail_stopped_long if {
	not check.compliant with input as instance("stopped", 123)
	check.message == "instance i-0a1b2c3d4e5f60718 has been stopped for 123 days (more than 30)" with input as instance("stopped", 123)
}

test_fail_stop_date_unknown if {
	i := object.remove(instance("stopped", null), ["stopped_since"])
	not check.compliant with input as i
	check.message == "instance i-0a1b2c3d4e5f60718 is stopped and the date it stopped is unknown" with input as i
}

test_not_applicable_terminated if check.not_applicable with input as instance("terminated", null)
