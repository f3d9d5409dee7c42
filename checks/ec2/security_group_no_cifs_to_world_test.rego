package stance.ec2.security_group_no_cifs_to_world_test

import data.stance.ec2.security_group_no_cifs_to_world as check

sg(ranges) := {
	"resource_type": "ec2_security_group",
	"meta": {"id": "arn:aws:ec2:eu-west-1:222222222222:security-group/sg-0f1", "account_id": "222222222222", "region": "eu-west-1"},
	"group_id": "sg-0f1",
	"group_name": "files",
	"vpc_id": "vpc-1",
	"derived": {"is_default": false, "world_open_ingress": ranges, "admin_ports_open_ipv4": [], "admin_ports_open_ipv6": [], "rule_count": count(ranges)},
}

https := {"protocol": "tcp", "from_port": 443, "to_port": 443, "cidr": "0.0.0.0/0", "ip_version": 4}

smb6 := {"protocol": "tcp", "from_port": 445, "to_port": 445, "cidr": "::/0", "ip_version": 6}

everything := {"protocol": "-1", "from_port": 0, "to_port": 65535, "cidr": "0.0.0.0/0", "ip_version": 4}

udp := {"protocol": "udp", "from_port": 0, "to_port": 65535, "cidr": "0.0.0.0/0", "ip_version": 4}

test_pass_https_only if check.compliant with input as sg([https, udp])

test_fail_smb_ipv6 if {
	not check.compliant with input as sg([https, smb6])
	check.message == "security group sg-0f1 (files) allows TCP 445 (CIFS/SMB) from anywhere: ::/0 tcp 445-445" with input as sg([https, smb6])
}

test_fail_all_traffic if not check.compliant with input as sg([everything])

test_fail_without_derived_facts if not check.compliant with input as {"meta": {"id": "x"}, "group_id": "sg-2", "group_name": "x"}
