# METADATA
# title: RDS for PostgreSQL DB instances publish postgresql logs to CloudWatch Logs
# description: |
#   The postgresql log records connections, errors and (with the right parameters) statements.
#   Publishing it to CloudWatch Logs keeps it beyond the instance's short local retention and
#   makes it searchable. Security Hub RDS.36 requires the `postgresql` log type.
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-36
# custom:
#   id: rds_postgres_instance_logs_exported
#   severity: medium
#   scope: resource
#   resource_types: [rds_db_instance]
#   frameworks:
#     fsbp: [RDS.36]
#   remediation: |
#     aws rds modify-db-instance --db-instance-identifier ID --cloudwatch-logs-export-configuration
#     '{"EnableLogTypes":["postgresql"]}' --apply-immediately
package stance.rds.postgres_instance_logs_exported

default compliant := false

not_applicable := sprintf("engine %s is not RDS for PostgreSQL", [input.engine]) if {
	input.engine != "postgres"
} else := sprintf("member of DB cluster %s; log exports are judged on the cluster", [input.db_cluster_identifier]) if {
	input.db_cluster_identifier
}

compliant if "postgresql" in input.enabled_cloudwatch_logs_exports

message := sprintf("PostgreSQL DB instance %s does not publish its postgresql log to CloudWatch Logs", [input.db_instance_identifier])
