# METADATA
# title: RDS DB and cluster snapshots are encrypted
# description: |
#   An unencrypted snapshot holds the database's data in clear on storage and in every copy and
#   share made from it. Snapshots of encrypted databases are encrypted automatically.
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-4
# custom:
#   id: rds_snapshot_encrypted
#   severity: medium
#   scope: resource
#   resource_types: [rds_snapshot]
#   frameworks:
#     fsbp: [RDS.4]
#   remediation: |
#     Copy the snapshot with encryption (aws rds copy-db-snapshot --kms-key-id KEY ...), delete
#     the unencrypted one, and encrypt the source database (restore it from the encrypted copy).
package stance.rds.snapshot_encrypted

default compliant := false

compliant if input.encrypted == true

kind := "DB cluster snapshot" if input.cluster_snapshot == true

else := "DB snapshot"

origin := sprintf(" (%s)", [input.snapshot_type]) if input.snapshot_type != ""

else := ""

message := sprintf("%s %s%s is not encrypted", [kind, input.snapshot_identifier, origin])
