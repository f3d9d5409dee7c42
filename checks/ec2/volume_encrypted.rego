# METADATA
# title: Attached EBS volumes are encrypted
# description: |
#   EBS encryption protects data at rest on the volume, data moving between the instance and
#   the volume, and every snapshot taken from it. As in Security Hub, only volumes attached to
#   an instance are judged.
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-3
# custom:
#   id: ec2_volume_encrypted
#   severity: medium
#   scope: resource
#   resource_types: [ec2_volume]
#   frameworks:
#     fsbp: [EC2.3]
#   remediation: |
#     Snapshot the volume, copy the snapshot with --encrypted, create a volume from the copy,
#     and swap it in for the unencrypted one (turn on EBS encryption by default to prevent more).
package stance.ec2.volume_encrypted

default compliant := false

not_applicable := "the volume is not attached to an instance" if count(input.attached_instance_ids) == 0

compliant if input.encrypted == true

message := sprintf("EBS volume %s attached to %s is not encrypted", [input.volume_id, concat(", ", input.attached_instance_ids)])
