# METADATA
# title: RDS DB instances encrypt their storage
# description: |
#   Storage encryption protects the instance's data at rest, along with its automated backups,
#   read replicas and snapshots. It can only be chosen when the instance is created.
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-3
# custom:
#   id: rds_instance_storage_encrypted
#   severity: medium
#   scope: resource
#   resource_types: [rds_db_instance]
#   frameworks:
#     cis-aws-v3.0.0: ["2.3.1"]
#     cis-aws-v4.0.1: ["2.2.1"]
#     cis-aws-v5.0.0: ["2.2.1"]
#     fsbp: [RDS.3]
#   remediation: |
#     Snapshot the instance, copy the snapshot with --kms-key-id, restore a new instance from
#     the encrypted copy, switch clients over and delete the unencrypted instance.
package stance.rds.instance_storage_encrypted

default compliant := false

compliant if input.storage_encrypted == true

message := sprintf("DB instance %s (%s) does not encrypt its storage", [input.db_instance_identifier, input.engine])
