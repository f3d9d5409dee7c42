package stance.ec2.security_group_authorized_ports_test

import data.stance.ec2.security_group_authorized_ports as check

range(protocol, from, to, cidr) := {"protocol": protocol, "from_port": from, "to_port": to, "cidr": cidr, "ip_version": 4}

sg(ranges) := {
	"resource_type": "ec2_security_group",
	"meta": {"id": "arn:aws:ec2:us-east-1:111111111111:security-group/sg-0web", "account_id": "111111111111", "region": "us-east-1"},
	"group_id": "sg-0web",
	"group_name": "web",
	"vpc_id": "vpc-0123",
	"derived": {"is_default": false, "world_open_ingress": ranges, "admin_ports_open_ipv4": [], "admin_ports_open_ipv6": [], "rule_count": count(ranges)},
}

test_pass_web_ports if check.compliant with input as sg([range("tcp", 443, 443, "0.0.0.0/0"), range("tcp", 80, 80, "::/0")])

test_fail_extra_ports if {
	s := sg([range("tcp", 443, 443, "0.0.0.0/0"), range("tcp", 8080, 8080, "0.0.0.0/0"), range("udp", 53, 53, "::/0"), range("-1", 0, 65535, "0.0.0.0/0")])
	not check.compliant with input as s
	check.message == "security group sg-0web (web) opens unauthorized ports to the internet: all traffic from 0.0.0.0/0; tcp 8080 from 0.0.0.0/0; udp 53 from ::/0" with input as s
}

test_fail_range_spanning_authorized_ports if not check.compliant with input as sg([range("tcp", 80, 443, "0.0.0.0/0")])

test_fail_icmp if not check.compliant with input as sg([range("icmp", 8, 0, "0.0.0.0/0")])

test_not_applicable_no_world_rules if check.not_applicable with input as sg([])
