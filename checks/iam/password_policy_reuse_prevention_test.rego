package stance.iam.password_policy_reuse_prevention_test

import data.stance.iam.password_policy_reuse_prevention as check

test_pass_24 if check.compliant with input as {"meta": {"id": "p", "account_id": "1"}, "exists": true, "password_reuse_prevention": 24}

test_fail_5 if not check.compliant with input as {"meta": {"id": "p", "account_id": "1"}, "exists": true, "password_reuse_prevention": 5}

test_fail_unset if {
	inp := {"meta": {"id": "p", "account_id": "1"}, "exists": true}
	not check.compliant with input as inp
	check.message == "account 1 password policy remembers 0 previous passwords (24 required)" with input as inp
}
