# METADATA
# title: Launch templates do not assign public IP addresses
# description: |
#   A launch template whose network interfaces associate a public IP gives every instance
#   launched from it (Auto Scaling groups included) an internet-reachable address.
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-25
# custom:
#   id: ec2_launch_template_no_public_ip
#   severity: high
#   scope: resource
#   resource_types: [ec2_launch_template]
#   frameworks:
#     fsbp: [EC2.25]
#   remediation: |
#     Create a new template version with AssociatePublicIpAddress=false on its network interfaces
#     (aws ec2 create-launch-template-version) and make it the default version.
package stance.ec2.launch_template_no_public_ip

import data.stance.lib.util

default compliant := false

compliant if input.associates_public_ip == false

message := sprintf("launch template %s (default version %d) assigns public IP addresses", [util.label(input), input.default_version])
