# METADATA
# title: Aurora MySQL DB clusters have backtracking enabled
# description: |
#   Backtracking rewinds an Aurora MySQL cluster to a point in time in minutes, without
#   restoring a snapshot, which shortens recovery from a destructive change or attack.
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-14
# custom:
#   id: rds_aurora_mysql_backtracking
#   severity: medium
#   scope: resource
#   resource_types: [rds_db_cluster]
#   frameworks:
#     fsbp: [RDS.14]
#   remediation: |
#     Backtracking can only be enabled when a cluster is created or restored: clone or restore the
#     cluster with --backtrack-window SECONDS (for example 86400) and move clients to it.
package stance.rds.aurora_mysql_backtracking

default compliant := false

not_applicable := sprintf("engine %s is not Aurora MySQL", [input.engine]) if {
	not input.engine in {"aurora", "aurora-mysql"}
}

compliant if input.backtrack_window > 0

message := sprintf("Aurora MySQL DB cluster %s has backtracking turned off", [input.db_cluster_identifier])
