package stance.ec2.route_table_peering_least_access_test

import data.stance.ec2.route_table_peering_least_access as check

table(routes) := {
	"resource_type": "ec2_route_table",
	"meta": {"id": "arn:aws:ec2:us-east-1:111111111111:route-table/rtb-0a1", "account_id": "111111111111", "region": "us-east-1"},
	"route_table_id": "rtb-0a1",
	"vpc_id": "vpc-1",
	"main": false,
	"associated_subnet_ids": ["subnet-1"],
	"routes": routes,
}

local := {"destination_cidr_block": "10.0.0.0/16", "gateway_id": "local"}

internet := {"destination_cidr_block": "0.0.0.0/0", "gateway_id": "igw-1"}

peer_subnet := {"destination_cidr_block": "10.1.4.0/24", "vpc_peering_connection_id": "pcx-1"}

test_pass_specific_peer_routes if check.compliant with input as table([local, internet, peer_subnet])

test_fail_default_route_to_peer if {
	inp := table([local, peer_subnet, {"destination_cidr_block": "0.0.0.0/0", "vpc_peering_connection_id": "pcx-2"}])
	not check.compliant with input as inp
	check.message == "route table rtb-0a1 sends broad ranges to VPC peering connections: 0.0.0.0/0 via pcx-2" with input as inp
}

test_fail_wider_than_a_vpc if not check.compliant with input as table([{"destination_cidr_block": "10.0.0.0/8", "vpc_peering_connection_id": "pcx-1"}])

test_fail_ipv6_default if not check.compliant with input as table([{"destination_ipv6_cidr_block": "::/0", "vpc_peering_connection_id": "pcx-1"}])

test_not_applicable_no_peering if check.not_applicable with input as table([local, internet])
