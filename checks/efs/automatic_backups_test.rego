package stance.efs.automatic_backups_test

import data.stance.efs.automatic_backups as check

fs := {
	"resource_type": "efs_file_system",
	"meta": {"id": "arn:aws:elasticfilesystem:us-east-1:111111111111:file-system/fs-0123456789abcdef0", "account_id": "111111111111", "region": "us-east-1", "name": "shared-home"},
	"file_system_id": "fs-0123456789abcdef0",
	"encrypted": true,
}

test_pass_enabled if check.compliant with input as object.union(fs, {"backup_policy_status": "ENABLED"})

test_fail_disabled if {
	not check.compliant with input as object.union(fs, {"backup_policy_status": "DISABLED"})
	check.message == "EFS file system fs-0123456789abcdef0 (shared-home) has automatic backups disabled" with input as object.union(fs, {"backup_policy_status": "DISABLED"})
}

test_fail_unknown if {
	not check.compliant with input as fs
	check.message == "EFS file system fs-0123456789abcdef0 (shared-home) has automatic backups in an unknown state" with input as fs
}
