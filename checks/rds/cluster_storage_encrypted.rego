# METADATA
# title: RDS DB clusters encrypt their storage
# description: |
#   Cluster storage encryption protects the data, its backups and snapshots at rest. It can
#   only be chosen when the cluster is created or restored.
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-27
# custom:
#   id: rds_cluster_storage_encrypted
#   severity: medium
#   scope: resource
#   resource_types: [rds_db_cluster]
#   frameworks:
#     fsbp: [RDS.27]
#   remediation: |
#     Snapshot the cluster, restore it with --kms-key-id KEY (restore-db-cluster-from-snapshot),
#     move clients to the encrypted cluster and delete the old one.
package stance.rds.cluster_storage_encrypted

default compliant := false

compliant if input.storage_encrypted == true

message := sprintf("DB cluster %s (%s) does not encrypt its storage", [input.db_cluster_identifier, input.engine])
