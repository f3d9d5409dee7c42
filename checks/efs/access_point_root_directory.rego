# METADATA
# title: EFS access points enforce a root directory
# description: |
#   An access point whose root directory is `/` exposes the whole file system to every client
#   using it. Pointing each access point at its own subdirectory confines applications to
#   their data.
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/efs-controls.html#efs-3
# custom:
#   id: efs_access_point_root_directory
#   severity: medium
#   scope: resource
#   resource_types: [efs_access_point]
#   frameworks:
#     fsbp: [EFS.3]
#   remediation: |
#     Access points cannot be modified: create a new one with --root-directory Path=/app,...
#     and switch clients to it, then delete the old access point.
package stance.efs.access_point_root_directory

import data.stance.lib.util

default compliant := false

root := object.get(input, "root_directory_path", "/")

compliant if {
	root != "/"
	root != ""
}

message := sprintf("EFS access point %s on %s exposes the file system root (/)", [util.label(input), input.file_system_id])
