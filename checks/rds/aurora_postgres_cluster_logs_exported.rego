# METADATA
# title: Aurora PostgreSQL DB clusters publish postgresql logs to CloudWatch Logs
# description: |
#   The postgresql log records connections, errors and (with the right parameters) statements.
#   Publishing it to CloudWatch Logs keeps it durable and searchable for investigations.
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-37
# custom:
#   id: rds_aurora_postgres_cluster_logs_exported
#   severity: medium
#   scope: resource
#   resource_types: [rds_db_cluster]
#   frameworks:
#     fsbp: [RDS.37]
#   remediation: |
#     aws rds modify-db-cluster --db-cluster-identifier ID --cloudwatch-logs-export-configuration
#     '{"EnableLogTypes":["postgresql"]}' --apply-immediately
package stance.rds.aurora_postgres_cluster_logs_exported

default compliant := false

not_applicable := sprintf("engine %s is not Aurora PostgreSQL", [input.engine]) if {
	input.engine != "aurora-postgresql"
}

compliant if "postgresql" in input.enabled_cloudwatch_logs_exports

message := sprintf("Aurora PostgreSQL DB cluster %s does not publish its postgresql log to CloudWatch Logs", [input.db_cluster_identifier])
