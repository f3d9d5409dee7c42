package stance.efs.mount_targets_not_public_test

import data.stance.efs.mount_targets_not_public as check

fs(public_subnets) := {
	"resource_type": "efs_file_system",
	"meta": {"id": "arn:aws:elasticfilesystem:us-east-1:111111111111:file-system/fs-0123456789abcdef0", "account_id": "111111111111", "region": "us-east-1", "name": "shared-home"},
	"file_system_id": "fs-0123456789abcdef0",
	"encrypted": true,
	"mount_target_subnet_ids": ["subnet-0a1", "subnet-0b2"],
	"derived": {"mount_targets_in_public_subnets": public_subnets},
}

test_pass_private if check.compliant with input as fs([])

test_fail_public_subnet if {
	not check.compliant with input as fs(["subnet-0b2"])
	check.message == "EFS file system fs-0123456789abcdef0 (shared-home) has mount targets in subnets that assign public IPs: subnet-0b2" with input as fs(["subnet-0b2"])
}
