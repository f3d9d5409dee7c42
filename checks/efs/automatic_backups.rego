# METADATA
# title: EFS file systems have automatic backups enabled
# description: |
#   With automatic backups, AWS Backup protects the file system daily in the default backup
#   plan, so deleted or encrypted-by-ransomware files can be restored.
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/efs-controls.html#efs-7
# custom:
#   id: efs_automatic_backups
#   severity: medium
#   scope: resource
#   resource_types: [efs_file_system]
#   frameworks:
#     fsbp: [EFS.7]
#   remediation: |
#     aws efs put-backup-policy --file-system-id ID --backup-policy Status=ENABLED
package stance.efs.automatic_backups

import data.stance.lib.util

default compliant := false

compliant if input.backup_policy_status == "ENABLED"

message := sprintf("EFS file system %s (%s) has automatic backups %s", [input.file_system_id, util.label(input), lower(object.get(input, "backup_policy_status", "in an unknown state"))])
