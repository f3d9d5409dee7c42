# METADATA
# title: RDS DB and cluster snapshots are not public
# description: |
#   A snapshot whose restore attribute lists `all` can be copied and restored by any AWS
#   account, which hands over the whole database. Share snapshots only with named accounts.
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-1
# custom:
#   id: rds_snapshot_not_public
#   severity: critical
#   scope: resource
#   resource_types: [rds_snapshot]
#   frameworks:
#     fsbp: [RDS.1]
#   remediation: |
#     aws rds modify-db-snapshot-attribute --db-snapshot-identifier ID --attribute-name restore
#     --values-to-remove all (modify-db-cluster-snapshot-attribute --db-cluster-snapshot-identifier
#     for cluster snapshots).
package stance.rds.snapshot_not_public

default compliant := false

compliant if input.public == false

kind := "DB cluster snapshot" if input.cluster_snapshot == true

else := "DB snapshot"

message := sprintf("%s %s is restorable by every AWS account", [kind, input.snapshot_identifier])
