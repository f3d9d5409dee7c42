package stance.iam.user_no_direct_policies_test

import data.stance.iam.user_no_direct_policies as check

user(attached, inline, direct) := {
	"resource_type": "iam_user",
	"meta": {"id": "arn:aws:iam::111111111111:user/bob", "account_id": "111111111111", "name": "bob"},
	"attached_policies": attached,
	"inline_policies": inline,
	"groups": ["engineers"],
	"derived": {"has_direct_policies": direct},
}

inline_policy := {
	"name": "adhoc",
	"document": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]},
	"derived": {"allows_full_admin": false, "wildcard_service_actions": [], "allows_kms_decrypt_on_all_keys": false, "allows_not_action_on_all_resources": false},
}

test_pass_groups_only if check.compliant with input as user([], [], false)

test_fail_attached_and_inline if {
	inp := user(["arn:aws:iam::aws:policy/ReadOnlyAccess"], [inline_policy], true)
	not check.compliant with input as inp
	check.message == "IAM user bob has policies attached directly: arn:aws:iam::aws:policy/ReadOnlyAccess, adhoc" with input as inp
}
