package stance.ec2.vpn_tunnel_logging_test

import data.stance.ec2.vpn_tunnel_logging as check

tunnel(ip, logging) := {"outside_ip_address": ip, "status": "UP", "logging_enabled": logging}

vpn(state, tunnels) := {
	"resource_type": "ec2_vpn_connection",
	"meta": {"id": "arn:aws:ec2:us-east-1:111111111111:vpn-connection/vpn-0a1b2c3d", "account_id": "111111111111", "region": "us-east-1", "name": "vpn-0a1b2c3d"},
	"state": state,
	"tunnels": tunnels,
}

test_pass_both_logging if check.compliant with input as vpn("available", [tunnel("198.51.100.1", true), tunnel("198.51.100.2", true)])

test_fail_one_unlogged if {
	v := vpn("available", [tunnel("198.51.100.1", true), tunnel("198.51.100.2", false)])
	not check.compliant with input as v
	check.message == "VPN connection vpn-0a1b2c3d does not log tunnel(s) 198.51.100.2 to CloudWatch Logs" with input as v
}

test_not_applicable_deleted if check.not_applicable with input as vpn("deleted", [])
