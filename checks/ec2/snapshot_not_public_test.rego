package stance.ec2.snapshot_not_public_test

import data.stance.ec2.snapshot_not_public as check

snapshot(public) := {
	"resource_type": "ec2_snapshot",
	"meta": {"id": "arn:aws:ec2:us-east-1::snapshot/snap-0a1b2c3d4e5f60718", "account_id": "111111111111", "region": "us-east-1"},
	"snapshot_id": "snap-0a1b2c3d4e5f60718",
	"encrypted": false,
	"volume_id": "vol-0123456789abcdef0",
	"public": public,
	"shared_with_accounts": [],
}

test_pass_private if check.compliant with input as snapshot(false)

test_fail_public if {
	not check.compliant with input as snapshot(true)
	check.message == "EBS snapshot snap-0a1b2c3d4e5f60718 (of vol-0123456789abcdef0) is restorable by every AWS account" with input as snapshot(true)
}
