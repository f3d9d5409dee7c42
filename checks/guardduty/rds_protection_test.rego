package stance.guardduty.rds_protection_test

import data.stance.guardduty.rds_protection as check

detector(status, features, agents) := {
	"resource_type": "guardduty_detector",
	"meta": {"id": "arn:aws:guardduty:eu-west-1:111111111111:detector/12abc34d567e8fa901bc2d34e56789f0", "account_id": "111111111111", "region": "eu-west-1"},
	"detector_id": "12abc34d567e8fa901bc2d34e56789f0",
	"status": status,
	"features": features,
	"runtime_agents": agents,
}

test_pass_enabled if check.compliant with input as detector("ENABLED", {"RDS_LOGIN_EVENTS": "ENABLED"}, {})

test_fail_feature_disabled if {
	d := detector("ENABLED", {"RDS_LOGIN_EVENTS": "DISABLED"}, {})
	not check.compliant with input as d
	check.message == "GuardDuty detector 12abc34d567e8fa901bc2d34e56789f0 in eu-west-1 does not have RDS Protection enabled" with input as d
}

test_fail_feature_missing if not check.compliant with input as detector("ENABLED", {}, {})

test_fail_detector_suspended if {
	d := detector("DISABLED", {"RDS_LOGIN_EVENTS": "ENABLED"}, {})
	not check.compliant with input as d
	check.message == "GuardDuty detector 12abc34d567e8fa901bc2d34e56789f0 in eu-west-1 is suspended" with input as d
}
