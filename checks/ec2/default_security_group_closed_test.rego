package stance.ec2.default_security_group_closed_test

import data.stance.ec2.default_security_group_closed as check

sg(default_group, ingress, egress) := {
	"meta": {"id": "sg"},
	"group_id": "sg-1",
	"group_name": "default",
	"vpc_id": "vpc-1",
	"ingress": ingress,
	"egress": egress,
	"derived": {"is_default": default_group},
}

rule := {"protocol": "-1", "ipv4_ranges": ["0.0.0.0/0"]}

test_pass_empty_default if check.compliant with input as sg(true, [], [])

test_fail_default_with_rules if {
	not check.compliant with input as sg(true, [rule], [rule])
	check.message == "default security group sg-1 of vpc-1 has 1 inbound and 1 outbound rule(s)" with input as sg(true, [rule], [rule])
}

test_not_applicable_other_group if check.not_applicable with input as sg(false, [rule], [])
