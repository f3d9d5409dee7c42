package stance.ec2.security_group_no_admin_ports_ipv6_test

import data.stance.ec2.security_group_no_admin_ports_ipv6 as check

sg(ports) := {"meta": {"id": "sg"}, "group_id": "sg-1", "group_name": "web", "derived": {"admin_ports_open_ipv6": ports}}

test_pass_closed if check.compliant with input as sg([])

test_fail_rdp_open if {
	not check.compliant with input as sg([3389])
	check.message == "security group sg-1 (web) allows ::/0 on port(s) 3389" with input as sg([3389])
}
