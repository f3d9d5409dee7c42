package stance.efs.access_point_posix_user_test

import data.stance.efs.access_point_posix_user as check

ap(enforced) := {
	"resource_type": "efs_access_point",
	"meta": {"id": "arn:aws:elasticfilesystem:us-east-1:111111111111:access-point/fsap-0a1b2c3d4e5f6a7b8", "account_id": "111111111111", "region": "us-east-1", "name": "uploads"},
	"file_system_id": "fs-0123456789abcdef0",
	"root_directory_path": "/uploads",
	"posix_user_enforced": enforced,
}

test_pass_enforced if check.compliant with input as ap(true)

test_fail_not_enforced if {
	not check.compliant with input as ap(false)
	check.message == "EFS access point uploads on fs-0123456789abcdef0 does not enforce a POSIX user identity" with input as ap(false)
}
