# METADATA
# title: Security groups do not open high-risk ports to the internet
# description: |
#   Remote administration, file sharing, mail, database and development-server ports open to
#   0.0.0.0/0 or ::/0 are scanned and attacked constantly. The port list is the blockedPorts
#   parameter of Security Hub EC2.19; TCP and all-traffic rules are judged.
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-19
# custom:
#   id: ec2_security_group_no_high_risk_ports
#   severity: critical
#   scope: resource
#   resource_types: [ec2_security_group]
#   frameworks:
#     fsbp: [EC2.19]
#   remediation: |
#     Remove the world-open inbound rules covering these ports
#     (aws ec2 revoke-security-group-ingress) and allow only known CIDRs or security groups;
#     use Session Manager instead of open SSH/RDP.
package stance.ec2.security_group_no_high_risk_ports

high_risk_ports := {
	20, 21, 22, 23, 25, 110, 135, 143, 445, 1433, 1434, 3000, 3306, 3389, 4333, 5000, 5432,
	5500, 5601, 8080, 8088, 8888, 9200, 9300,
}

tcp_protocols := {"-1", "tcp", "6", "all"}

default compliant := false

open_ports contains port if {
	some range in input.derived.world_open_ingress
	range.protocol in tcp_protocols
	some port in high_risk_ports
	range.from_port <= port
	port <= range.to_port
}

compliant if {
	ranges := input.derived.world_open_ingress
	count(open_ports) == 0
}

message := sprintf("security group %s (%s) opens high-risk port(s) %s to the internet", [input.group_id, input.group_name, concat(", ", [sprintf("%d", [p]) | some p in sort([x | some x in open_ports])])])

evidence := {"open_ports": sort([x | some x in open_ports]), "world_open_ingress": input.derived.world_open_ingress}
