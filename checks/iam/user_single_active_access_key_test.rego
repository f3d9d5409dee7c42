package stance.iam.user_single_active_access_key_test

import data.stance.iam.user_single_active_access_key as check

user(keys) := {
	"resource_type": "iam_user",
	"meta": {"id": "arn:aws:iam::111111111111:user/ci", "account_id": "111111111111", "name": "ci"},
	"password_enabled": false,
	"access_keys": keys,
	"derived": {"active_access_key_count": count([k | some k in keys; k.status == "Active"])},
}

key(id, status) := {"id": id, "status": status, "created": "2026-09-30T00:00:00Z", "age_days": 32}

test_pass_one_active if check.compliant with input as user([key("AKIA1", "Active"), key("AKIA2", "Inactive")])

test_pass_no_keys if check.compliant with input as user([])

test_fail_two_active if {
	inp := user([key("AKIA1", "Active"), key("AKIA2", "Active")])
	not check.compliant with input as inp
	check.message == "IAM user ci has 2 active access keys: AKIA1, AKIA2" with input as inp
}

test_fail_missing_derived if not check.compliant with input as {"meta": {"id": "u", "name": "u"}, "access_keys": []}
