package stance.kms.iam_policy_no_decrypt_all_keys_test

import data.stance.kms.iam_policy_no_decrypt_all_keys as check

policy(managed, decrypt_all) := {
	"resource_type": "iam_policy",
	"meta": {"id": "arn:aws:iam::222222222222:policy/AppSecrets", "account_id": "222222222222", "name": "AppSecrets"},
	"aws_managed": managed,
	"attachment_count": 3,
	"document": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "kms:Decrypt", "Resource": "*"}]},
	"derived": {"allows_full_admin": false, "wildcard_service_actions": [], "allows_kms_decrypt_on_all_keys": decrypt_all, "allows_not_action_on_all_resources": false},
}

test_pass_scoped if check.compliant with input as policy(false, false)

test_fail_all_keys if {
	not check.compliant with input as policy(false, true)
	check.message == "policy AppSecrets allows kms:Decrypt or kms:ReEncryptFrom on all KMS keys (attached to 3 entities)" with input as policy(false, true)
}

test_not_applicable_aws_managed if check.not_applicable with input as policy(true, true)
