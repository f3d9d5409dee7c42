# METADATA
# title: Launch templates require IMDSv2
# description: |
#   Instances launched from a template that leaves HttpTokens optional accept IMDSv1, whose
#   plain GET requests let server-side request forgery read the instance role's credentials.
#   A template that does not set the option at all fails too.
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-170
# custom:
#   id: ec2_launch_template_imdsv2
#   severity: low
#   scope: resource
#   resource_types: [ec2_launch_template]
#   frameworks:
#     fsbp: [EC2.170]
#   remediation: |
#     Create a new template version with MetadataOptions={HttpTokens=required,HttpEndpoint=enabled}
#     (aws ec2 create-launch-template-version) and make it the default version.
package stance.ec2.launch_template_imdsv2

import data.stance.lib.util

default compliant := false

compliant if input.metadata_http_tokens == "required"

message := sprintf("launch template %s (default version %d) does not require IMDSv2 (HttpTokens=%s)", [util.label(input), input.default_version, object.get(input, "metadata_http_tokens", "unset")])
