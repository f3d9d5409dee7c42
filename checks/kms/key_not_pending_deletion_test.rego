package stance.kms.key_not_pending_deletion_test

import data.stance.kms.key_not_pending_deletion as check

key(manager, state) := {
	"resource_type": "kms_key",
	"meta": {"id": "arn:aws:kms:eu-west-1:222222222222:key/0002-demo", "account_id": "222222222222", "region": "eu-west-1", "name": "alias/app-1"},
	"key_id": "0002-demo",
	"key_manager": manager,
	"key_state": state,
	"key_spec": "SYMMETRIC_DEFAULT",
	"origin": "AWS_KMS",
	"derived": {"rotatable": false},
}

test_pass_enabled if check.compliant with input as key("CUSTOMER", "Enabled")

test_pass_disabled if check.compliant with input as key("CUSTOMER", "Disabled")

test_fail_pending_deletion if {
	inp := object.union(key("CUSTOMER", "PendingDeletion"), {"deletion_date": "2026-11-20T00:00:00Z"})
	not check.compliant with input as inp
	check.message == "KMS key 0002-demo (alias/app-1) is scheduled for deletion on 2026-11-20T00:00:00Z" with input as inp
}

test_not_applicable_aws_managed if check.not_applicable with input as key("AWS", "Enabled")
