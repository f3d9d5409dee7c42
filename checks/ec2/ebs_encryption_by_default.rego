# METADATA
# title: EBS encryption by default is on in every region
# description: |
#   With encryption by default, every new EBS volume and snapshot copy is encrypted, so no one
#   has to remember the flag. It is a per-region setting.
# custom:
#   id: ec2_ebs_encryption_by_default
#   severity: medium
#   scope: resource
#   resource_types: [ec2_ebs_encryption_default]
#   frameworks:
#     cis-aws-v3.0.0: ["2.2.1"]
#     cis-aws-v4.0.1: ["5.1.1"]
#     cis-aws-v5.0.0: ["5.1.1"]
#     fsbp: [EC2.7]
#   remediation: |
#     aws ec2 enable-ebs-encryption-by-default --region REGION (in every region you use).
package stance.ec2.ebs_encryption_by_default

default compliant := false

compliant if input.enabled == true

message := sprintf("EBS encryption by default is off in %s (account %s)", [input.meta.region, input.meta.account_id])
