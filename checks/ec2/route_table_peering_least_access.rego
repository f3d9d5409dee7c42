# METADATA
# title: Routes to VPC peering connections are no broader than a VPC
# description: |
#   Peering routes should send only the CIDRs that need to talk to the peer. Whether a range
#   is "needed" takes a human, so this check only flags routes that cannot be least access: a
#   peering route with destination 0.0.0.0/0 or ::/0, or an IPv4 range wider than /16 (the
#   largest CIDR block a VPC can hold, so the route covers address space outside any one peer
#   CIDR block). A PASS does not prove least access; review the remaining peering routes.
# custom:
#   id: ec2_route_table_peering_least_access
#   severity: low
#   scope: resource
#   resource_types: [ec2_route_table]
#   frameworks:
#     cis-aws-v3.0.0: ["5.5"]
#     cis-aws-v4.0.1: ["5.6"]
#     cis-aws-v5.0.0: ["5.6"]
#   remediation: |
#     Replace the broad route with routes to the specific peer subnets or CIDR blocks that need
#     connectivity: aws ec2 delete-route, then aws ec2 create-route --route-table-id RTB
#     --destination-cidr-block CIDR --vpc-peering-connection-id PCX.
package stance.ec2.route_table_peering_least_access

default compliant := false

peering_routes := [route | some route in input.routes; is_string(route.vpc_peering_connection_id)]

not_applicable := "the route table has no routes to VPC peering connections" if count(peering_routes) == 0

broad contains sprintf("%s via %s", [route.destination_cidr_block, route.vpc_peering_connection_id]) if {
	some route in input.routes
	is_string(route.vpc_peering_connection_id)
	prefix := to_number(split(route.destination_cidr_block, "/")[1])
	prefix < 16
}

broad contains sprintf("%s via %s", [route.destination_ipv6_cidr_block, route.vpc_peering_connection_id]) if {
	some route in input.routes
	is_string(route.vpc_peering_connection_id)
	route.destination_ipv6_cidr_block == "::/0"
}

compliant if {
	count(peering_routes) > 0
	count(broad) == 0
}

message := sprintf("route table %s sends broad ranges to VPC peering connections: %s", [input.route_table_id, concat(", ", sort(broad))])

evidence := {"broad_routes": sort(broad)}
