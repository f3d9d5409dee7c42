package stance.guardduty.enabled_test

import data.stance.guardduty.enabled as check

detector(status) := {
	"resource_type": "guardduty_detector",
	"meta": {"id": "arn:aws:guardduty:eu-west-1:111111111111:detector/12abc34d567e8fa901bc2d34e56789f0", "account_id": "111111111111", "region": "eu-west-1"},
	"detector_id": "12abc34d567e8fa901bc2d34e56789f0",
	"status": status,
	"features": {},
	"runtime_agents": {},
}

region(detectors) := {
	"account_id": "111111111111",
	"partition": "aws",
	"region": "eu-west-1",
	"regions": ["eu-west-1", "us-east-1"],
	"resources": {"guardduty_detector": detectors},
}

test_pass_enabled if check.compliant with input as region([detector("ENABLED")])

test_fail_no_detector if {
	not check.compliant with input as region([])
	check.message == "GuardDuty is not enabled in eu-west-1 (account 111111111111)" with input as region([])
}

test_fail_suspended if {
	not check.compliant with input as region([detector("DISABLED")])
	check.message == "the GuardDuty detector in eu-west-1 (account 111111111111) is suspended" with input as region([detector("DISABLED")])
}
