package stance.iam.cloudshell_full_access_not_attached_test

import data.stance.iam.cloudshell_full_access_not_attached as check

cloudshell(users, roles) := {
	"resource_type": "iam_policy",
	"meta": {"id": "arn:aws:iam::aws:policy/AWSCloudShellFullAccess", "arn": "arn:aws:iam::aws:policy/AWSCloudShellFullAccess", "account_id": "111111111111", "region": "global", "name": "AWSCloudShellFullAccess"},
	"aws_managed": true,
	"attachment_count": count(users) + count(roles),
	"attached_users": users,
	"attached_groups": [],
	"attached_roles": roles,
	"derived": {"allows_full_admin": false, "wildcard_service_actions": ["cloudshell:*"]},
}

readonly := {
	"resource_type": "iam_policy",
	"meta": {"id": "arn:aws:iam::aws:policy/ReadOnlyAccess", "account_id": "111111111111", "name": "ReadOnlyAccess"},
	"aws_managed": true,
	"attachment_count": 1,
	"attached_roles": ["auditor"],
}

account(policies) := {"account_id": "111111111111", "partition": "aws", "regions": ["us-east-1"], "resources": {"iam_policy": policies}}

test_pass_not_attached if check.compliant with input as account([readonly])

test_fail_attached if {
	inp := account([readonly, cloudshell(["dev-1"], ["ops"])])
	not check.compliant with input as inp
	check.message == "account 111111111111 attaches AWSCloudShellFullAccess to role ops, user dev-1" with input as inp
	check.evidence.attached_to == ["role ops", "user dev-1"] with input as inp
}
