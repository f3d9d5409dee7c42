# METADATA
# title: EFS access points enforce a POSIX user identity
# description: |
#   An access point that enforces a POSIX user and group replaces the identity clients claim
#   with a fixed one, so an NFS client cannot impersonate another user (or root) to read or
#   change files.
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/efs-controls.html#efs-4
# custom:
#   id: efs_access_point_posix_user
#   severity: medium
#   scope: resource
#   resource_types: [efs_access_point]
#   frameworks:
#     fsbp: [EFS.4]
#   remediation: |
#     Access points cannot be modified: create a new one with --posix-user Uid=UID,Gid=GID and
#     switch clients to it, then delete the old access point.
package stance.efs.access_point_posix_user

import data.stance.lib.util

default compliant := false

compliant if input.posix_user_enforced == true

message := sprintf("EFS access point %s on %s does not enforce a POSIX user identity", [util.label(input), input.file_system_id])
