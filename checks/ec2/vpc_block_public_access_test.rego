package stance.ec2.vpc_block_public_access_test

import data.stance.ec2.vpc_block_public_access as check

bpa(mode) := {
	"resource_type": "ec2_vpc_block_public_access",
	"meta": {"id": "arn:aws:ec2:us-east-1:111111111111:vpc-block-public-access", "account_id": "111111111111", "region": "us-east-1"},
	"internet_gateway_block_mode": mode,
}

test_pass_bidirectional if check.compliant with input as bpa("block-bidirectional")

test_pass_ingress if check.compliant with input as bpa("block-ingress")

test_fail_off if {
	not check.compliant with input as bpa("off")
	check.message == "VPC Block Public Access is off in us-east-1 (account 111111111111)" with input as bpa("off")
}
