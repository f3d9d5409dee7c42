package stance.iam.user_console_mfa_test

import data.stance.iam.user_console_mfa as check

user(password, mfa) := {
	"meta": {"id": "arn:aws:iam::1:user/alice", "name": "alice"},
	"password_enabled": password,
	"derived": {"mfa_enabled": mfa},
}

test_pass_console_with_mfa if check.compliant with input as user(true, true)

test_fail_console_without_mfa if {
	not check.compliant with input as user(true, false)
	check.message == "IAM user alice can sign in to the console without MFA" with input as user(true, false)
}

test_not_applicable_without_password if check.not_applicable with input as user(false, false)
