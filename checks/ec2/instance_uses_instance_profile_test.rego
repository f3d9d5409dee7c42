package stance.ec2.instance_uses_instance_profile_test

import data.stance.ec2.instance_uses_instance_profile as check

instance := {
	"resource_type": "ec2_instance",
	"meta": {"id": "arn:aws:ec2:us-east-1:333333333333:instance/i-0abc", "account_id": "333333333333", "region": "us-east-1", "name": "batch-1"},
	"instance_id": "i-0abc",
	"state": "running",
	"instance_type": "t3.medium",
	"metadata_options": {"http_tokens": "required", "http_endpoint": "enabled"},
	"derived": {"imdsv2_required": true},
}

test_pass_profile if check.compliant with input as object.union(instance, {"iam_instance_profile_arn": "arn:aws:iam::333333333333:instance-profile/batch"})

test_fail_no_profile if {
	not check.compliant with input as instance
	check.message == "instance i-0abc (batch-1) has no IAM instance profile" with input as instance
}

test_not_applicable_terminated if check.not_applicable with input as object.union(instance, {"state": "terminated"})
