# METADATA
# title: Aurora MySQL DB clusters publish audit logs to CloudWatch Logs
# description: |
#   The Aurora MySQL audit log records logins, queries and schema changes. Publishing it to
#   CloudWatch Logs keeps it durable and searchable for investigations. As in Security Hub,
#   Aurora Serverless v1 clusters are not judged.
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-34
# custom:
#   id: rds_aurora_mysql_audit_logs_exported
#   severity: medium
#   scope: resource
#   resource_types: [rds_db_cluster]
#   frameworks:
#     fsbp: [RDS.34]
#   remediation: |
#     Enable advanced auditing (server_audit_logging=1 in the cluster parameter group), then
#     aws rds modify-db-cluster --db-cluster-identifier ID --cloudwatch-logs-export-configuration
#     '{"EnableLogTypes":["audit"]}' --apply-immediately
package stance.rds.aurora_mysql_audit_logs_exported

default compliant := false

not_applicable := sprintf("engine %s is not Aurora MySQL", [input.engine]) if {
	not input.engine in {"aurora", "aurora-mysql"}
} else := "Aurora Serverless v1 cluster" if {
	input.engine_mode == "serverless"
}

compliant if "audit" in input.enabled_cloudwatch_logs_exports

message := sprintf("Aurora MySQL DB cluster %s does not publish its audit log to CloudWatch Logs", [input.db_cluster_identifier])
