# METADATA
# title: EC2 instances use a single network interface
# description: |
#   An instance with several network interfaces can sit in several subnets at once (dual-homed),
#   bridging network segments that security groups and ACLs were meant to keep apart.
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-17
# custom:
#   id: ec2_instance_single_eni
#   severity: low
#   scope: resource
#   resource_types: [ec2_instance]
#   frameworks:
#     fsbp: [EC2.17]
#   remediation: |
#     Detach the extra interfaces (aws ec2 detach-network-interface --attachment-id ID) unless the
#     instance is an appliance that needs them (then suppress the finding).
package stance.ec2.instance_single_eni

default compliant := false

not_applicable := "the instance is terminated" if input.state == "terminated"

compliant if input.network_interface_count <= 1

message := sprintf("instance %s has %d network interfaces attached", [input.instance_id, input.network_interface_count])
