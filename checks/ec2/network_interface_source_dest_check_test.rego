package stance.ec2.network_interface_source_dest_check_test

import data.stance.ec2.network_interface_source_dest_check as check

eni(type, managed, check_on) := {
	"resource_type": "ec2_network_interface",
	"meta": {"id": "arn:aws:ec2:us-east-1:111111111111:network-interface/eni-0a1b2c3d4e5f60718", "account_id": "111111111111", "region": "us-east-1", "name": "eni-0a1b2c3d4e5f60718"},
	"interface_type": type,
	"requester_managed": managed,
	"source_dest_check": check_on,
	"attached_instance_id": "i-0nat",
}

test_pass_enabled if check.compliant with input as eni("interface", false, true)

test_fail_disabled if {
	not check.compliant with input as eni("interface", false, false)
	check.message == "network interface eni-0a1b2c3d4e5f60718 (attached to i-0nat) has source/destination checking disabled" with input as eni("interface", false, false)
}

test_not_applicable_service_managed if check.not_applicable with input as eni("interface", true, false)

test_not_applicable_nat_gateway if check.not_applicable with input as eni("nat_gateway", false, false)
