# METADATA
# title: Launch templates encrypt every EBS volume they define
# description: |
#   Block device mappings without encryption create unencrypted volumes for every instance
#   launched from the template (unless EBS encryption by default is on in the region).
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-181
# custom:
#   id: ec2_launch_template_ebs_encrypted
#   severity: medium
#   scope: resource
#   resource_types: [ec2_launch_template]
#   frameworks:
#     fsbp: [EC2.181]
#   remediation: |
#     Create a new template version with "Encrypted": true in every EBS block device mapping
#     (aws ec2 create-launch-template-version) and make it the default version.
package stance.ec2.launch_template_ebs_encrypted

import data.stance.lib.util

default compliant := false

compliant if input.all_ebs_encrypted == true

message := sprintf("launch template %s (default version %d) defines EBS volumes without encryption", [util.label(input), input.default_version])
