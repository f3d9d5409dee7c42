# METADATA
# title: EFS file systems are encrypted at rest
# description: |
#   EFS encrypts data and metadata at rest with a KMS key when the file system is created with
#   encryption; it cannot be turned on later. Unencrypted file systems leave shared application
#   data readable on the underlying storage.
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/efs-controls.html#efs-1
# custom:
#   id: efs_file_system_encrypted
#   severity: medium
#   scope: resource
#   resource_types: [efs_file_system]
#   frameworks:
#     cis-aws-v3.0.0: ["2.4.1"]
#     cis-aws-v4.0.1: ["2.3.1"]
#     cis-aws-v5.0.0: ["2.3.1"]
#     fsbp: [EFS.1, EFS.8]
#   remediation: |
#     Create a new file system with --encrypted (and --kms-key-id), copy the data with AWS
#     DataSync, move the mount targets' clients over and delete the unencrypted file system.
package stance.efs.file_system_encrypted

import data.stance.lib.util

default compliant := false

compliant if input.encrypted == true

message := sprintf("EFS file system %s (%s) is not encrypted at rest", [input.file_system_id, util.label(input)])
