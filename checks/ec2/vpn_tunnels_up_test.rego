package stance.ec2.vpn_tunnels_up_test

import data.stance.ec2.vpn_tunnels_up as check

tunnel(ip, status) := {"outside_ip_address": ip, "status": status, "logging_enabled": true}

vpn(state, tunnels) := {
	"resource_type": "ec2_vpn_connection",
	"meta": {"id": "arn:aws:ec2:us-east-1:111111111111:vpn-connection/vpn-0a1b2c3d", "account_id": "111111111111", "region": "us-east-1", "name": "vpn-0a1b2c3d"},
	"state": state,
	"tunnels": tunnels,
}

test_pass_both_up if check.compliant with input as vpn("available", [tunnel("198.51.100.1", "UP"), tunnel("198.51.100.2", "UP")])

test_fail_one_down if {
	v := vpn("available", [tunnel("198.51.100.1", "UP"), tunnel("198.51.100.2", "DOWN")])
	not check.compliant with input as v
	check.message == "VPN connection vpn-0a1b2c3d has tunnel(s) down: 198.51.100.2" with input as v
}

test_fail_no_tunnels if not check.compliant with input as vpn("available", [])

test_not_applicable_deleted if check.not_applicable with input as vpn("deleted", [])
