# METADATA
# title: Security groups do not open SSH or RDP to ::/0
# description: |
#   The IPv6 twin of the IPv4 rule: a world-open IPv6 range on TCP 22 or 3389 exposes remote
#   administration to the whole internet.
# custom:
#   id: ec2_security_group_no_admin_ports_ipv6
#   severity: high
#   scope: resource
#   resource_types: [ec2_security_group]
#   frameworks:
#     cis-aws-v3.0.0: ["5.3"]
#     cis-aws-v4.0.1: ["5.4"]
#     cis-aws-v5.0.0: ["5.4"]
#   remediation: |
#     Remove the inbound rules that allow ::/0 on TCP 22 or 3389 (or all ports); allow only
#     specific administrative ranges.
package stance.ec2.security_group_no_admin_ports_ipv6

default compliant := false

compliant if count(input.derived.admin_ports_open_ipv6) == 0

message := sprintf("security group %s (%s) allows ::/0 on port(s) %s", [input.group_id, input.group_name, concat(", ", [sprintf("%d", [p]) | some p in input.derived.admin_ports_open_ipv6])])
