package stance.ec2.subnet_no_auto_public_ip_test

import data.stance.ec2.subnet_no_auto_public_ip as check

subnet(public) := {
	"resource_type": "ec2_subnet",
	"meta": {"id": "arn:aws:ec2:us-east-1:111111111111:subnet/subnet-0a1", "account_id": "111111111111", "region": "us-east-1"},
	"subnet_id": "subnet-0a1",
	"vpc_id": "vpc-0123",
	"availability_zone": "us-east-1a",
	"map_public_ip_on_launch": public,
	"derived": {"routes_to_internet_gateway": true},
}

test_pass_off if check.compliant with input as subnet(false)

test_fail_on if {
	not check.compliant with input as subnet(true)
	check.message == "subnet subnet-0a1 of vpc-0123 assigns public IPv4 addresses to instances on launch" with input as subnet(true)
}
