# METADATA
# title: Transit gateways do not accept shared attachments automatically
# description: |
#   With AutoAcceptSharedAttachments, any account the transit gateway is shared with can attach
#   a VPC and route into the network without review.
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-23
# custom:
#   id: ec2_transit_gateway_no_auto_accept
#   severity: high
#   scope: resource
#   resource_types: [ec2_transit_gateway]
#   frameworks:
#     fsbp: [EC2.23]
#   remediation: |
#     aws ec2 modify-transit-gateway --transit-gateway-id ID --options
#     AutoAcceptSharedAttachments=disable
package stance.ec2.transit_gateway_no_auto_accept

default compliant := false

compliant if input.auto_accept_shared_attachments == false

message := sprintf("transit gateway %s accepts shared VPC attachments automatically", [label])

# The Name tag, else the resource id at the end of the ARN.
label := input.meta.name if input.meta.name

else := id if {
	parts := split(input.meta.id, "/")
	id := parts[count(parts) - 1]
}
