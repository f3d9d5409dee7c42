package stance.kms.inline_policy_no_decrypt_all_keys_test

import data.stance.kms.inline_policy_no_decrypt_all_keys as check

inline(name, decrypt_all) := {
	"name": name,
	"document": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "kms:Decrypt", "Resource": "*"}]},
	"derived": {"allows_full_admin": false, "wildcard_service_actions": [], "allows_kms_decrypt_on_all_keys": decrypt_all, "allows_not_action_on_all_resources": false},
}

role(policies) := {
	"resource_type": "iam_role",
	"meta": {"id": "arn:aws:iam::222222222222:role/batch", "account_id": "222222222222", "region": "global", "name": "batch"},
	"path": "/",
	"assume_role_policy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]},
	"attached_policies": [],
	"inline_policies": policies,
	"derived": {"service_linked": false, "trusted_external_accounts": [], "trust_public": false},
}

test_pass_scoped if check.compliant with input as role([inline("read-config", false)])

test_pass_no_inline_policies if check.compliant with input as role([])

test_fail_decrypt_all if {
	inp := role([inline("read-config", false), inline("decrypt-everything", true)])
	not check.compliant with input as inp
	check.message == "IAM role batch has inline policies allowing kms:Decrypt or kms:ReEncryptFrom on all KMS keys: decrypt-everything" with input as inp
}

test_fail_group if {
	inp := {"resource_type": "iam_group", "meta": {"id": "arn:aws:iam::222222222222:group/devs", "name": "devs"}, "attached_policies": [], "inline_policies": [inline("kms", true)], "users": []}
	not check.compliant with input as inp
	check.message == "IAM group devs has inline policies allowing kms:Decrypt or kms:ReEncryptFrom on all KMS keys: kms" with input as inp
}
