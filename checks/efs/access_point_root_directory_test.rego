package stance.efs.access_point_root_directory_test

import data.stance.efs.access_point_root_directory as check

ap := {
	"resource_type": "efs_access_point",
	"meta": {"id": "arn:aws:elasticfilesystem:us-east-1:111111111111:access-point/fsap-0a1b2c3d4e5f6a7b8", "account_id": "111111111111", "region": "us-east-1", "name": "fsap-0a1b2c3d4e5f6a7b8"},
	"file_system_id": "fs-0123456789abcdef0",
	"posix_user_enforced": true,
}

test_pass_subdirectory if check.compliant with input as object.union(ap, {"root_directory_path": "/app"})

test_fail_root if {
	not check.compliant with input as object.union(ap, {"root_directory_path": "/"})
	check.message == "EFS access point fsap-0a1b2c3d4e5f6a7b8 on fs-0123456789abcdef0 exposes the file system root (/)" with input as object.union(ap, {"root_directory_path": "/"})
}

test_fail_unset if not check.compliant with input as ap
