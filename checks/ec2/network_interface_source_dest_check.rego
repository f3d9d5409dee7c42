# METADATA
# title: User-managed network interfaces keep source/destination checking enabled
# description: |
#   Source/destination checking drops traffic not addressed to or from the interface, which
#   prevents an instance from forwarding or spoofing traffic for others. Only NAT and routing
#   appliances need it off. As in Security Hub, interfaces managed by AWS services and types
#   other than interface, branch, efa, lambda, quicksight and aws_codestar_connections_managed
#   are not judged.
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-180
# custom:
#   id: ec2_network_interface_source_dest_check
#   severity: medium
#   scope: resource
#   resource_types: [ec2_network_interface]
#   frameworks:
#     fsbp: [EC2.180]
#   remediation: |
#     aws ec2 modify-network-interface-attribute --network-interface-id ID --source-dest-check
#     (replace NAT instances with a NAT gateway).
package stance.ec2.network_interface_source_dest_check

judged_types := {"interface", "branch", "efa", "lambda", "quicksight", "aws_codestar_connections_managed"}

default compliant := false

not_applicable := "managed by an AWS service" if {
	input.requester_managed == true
} else := sprintf("interface type %s is not judged by EC2.180", [input.interface_type]) if {
	input.interface_type != ""
	not input.interface_type in judged_types
}

compliant if input.source_dest_check == true

message := sprintf("network interface %s%s has source/destination checking disabled", [label, attached])

attached := sprintf(" (attached to %s)", [input.attached_instance_id]) if input.attached_instance_id

else := ""

# The Name tag, else the resource id at the end of the ARN.
label := input.meta.name if input.meta.name

else := id if {
	parts := split(input.meta.id, "/")
	id := parts[count(parts) - 1]
}
