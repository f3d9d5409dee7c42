# METADATA
# title: EC2 instances use an IAM instance profile for AWS access
# description: |
#   An instance profile hands the instance short-lived, automatically rotated role credentials.
#   Instances without one that call AWS carry long-lived access keys in files or environment
#   variables, which leak with disk images and backups.
# custom:
#   id: ec2_instance_uses_instance_profile
#   severity: medium
#   scope: resource
#   resource_types: [ec2_instance]
#   frameworks:
#     cis-aws-v3.0.0: ["1.18"]
#     cis-aws-v4.0.1: ["1.18"]
#     cis-aws-v5.0.0: ["1.17"]
#   remediation: |
#     Create a role with the permissions the instance needs and an instance profile for it, then
#     aws ec2 associate-iam-instance-profile --instance-id ID --iam-instance-profile Name=PROFILE;
#     remove any access keys stored on the instance.
package stance.ec2.instance_uses_instance_profile

import data.stance.lib.util

default compliant := false

not_applicable := "the instance is terminated" if input.state == "terminated"

compliant if {
	is_string(input.iam_instance_profile_arn)
	input.iam_instance_profile_arn != ""
}

message := sprintf("instance %s (%s) has no IAM instance profile", [input.instance_id, util.label(input)])
