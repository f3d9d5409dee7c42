package stance.iam.password_policy_min_length_test

import data.stance.iam.password_policy_min_length as check

policy(length) := {"meta": {"id": "p", "account_id": "111111111111"}, "exists": true, "minimum_password_length": length}

test_pass_fourteen if check.compliant with input as policy(14)

test_fail_twelve if {
	not check.compliant with input as policy(12)
	check.message == "account 111111111111 password policy requires only 12 characters" with input as policy(12)
}

test_fail_no_policy if {
	inp := {"meta": {"id": "p", "account_id": "111111111111"}, "exists": false}
	not check.compliant with input as inp
	contains(check.message, "no password policy") with input as inp
}
