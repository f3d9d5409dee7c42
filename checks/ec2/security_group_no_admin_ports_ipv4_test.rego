package stance.ec2.security_group_no_admin_ports_ipv4_test

import data.stance.ec2.security_group_no_admin_ports_ipv4 as check

sg(ports) := {
	"meta": {"id": "arn:aws:ec2:us-east-1:1:security-group/sg-1"},
	"group_id": "sg-1",
	"group_name": "web",
	"derived": {"admin_ports_open_ipv4": ports, "world_open_ingress": []},
}

test_pass_closed if check.compliant with input as sg([])

test_fail_ssh_open if {
	not check.compliant with input as sg([22])
	check.message == "security group sg-1 (web) allows 0.0.0.0/0 on port(s) 22" with input as sg([22])
}

test_fail_without_derived_facts if not check.compliant with input as {"meta": {"id": "x"}, "group_id": "sg-2", "group_name": "x"}
