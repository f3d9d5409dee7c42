package stance.iam.password_policy_strong_test

import data.stance.iam.password_policy_strong as check

strong := {
	"resource_type": "iam_password_policy",
	"meta": {"id": "arn:aws:iam::111111111111:account-password-policy", "account_id": "111111111111", "region": "global"},
	"exists": true,
	"minimum_password_length": 8,
	"require_symbols": true,
	"require_numbers": true,
	"require_uppercase_characters": true,
	"require_lowercase_characters": true,
	"allow_users_to_change_password": true,
	"hard_expiry": false,
}

test_pass_strong if check.compliant with input as strong

test_fail_weak if {
	inp := object.union(strong, {"minimum_password_length": 6, "require_symbols": false})
	not check.compliant with input as inp
	check.message == "account 111111111111 password policy does not require at least 8 characters, symbols" with input as inp
}

test_fail_no_policy if {
	inp := {"meta": strong.meta, "exists": false, "require_symbols": false, "require_numbers": false, "require_uppercase_characters": false, "require_lowercase_characters": false}
	not check.compliant with input as inp
	check.message == "account 111111111111 has no password policy (the IAM default does not require all four character classes)" with input as inp
}
