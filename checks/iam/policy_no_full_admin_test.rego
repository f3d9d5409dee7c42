package stance.iam.policy_no_full_admin_test

import data.stance.iam.policy_no_full_admin as check

policy(admin, managed) := {
	"meta": {"id": "arn:aws:iam::1:policy/p", "name": "p"},
	"aws_managed": managed,
	"attachment_count": 2,
	"derived": {"allows_full_admin": admin},
}

test_pass_scoped if check.compliant with input as policy(false, false)

test_fail_admin if {
	not check.compliant with input as policy(true, false)
	check.message == "policy p allows all actions on all resources (attached to 2 entities)" with input as policy(true, false)
}

test_fail_missing_derived if not check.compliant with input as {"meta": {"id": "x", "name": "x"}, "aws_managed": false}

test_not_applicable_aws_managed if check.not_applicable with input as policy(true, true)
