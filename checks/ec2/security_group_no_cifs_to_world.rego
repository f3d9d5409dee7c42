# METADATA
# title: Security groups do not open CIFS/SMB (TCP 445) to the internet
# description: |
#   SMB on TCP 445 has a long history of wormable vulnerabilities and credential relay attacks;
#   it must never be reachable from 0.0.0.0/0 or ::/0. Rules that open all ports or all
#   protocols to the world count too.
# custom:
#   id: ec2_security_group_no_cifs_to_world
#   severity: high
#   scope: resource
#   resource_types: [ec2_security_group]
#   frameworks:
#     cis-aws-v4.0.1: ["5.1.2"]
#     cis-aws-v5.0.0: ["5.1.2"]
#   remediation: |
#     Remove the inbound rules that allow 0.0.0.0/0 or ::/0 to TCP 445 (or to all ports) and allow
#     only the specific networks that need file sharing, preferably over a VPN.
package stance.ec2.security_group_no_cifs_to_world

import data.stance.lib.util

default compliant := false

port := 445

open_ranges contains sprintf("%s %s %d-%d", [range.cidr, range.protocol, range.from_port, range.to_port]) if {
	some range in input.derived.world_open_ingress
	util.range_covers_tcp(range, port)
}

compliant if {
	is_array(input.derived.world_open_ingress)
	count(open_ranges) == 0
}

message := sprintf("security group %s (%s) allows TCP 445 (CIFS/SMB) from anywhere: %s", [input.group_id, input.group_name, concat(", ", sort(open_ranges))])

evidence := {"open_ranges": sort(open_ranges)}
