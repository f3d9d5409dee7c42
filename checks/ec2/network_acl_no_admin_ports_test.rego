package stance.ec2.network_acl_no_admin_ports_test

import data.stance.ec2.network_acl_no_admin_ports as check

nacl(ports) := {"meta": {"id": "n"}, "network_acl_id": "acl-1", "derived": {"admin_ports_open_to_world": ports}}

test_pass_closed if check.compliant with input as nacl([])

test_fail_open if {
	not check.compliant with input as nacl([22, 3389])
	check.message == "network ACL acl-1 admits traffic from anywhere to port(s) 22, 3389" with input as nacl([22, 3389])
}
