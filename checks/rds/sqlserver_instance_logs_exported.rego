# METADATA
# title: RDS for SQL Server DB instances publish error and agent logs to CloudWatch Logs
# description: |
#   The SQL Server error log records failed logins and engine errors, and the agent log records
#   SQL Agent job activity. Publishing both to CloudWatch Logs keeps them and allows alarms.
#   Security Hub RDS.40 requires the `error` and `agent` log types by default.
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-40
# custom:
#   id: rds_sqlserver_instance_logs_exported
#   severity: medium
#   scope: resource
#   resource_types: [rds_db_instance]
#   frameworks:
#     fsbp: [RDS.40]
#   remediation: |
#     aws rds modify-db-instance --db-instance-identifier ID --cloudwatch-logs-export-configuration
#     '{"EnableLogTypes":["error","agent"]}' --apply-immediately
package stance.rds.sqlserver_instance_logs_exported

required_logs := ["agent", "error"]

default compliant := false

not_applicable := sprintf("engine %s is not RDS for SQL Server", [input.engine]) if {
	not startswith(input.engine, "sqlserver")
}

missing contains log if {
	some log in required_logs
	not log in input.enabled_cloudwatch_logs_exports
}

compliant if count(missing) == 0

message := sprintf("SQL Server DB instance %s does not publish log type(s) %s to CloudWatch Logs", [input.db_instance_identifier, concat(", ", sort([l | some l in missing]))])
