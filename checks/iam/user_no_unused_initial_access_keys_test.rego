package stance.iam.user_no_unused_initial_access_keys_test

import data.stance.iam.user_no_unused_initial_access_keys as check

user(password, keys) := {
	"resource_type": "iam_user",
	"meta": {"id": "arn:aws:iam::111111111111:user/dev-1", "account_id": "111111111111", "name": "dev-1"},
	"created": "2025-11-21T00:00:00Z",
	"password_enabled": password,
	"access_keys": keys,
	"derived": {"active_access_key_count": count([k | some k in keys; k.status == "Active"])},
}

used_key := {"id": "AKIADEMO000022222222", "status": "Active", "created": "2025-11-21T00:00:00Z", "last_used": "2026-10-20T00:00:00Z", "age_days": 345, "days_since_last_use": 12}

unused_key := {"id": "AKIADEMO000033333333", "status": "Active", "created": "2025-11-21T00:00:00Z", "age_days": 345, "days_since_last_use": 345}

test_pass_used_key if check.compliant with input as user(true, [used_key])

test_pass_unused_key_inactive if check.compliant with input as user(true, [used_key, object.union(unused_key, {"status": "Inactive"})])

test_fail_never_used_key if {
	inp := user(true, [used_key, unused_key])
	not check.compliant with input as inp
	check.message == "IAM user dev-1 has a console password and active access key(s) never used: AKIADEMO000033333333" with input as inp
}

test_not_applicable_programmatic_user if check.not_applicable == "the user has no console password" with input as user(false, [unused_key])

test_not_applicable_no_keys if check.not_applicable with input as user(true, [])
