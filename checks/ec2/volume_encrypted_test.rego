package stance.ec2.volume_encrypted_test

import data.stance.ec2.volume_encrypted as check

volume(encrypted, attached) := {
	"resource_type": "ec2_volume",
	"meta": {"id": "arn:aws:ec2:us-east-1:111111111111:volume/vol-0123456789abcdef0", "account_id": "111111111111", "region": "us-east-1"},
	"volume_id": "vol-0123456789abcdef0",
	"encrypted": encrypted,
	"size_gib": 100,
	"state": "in-use",
	"attached_instance_ids": attached,
}

test_pass_encrypted if check.compliant with input as volume(true, ["i-0abc"])

test_fail_unencrypted if {
	not check.compliant with input as volume(false, ["i-0abc"])
	check.message == "EBS volume vol-0123456789abcdef0 attached to i-0abc is not encrypted" with input as volume(false, ["i-0abc"])
}

test_not_applicable_detached if check.not_applicable with input as volume(false, [])
