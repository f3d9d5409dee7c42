package stance.kms.key_rotation_enabled_test

import data.stance.kms.key_rotation_enabled as check

key(manager, rotatable, rotation) := {
	"meta": {"id": "k"},
	"key_id": "k-1",
	"key_manager": manager,
	"key_state": "Enabled",
	"key_spec": "SYMMETRIC_DEFAULT",
	"origin": "AWS_KMS",
	"rotation_enabled": rotation,
	"derived": {"rotatable": rotatable},
}

test_pass_rotating if check.compliant with input as key("CUSTOMER", true, true)

test_fail_not_rotating if {
	not check.compliant with input as key("CUSTOMER", true, false)
	check.message == "KMS key k-1 does not rotate automatically" with input as key("CUSTOMER", true, false)
}

test_not_applicable_aws_managed if check.not_applicable with input as key("AWS", false, false)

test_not_applicable_asymmetric if {
	inp := object.union(key("CUSTOMER", false, false), {"key_spec": "RSA_2048"})
	check.not_applicable == "rotation does not apply to RSA_2048 keys from AWS_KMS" with input as inp
}
