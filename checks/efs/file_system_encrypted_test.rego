package stance.efs.file_system_encrypted_test

import data.stance.efs.file_system_encrypted as check

fs(encrypted) := {
	"resource_type": "efs_file_system",
	"meta": {"id": "arn:aws:elasticfilesystem:us-east-1:111111111111:file-system/fs-0123456789abcdef0", "account_id": "111111111111", "region": "us-east-1", "name": "shared-home"},
	"file_system_id": "fs-0123456789abcdef0",
	"encrypted": encrypted,
	"mount_target_subnet_ids": ["subnet-0a1"],
}

test_pass_encrypted if check.compliant with input as object.union(fs(true), {"kms_key_id": "arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab"})

test_fail_unencrypted if {
	not check.compliant with input as fs(false)
	check.message == "EFS file system fs-0123456789abcdef0 (shared-home) is not encrypted at rest" with input as fs(false)
}
