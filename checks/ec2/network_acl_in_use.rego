# METADATA
# title: Network ACLs are associated with at least one subnet
# description: |
#   An unused network ACL is clutter that hides the rules that matter and can be attached to a
#   subnet by mistake with outdated entries. As in Security Hub, a VPC's default network ACL
#   (which cannot be deleted) is not judged.
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-16
# custom:
#   id: ec2_network_acl_in_use
#   severity: low
#   scope: resource
#   resource_types: [ec2_network_acl]
#   frameworks:
#     fsbp: [EC2.16]
#   remediation: |
#     aws ec2 delete-network-acl --network-acl-id ID
package stance.ec2.network_acl_in_use

default compliant := false

not_applicable := "default network ACL of its VPC" if input.is_default == true

compliant if count(input.associated_subnet_ids) > 0

message := sprintf("network ACL %s of %s is not associated with any subnet", [input.network_acl_id, object.get(input, "vpc_id", "no VPC")])
