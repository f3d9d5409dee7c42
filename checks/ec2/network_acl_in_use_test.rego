package stance.ec2.network_acl_in_use_test

import data.stance.ec2.network_acl_in_use as check

nacl(default_acl, subnets) := {
	"resource_type": "ec2_network_acl",
	"meta": {"id": "arn:aws:ec2:us-east-1:111111111111:network-acl/acl-0a1", "account_id": "111111111111", "region": "us-east-1"},
	"network_acl_id": "acl-0a1",
	"vpc_id": "vpc-0123",
	"is_default": default_acl,
	"entries": [],
	"associated_subnet_ids": subnets,
	"derived": {"admin_ports_open_to_world": []},
}

test_pass_associated if check.compliant with input as nacl(false, ["subnet-0a1"])

test_fail_unused if {
	not check.compliant with input as nacl(false, [])
	check.message == "network ACL acl-0a1 of vpc-0123 is not associated with any subnet" with input as nacl(false, [])
}

test_not_applicable_default if check.not_applicable with input as nacl(true, [])
