# METADATA
# title: RDS for MariaDB DB instances publish audit and error logs to CloudWatch Logs
# description: |
#   The MariaDB audit log records connections and queries, and the error log records failures.
#   Publishing them to CloudWatch Logs keeps them beyond the instance and makes them searchable.
#   Security Hub RDS.42 requires the `audit` and `error` log types by default.
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-42
# custom:
#   id: rds_mariadb_instance_logs_exported
#   severity: medium
#   scope: resource
#   resource_types: [rds_db_instance]
#   frameworks:
#     fsbp: [RDS.42]
#   remediation: |
#     Add the MARIADB_AUDIT_PLUGIN option to the instance's option group, then
#     aws rds modify-db-instance --db-instance-identifier ID --cloudwatch-logs-export-configuration
#     '{"EnableLogTypes":["audit","error"]}' --apply-immediately
package stance.rds.mariadb_instance_logs_exported

required_logs := ["audit", "error"]

default compliant := false

not_applicable := sprintf("engine %s is not RDS for MariaDB", [input.engine]) if {
	input.engine != "mariadb"
}

missing contains log if {
	some log in required_logs
	not log in input.enabled_cloudwatch_logs_exports
}

compliant if count(missing) == 0

message := sprintf("MariaDB DB instance %s does not publish log type(s) %s to CloudWatch Logs", [input.db_instance_identifier, concat(", ", sort([l | some l in missing]))])
