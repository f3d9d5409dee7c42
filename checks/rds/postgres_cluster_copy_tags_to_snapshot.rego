# METADATA
# title: RDS for PostgreSQL DB clusters copy their tags to snapshots
# description: |
#   Snapshots that inherit the cluster's tags keep their owner, data classification and
#   tag-based access control, so they can be inventoried and protected like the database.
#   This control judges RDS for PostgreSQL clusters only.
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-47
# custom:
#   id: rds_postgres_cluster_copy_tags_to_snapshot
#   severity: low
#   scope: resource
#   resource_types: [rds_db_cluster]
#   frameworks:
#     fsbp: [RDS.47]
#   remediation: |
#     aws rds modify-db-cluster --db-cluster-identifier ID --copy-tags-to-snapshot --apply-immediately
package stance.rds.postgres_cluster_copy_tags_to_snapshot

default compliant := false

is_judged_engine if input.engine == "postgres"

not_applicable := sprintf("engine %s is not RDS for PostgreSQL", [input.engine]) if not is_judged_engine

compliant if input.copy_tags_to_snapshot == true

message := sprintf("RDS for PostgreSQL DB cluster %s does not copy its tags to snapshots", [input.db_cluster_identifier])
