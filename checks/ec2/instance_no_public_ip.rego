# METADATA
# title: EC2 instances do not have a public IPv4 address
# description: |
#   An instance with a public IPv4 address is reachable from the internet through whatever its
#   security groups and network ACLs allow. Keep instances private and publish services through
#   load balancers, or reach instances with Session Manager.
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-9
# custom:
#   id: ec2_instance_no_public_ip
#   severity: high
#   scope: resource
#   resource_types: [ec2_instance]
#   frameworks:
#     fsbp: [EC2.9]
#   remediation: |
#     Release or disassociate the Elastic IP, or relaunch the instance in a private subnet (or with
#     --no-associate-public-ip-address); turn off MapPublicIpOnLaunch on the subnet.
package stance.ec2.instance_no_public_ip

default compliant := false

not_applicable := "the instance is terminated" if input.state == "terminated"

compliant if object.get(input, "public_ip_address", "") == ""

message := sprintf("instance %s has the public IPv4 address %s", [input.instance_id, input.public_ip_address])
