package stance.ec2.transit_gateway_no_auto_accept_test

import data.stance.ec2.transit_gateway_no_auto_accept as check

tgw(auto) := {
	"resource_type": "ec2_transit_gateway",
	"meta": {"id": "arn:aws:ec2:us-east-1:111111111111:transit-gateway/tgw-0a1b2c3d", "account_id": "111111111111", "region": "us-east-1", "name": "core"},
	"auto_accept_shared_attachments": auto,
}

test_pass_manual if check.compliant with input as tgw(false)

test_fail_auto_accept if {
	not check.compliant with input as tgw(true)
	check.message == "transit gateway core accepts shared VPC attachments automatically" with input as tgw(true)
}

test_fail_unnamed_uses_id if {
	t := json.remove(tgw(true), ["meta/name"])
	check.message == "transit gateway tgw-0a1b2c3d accepts shared VPC attachments automatically" with input as t
}
