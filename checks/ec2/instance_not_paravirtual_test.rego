package stance.ec2.instance_not_paravirtual_test

import data.stance.ec2.instance_not_paravirtual as check

instance(virt) := {
	"resource_type": "ec2_instance",
	"meta": {"id": "arn:aws:ec2:us-east-1:111111111111:instance/i-0a1b2c3d4e5f60718", "account_id": "111111111111", "region": "us-east-1"},
	"instance_id": "i-0a1b2c3d4e5f60718",
	"state": "running",
	"instance_type": "m1.small",
	"virtualization_type": virt,
}

test_pass_hvm if check.compliant with input as instance("hvm")

test_fail_paravirtual if {
	not check.compliant with input as instance("paravirtual")
	check.message == "instance i-0a1b2c3d4e5f60718 uses paravirtual virtualization" with input as instance("paravirtual")
}

test_fail_unknown if not check.compliant with input as instance("")

test_not_applicable_terminated if check.not_applicable with input as object.union(instance("paravirtual"), {"state": "terminated"})
