package stance.iam.user_access_key_rotated_test

import data.stance.iam.user_access_key_rotated as check

user(keys) := {
	"meta": {"id": "arn:aws:iam::1:user/bob", "name": "bob"},
	"access_keys": keys,
	"derived": {"active_access_key_count": count([k | some k in keys; k.status == "Active"]), "oldest_active_key_age_days": 120},
}

test_pass_fresh_key if check.compliant with input as user([{"id": "AKIA1", "status": "Active", "age_days": 10}])

test_pass_old_key_inactive if {
	inp := user([{"id": "AKIA1", "status": "Inactive", "age_days": 400}, {"id": "AKIA2", "status": "Active", "age_days": 3}])
	check.compliant with input as inp
}

test_fail_old_active_key if {
	inp := user([{"id": "AKIA1", "status": "Active", "age_days": 120}])
	not check.compliant with input as inp
	check.message == "IAM user bob has active access key(s) older than 90 days: AKIA1" with input as inp
	check.evidence.stale_keys == ["AKIA1"] with input as inp
}

test_not_applicable_no_keys if check.not_applicable with input as user([])
