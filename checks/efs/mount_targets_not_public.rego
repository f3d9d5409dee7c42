# METADATA
# title: EFS mount targets are not in subnets that assign public IP addresses
# description: |
#   A subnet that gives instances public IP addresses on launch is meant for internet-facing
#   hosts. NFS mount targets belong in private subnets, away from anything the internet can
#   reach directly. Subnets missing from the inventory are not flagged.
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/efs-controls.html#efs-6
# custom:
#   id: efs_mount_targets_not_public
#   severity: medium
#   scope: resource
#   resource_types: [efs_file_system]
#   frameworks:
#     fsbp: [EFS.6]
#   remediation: |
#     Delete the mount targets in public subnets (aws efs delete-mount-target) and create them in
#     private subnets of the same Availability Zones (aws efs create-mount-target).
package stance.efs.mount_targets_not_public

import data.stance.lib.util

default compliant := false

compliant if count(input.derived.mount_targets_in_public_subnets) == 0

message := sprintf("EFS file system %s (%s) has mount targets in subnets that assign public IPs: %s", [input.file_system_id, util.label(input), concat(", ", input.derived.mount_targets_in_public_subnets)])

evidence := {"public_subnets": input.derived.mount_targets_in_public_subnets}
