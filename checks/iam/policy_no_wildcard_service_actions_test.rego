package stance.iam.policy_no_wildcard_service_actions_test

import data.stance.iam.policy_no_wildcard_service_actions as check

policy(managed, wildcards) := {
	"resource_type": "iam_policy",
	"meta": {"id": "arn:aws:iam::111111111111:policy/DataPipeline", "account_id": "111111111111", "name": "DataPipeline"},
	"aws_managed": managed,
	"attachment_count": 1,
	"attached_roles": ["pipeline"],
	"document": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": wildcards, "Resource": "*"}]},
	"derived": {"allows_full_admin": false, "wildcard_service_actions": wildcards, "allows_kms_decrypt_on_all_keys": false, "allows_not_action_on_all_resources": false},
}

test_pass_specific_actions if check.compliant with input as policy(false, [])

test_fail_wildcards if {
	inp := policy(false, ["kms:*", "s3:*"])
	not check.compliant with input as inp
	check.message == "policy DataPipeline allows service-wide wildcard actions: kms:*, s3:*" with input as inp
}

test_not_applicable_aws_managed if check.not_applicable with input as policy(true, ["s3:*"])
