# METADATA
# title: Default security groups allow no traffic
# description: |
#   Resources launched without an explicit security group land in the VPC's default group. If
#   it allows traffic, they silently get that access. Keep the default group empty and use
#   purpose-built groups.
# custom:
#   id: ec2_default_security_group_closed
#   severity: high
#   scope: resource
#   resource_types: [ec2_security_group]
#   frameworks:
#     cis-aws-v3.0.0: ["5.4"]
#     cis-aws-v4.0.1: ["5.5"]
#     cis-aws-v5.0.0: ["5.5"]
#     fsbp: [EC2.2]
#   remediation: |
#     Move any resources off the default security group, then delete all of its inbound and
#     outbound rules.
package stance.ec2.default_security_group_closed

default compliant := false

not_applicable := "not a default security group" if input.derived.is_default == false

compliant if {
	count(input.ingress) == 0
	count(input.egress) == 0
}

message := sprintf("default security group %s of %s has %d inbound and %d outbound rule(s)", [input.group_id, object.get(input, "vpc_id", "no VPC"), count(input.ingress), count(input.egress)])
