package stance.kms.key_policy_not_public_test

import data.stance.kms.key_policy_not_public as check

key(statement, public, actions) := {
	"resource_type": "kms_key",
	"meta": {"id": "arn:aws:kms:us-east-1:333333333333:key/0003-demo", "account_id": "333333333333", "region": "us-east-1"},
	"key_id": "0003-demo",
	"key_manager": "CUSTOMER",
	"key_state": "Enabled",
	"policy": {"Version": "2012-10-17", "Statement": [statement]},
	"derived": {"rotatable": true, "policy": {"present": true, "public": public, "public_read": false, "public_write": false, "public_actions": actions, "denies_insecure_transport": false, "cross_account_principals": []}},
}

owner := {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::333333333333:root"}, "Action": "kms:*", "Resource": "*"}

everyone := {"Effect": "Allow", "Principal": "*", "Action": ["kms:Decrypt", "kms:DescribeKey"], "Resource": "*"}

test_pass_owner_only if check.compliant with input as key(owner, false, [])

test_fail_everyone if {
	inp := key(everyone, true, ["kms:Decrypt", "kms:DescribeKey"])
	not check.compliant with input as inp
	check.message == "KMS key 0003-demo policy allows everyone: kms:Decrypt, kms:DescribeKey" with input as inp
}
