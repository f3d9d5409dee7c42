# METADATA
# title: VPC subnets do not assign public IPv4 addresses automatically
# description: |
#   With MapPublicIpOnLaunch, every instance launched in the subnet gets a public IPv4 address
#   unless someone remembers to opt out, so new workloads become reachable from the internet
#   by default. (The IPv6 auto-assign attribute is not in the model.)
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-15
# custom:
#   id: ec2_subnet_no_auto_public_ip
#   severity: medium
#   scope: resource
#   resource_types: [ec2_subnet]
#   frameworks:
#     fsbp: [EC2.15]
#   remediation: |
#     aws ec2 modify-subnet-attribute --subnet-id ID --no-map-public-ip-on-launch
package stance.ec2.subnet_no_auto_public_ip

default compliant := false

compliant if input.map_public_ip_on_launch == false

message := sprintf("subnet %s of %s assigns public IPv4 addresses to instances on launch", [input.subnet_id, input.vpc_id])
