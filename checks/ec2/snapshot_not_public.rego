# METADATA
# title: EBS snapshots are not publicly restorable
# description: |
#   A snapshot whose createVolumePermission includes the group `all` can be copied into any AWS
#   account and mounted, exposing everything that was on the volume.
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-1
# custom:
#   id: ec2_snapshot_not_public
#   severity: critical
#   scope: resource
#   resource_types: [ec2_snapshot]
#   frameworks:
#     fsbp: [EC2.1]
#   remediation: |
#     aws ec2 modify-snapshot-attribute --snapshot-id ID --attribute createVolumePermission
#     --operation-type remove --group-names all (and consider enabling block public access for
#     snapshots in the region).
package stance.ec2.snapshot_not_public

default compliant := false

compliant if input.public == false

message := sprintf("EBS snapshot %s (of %s) is restorable by every AWS account", [input.snapshot_id, object.get(input, "volume_id", "an unknown volume")])
