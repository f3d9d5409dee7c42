package stance.cloudtrail.kms_encryption_enabled_test

import data.stance.cloudtrail.kms_encryption_enabled as check

test_pass_kms if check.compliant with input as {"meta": {"id": "t", "name": "t"}, "kms_key_id": "arn:aws:kms:us-east-1:1:key/k"}

test_fail_no_key if {
	inp := {"meta": {"id": "t", "name": "main"}}
	not check.compliant with input as inp
	check.message == "trail main logs are not encrypted with a KMS key" with input as inp
}
