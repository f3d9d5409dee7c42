package stance.ec2.instance_single_eni_test

import data.stance.ec2.instance_single_eni as check

instance(count) := {
	"resource_type": "ec2_instance",
	"meta": {"id": "arn:aws:ec2:us-east-1:111111111111:instance/i-0a1b2c3d4e5f60718", "account_id": "111111111111", "region": "us-east-1"},
	"instance_id": "i-0a1b2c3d4e5f60718",
	"state": "running",
	"network_interface_count": count,
}

test_pass_one if check.compliant with input as instance(1)

test_fail_three if {
	not check.compliant with input as instance(3)
	check.message == "instance i-0a1b2c3d4e5f60718 has 3 network interfaces attached" with input as instance(3)
}

test_not_applicable_terminated if check.not_applicable with input as object.union(instance(2), {"state": "terminated"})
