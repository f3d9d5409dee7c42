package stance.ec2.security_group_no_high_risk_ports_test

import data.stance.ec2.security_group_no_high_risk_ports as check

range(protocol, from, to, cidr) := {"protocol": protocol, "from_port": from, "to_port": to, "cidr": cidr, "ip_version": 4}

sg(ranges) := {
	"resource_type": "ec2_security_group",
	"meta": {"id": "arn:aws:ec2:us-east-1:111111111111:security-group/sg-0db", "account_id": "111111111111", "region": "us-east-1"},
	"group_id": "sg-0db",
	"group_name": "db",
	"vpc_id": "vpc-0123",
	"derived": {"is_default": false, "world_open_ingress": ranges, "admin_ports_open_ipv4": [], "admin_ports_open_ipv6": [], "rule_count": count(ranges)},
}

test_pass_web_only if check.compliant with input as sg([range("tcp", 443, 443, "0.0.0.0/0")])

test_pass_no_world_rules if check.compliant with input as sg([])

test_fail_database_ports if {
	s := sg([range("tcp", 3306, 3306, "0.0.0.0/0"), range("tcp", 5400, 5500, "::/0")])
	not check.compliant with input as s
	check.message == "security group sg-0db (db) opens high-risk port(s) 3306, 5432, 5500 to the internet" with input as s
}

test_fail_all_traffic if not check.compliant with input as sg([range("-1", 0, 65535, "0.0.0.0/0")])

test_fail_without_derived_facts if not check.compliant with input as {"resource_type": "ec2_security_group", "meta": {"id": "x"}, "group_id": "sg-1", "group_name": "x"}
