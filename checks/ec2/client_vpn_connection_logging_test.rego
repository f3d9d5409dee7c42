package stance.ec2.client_vpn_connection_logging_test

import data.stance.ec2.client_vpn_connection_logging as check

endpoint(enabled) := {
	"resource_type": "ec2_client_vpn_endpoint",
	"meta": {"id": "arn:aws:ec2:us-east-1:111111111111:client-vpn-endpoint/cvpn-endpoint-0a1b2c3d", "account_id": "111111111111", "region": "us-east-1", "name": "staff-vpn"},
	"connection_logging_enabled": enabled,
}

test_pass_logging if check.compliant with input as endpoint(true)

test_fail_not_logging if {
	not check.compliant with input as endpoint(false)
	check.message == "Client VPN endpoint staff-vpn does not log client connections" with input as endpoint(false)
}
