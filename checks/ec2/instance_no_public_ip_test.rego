package stance.ec2.instance_no_public_ip_test

import data.stance.ec2.instance_no_public_ip as check

instance := {
	"resource_type": "ec2_instance",
	"meta": {"id": "arn:aws:ec2:us-east-1:111111111111:instance/i-0a1b2c3d4e5f60718", "account_id": "111111111111", "region": "us-east-1", "name": "app-0"},
	"instance_id": "i-0a1b2c3d4e5f60718",
	"state": "running",
	"subnet_id": "subnet-0a1",
}

test_pass_private if check.compliant with input as instance

test_fail_public if {
	i := object.union(instance, {"public_ip_address": "203.0.113.10"})
	not check.compliant with input as i
	check.message == "instance i-0a1b2c3d4e5f60718 has the public IPv4 address 203.0.113.10" with input as i
}

test_not_applicable_terminated if check.not_applicable with input as object.union(instance, {"state": "terminated"})
