package stance.iam.user_credentials_used_within_45_days_test

import data.stance.iam.user_credentials_used_within_45_days as check

user(password, password_days, keys) := {
	"resource_type": "iam_user",
	"meta": {"id": "arn:aws:iam::111111111111:user/ana", "account_id": "111111111111", "name": "ana"},
	"created": "2024-01-10T00:00:00Z",
	"password_enabled": password,
	"access_keys": keys,
	"derived": {
		"active_access_key_count": count([k | some k in keys; k.status == "Active"]),
		"days_since_password_use": password_days,
	},
}

key(id, status, days) := {"id": id, "status": status, "created": "2024-01-10T00:00:00Z", "age_days": 500, "days_since_last_use": days}

test_pass_recent_use if check.compliant with input as user(true, 3, [key("AKIA1", "Active", 10)])

test_pass_programmatic_only if check.compliant with input as user(false, null, [key("AKIA1", "Active", 44)])

test_pass_stale_key_inactive if check.compliant with input as user(true, 1, [key("AKIA1", "Inactive", 300)])

test_fail_stale_password if {
	inp := user(true, 60, [])
	not check.compliant with input as inp
	check.message == "IAM user ana has credentials unused for 45 days or more: console password (60 days)" with input as inp
}

test_fail_stale_key_at_threshold if {
	inp := user(true, 2, [key("AKIA1", "Active", 45), key("AKIA2", "Active", 3)])
	not check.compliant with input as inp
	check.evidence.stale_credentials == ["access key AKIA1 (45 days)"] with input as inp
}

test_fail_password_use_unknown if not check.compliant with input as user(true, null, [])

test_not_applicable_no_credentials if check.not_applicable with input as user(false, null, [key("AKIA1", "Inactive", 900)])

test_not_applicable_iac if check.not_applicable with input as object.union(user(true, null, []), {"meta": {"source": {"kind": "iac", "file": "template.yaml", "line": 12, "format": "cloudformation", "logical_id": "Ana"}}})
