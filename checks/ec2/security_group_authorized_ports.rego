# METADATA
# title: Security groups open only authorized ports (TCP 80 and 443) to the internet
# description: |
#   Every port reachable from 0.0.0.0/0 or ::/0 is attack surface. Security Hub EC2.18 (with its
#   default authorizedTcpPorts 80 and 443 and no UDP ports) fails a group that opens anything
#   else to the world, including all-traffic, UDP and ICMP rules. Groups without world-open
#   inbound rules are not judged, as in the AWS Config rule.
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-18
# custom:
#   id: ec2_security_group_authorized_ports
#   severity: high
#   scope: resource
#   resource_types: [ec2_security_group]
#   frameworks:
#     fsbp: [EC2.18]
#   remediation: |
#     Replace the world-open inbound rules on other ports with rules limited to known CIDRs,
#     prefix lists or security groups (aws ec2 revoke-security-group-ingress, then
#     authorize-security-group-ingress), or front the service with a load balancer.
package stance.ec2.security_group_authorized_ports

authorized_tcp_ports := {80, 443}

tcp_protocols := {"tcp", "6"}

default compliant := false

not_applicable := "no inbound rule open to 0.0.0.0/0 or ::/0" if count(input.derived.world_open_ingress) == 0

# A world-open range is authorized when it is TCP and every port in it is authorized.
authorized(range) if {
	range.protocol in tcp_protocols
	covered := count([p | some p in authorized_tcp_ports; range.from_port <= p; p <= range.to_port])
	covered == (range.to_port - range.from_port) + 1
}

describe(range) := sprintf("all traffic from %s", [range.cidr]) if {
	range.protocol == "-1"
} else := sprintf("%s %d from %s", [range.protocol, range.from_port, range.cidr]) if {
	range.from_port == range.to_port
} else := sprintf("%s %d-%d from %s", [range.protocol, range.from_port, range.to_port, range.cidr])

unauthorized contains describe(range) if {
	some range in input.derived.world_open_ingress
	not authorized(range)
}

compliant if {
	ranges := input.derived.world_open_ingress
	count(ranges) > 0
	count(unauthorized) == 0
}

message := sprintf("security group %s (%s) opens unauthorized ports to the internet: %s", [input.group_id, input.group_name, concat("; ", sort([u | some u in unauthorized]))])

evidence := {"unauthorized": sort([u | some u in unauthorized]), "world_open_ingress": input.derived.world_open_ingress}
