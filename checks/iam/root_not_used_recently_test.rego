package stance.iam.root_not_used_recently_test

import data.stance.iam.root_not_used_recently as check

root(last_used, days) := {
	"resource_type": "iam_root_user",
	"meta": {"id": "arn:aws:iam::111111111111:root", "account_id": "111111111111", "name": "root"},
	"mfa_active": true,
	"password_last_used": last_used,
	"derived": {"days_since_last_use": days},
}

never_used := {
	"resource_type": "iam_root_user",
	"meta": {"id": "arn:aws:iam::111111111111:root", "account_id": "111111111111", "name": "root"},
	"mfa_active": true,
	"derived": {"days_since_last_use": null},
}

test_pass_old_use if check.compliant with input as root("2026-04-15T00:00:00Z", 200)

test_pass_never_used if check.compliant with input as never_used

test_fail_recent_sign_in if {
	inp := root("2026-10-29T00:00:00Z", 3)
	not check.compliant with input as inp
	check.message == "the root user of account 111111111111 was used 3 day(s) before collection" with input as inp
	check.evidence.password_last_used == "2026-10-29T00:00:00Z" with input as inp
}

test_fail_recent_key_use if {
	inp := {
		"meta": {"id": "arn:aws:iam::111111111111:root", "account_id": "111111111111"},
		"mfa_active": true,
		"access_key_last_used": "2026-10-31T00:00:00Z",
		"derived": {"days_since_last_use": 1},
	}
	not check.compliant with input as inp
}

test_fail_last_use_unknown if not check.compliant with input as root("2026-10-29T00:00:00Z", null)
