# METADATA
# title: VPC Block Public Access blocks internet gateway traffic
# description: |
#   VPC Block Public Access blocks traffic through internet gateways for every VPC and subnet
#   of the region (bidirectionally or inbound only), except those explicitly excluded, so a
#   stray route or security group cannot expose resources.
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-172
# custom:
#   id: ec2_vpc_block_public_access
#   severity: medium
#   scope: resource
#   resource_types: [ec2_vpc_block_public_access]
#   frameworks:
#     fsbp: [EC2.172]
#   remediation: |
#     aws ec2 modify-vpc-block-public-access-options --internet-gateway-block-mode
#     block-bidirectional (or block-ingress), after creating exclusions for VPCs that must stay public.
package stance.ec2.vpc_block_public_access

default compliant := false

compliant if input.internet_gateway_block_mode in {"block-bidirectional", "block-ingress"}

message := sprintf("VPC Block Public Access is %s in %s (account %s)", [input.internet_gateway_block_mode, input.meta.region, input.meta.account_id])
