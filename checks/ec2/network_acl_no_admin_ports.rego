# METADATA
# title: Network ACLs do not admit SSH or RDP from anywhere
# description: |
#   A network ACL entry that allows 0.0.0.0/0 or ::/0 to reach TCP 22 or 3389 removes the
#   subnet-level safety net in front of remote administration ports. Rule order matters: the
#   first matching entry decides, and stance evaluates it that way.
# custom:
#   id: ec2_network_acl_no_admin_ports
#   severity: medium
#   scope: resource
#   resource_types: [ec2_network_acl]
#   frameworks:
#     cis-aws-v3.0.0: ["5.1"]
#     cis-aws-v4.0.1: ["5.2"]
#     cis-aws-v5.0.0: ["5.2"]
#     fsbp: [EC2.21]
#   remediation: |
#     Add lower-numbered deny entries for TCP 22 and 3389 from 0.0.0.0/0 and ::/0, or narrow the
#     allow entries to administrative CIDRs.
package stance.ec2.network_acl_no_admin_ports

default compliant := false

compliant if count(input.derived.admin_ports_open_to_world) == 0

message := sprintf("network ACL %s admits traffic from anywhere to port(s) %s", [input.network_acl_id, concat(", ", [sprintf("%d", [p]) | some p in input.derived.admin_ports_open_to_world])])
