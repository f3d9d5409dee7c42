package stance.iam.support_role_exists_test

import data.stance.iam.support_role_exists as check

support_policy(users, groups, roles) := {
	"resource_type": "iam_policy",
	"meta": {"id": "arn:aws:iam::aws:policy/AWSSupportAccess", "arn": "arn:aws:iam::aws:policy/AWSSupportAccess", "account_id": "111111111111", "region": "global", "name": "AWSSupportAccess"},
	"aws_managed": true,
	"attachment_count": (count(users) + count(groups)) + count(roles),
	"attached_users": users,
	"attached_groups": groups,
	"attached_roles": roles,
	"document": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["support:*"], "Resource": "*"}]},
	"derived": {"allows_full_admin": false, "wildcard_service_actions": ["support:*"], "allows_kms_decrypt_on_all_keys": false, "allows_not_action_on_all_resources": false},
}

other_policy := {
	"resource_type": "iam_policy",
	"meta": {"id": "arn:aws:iam::111111111111:policy/AWSSupportAccess", "account_id": "111111111111", "name": "AWSSupportAccess"},
	"aws_managed": false,
	"attachment_count": 1,
	"attached_roles": ["impostor"],
}

account(policies) := {"account_id": "111111111111", "partition": "aws", "regions": ["us-east-1"], "resources": {"iam_policy": policies}}

test_pass_role_attached if check.compliant with input as account([support_policy([], [], ["support-responders"])])

test_fail_no_policy if {
	not check.compliant with input as account([])
	check.message == "account 111111111111 has no IAM role with AWSSupportAccess" with input as account([])
}

test_fail_users_only if {
	inp := account([support_policy(["alice"], ["support"], [])])
	not check.compliant with input as inp
	check.message == "account 111111111111 has no IAM role with AWSSupportAccess (the policy is attached only to group support, user alice)" with input as inp
}

test_fail_customer_policy_with_same_name if not check.compliant with input as account([other_policy])
