# METADATA
# title: Security groups do not open SSH or RDP to 0.0.0.0/0
# description: |
#   Remote administration ports reachable from any IPv4 address invite brute force and exploit
#   attempts against every attached instance. Restrict them to known ranges, or use Session
#   Manager instead.
# custom:
#   id: ec2_security_group_no_admin_ports_ipv4
#   severity: high
#   scope: resource
#   resource_types: [ec2_security_group]
#   frameworks:
#     cis-aws-v3.0.0: ["5.2"]
#     cis-aws-v4.0.1: ["5.3"]
#     cis-aws-v5.0.0: ["5.3"]
#   remediation: |
#     Remove the inbound rules that allow 0.0.0.0/0 on TCP 22 or 3389 (or on all ports) and allow
#     only specific administrative CIDRs, or reach instances through Systems Manager Session Manager.
package stance.ec2.security_group_no_admin_ports_ipv4

default compliant := false

compliant if count(input.derived.admin_ports_open_ipv4) == 0

message := sprintf("security group %s (%s) allows 0.0.0.0/0 on port(s) %s", [input.group_id, input.group_name, concat(", ", [sprintf("%d", [p]) | some p in input.derived.admin_ports_open_ipv4])])

evidence := {"open_ports": input.derived.admin_ports_open_ipv4, "world_open_ingress": input.derived.world_open_ingress}
