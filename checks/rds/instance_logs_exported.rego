# METADATA
# title: RDS DB instances publish their engine logs to CloudWatch Logs
# description: |
#   Exported database logs (audit, error, general and slow query logs, or the engine's
#   equivalents) survive the instance, can be searched centrally and feed alarms. The log types
#   required per engine follow Security Hub RDS.9. Instances of a DB cluster export logs through
#   the cluster and are judged there (RDS.34, RDS.37).
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-9
# custom:
#   id: rds_instance_logs_exported
#   severity: medium
#   scope: resource
#   resource_types: [rds_db_instance]
#   frameworks:
#     fsbp: [RDS.9]
#   remediation: |
#     aws rds modify-db-instance --db-instance-identifier ID --cloudwatch-logs-export-configuration
#     '{"EnableLogTypes":["audit","error","general","slowquery"]}' (use the log types of the engine;
#     MySQL and MariaDB also need the audit plugin option and the general/slow query log parameters).
package stance.rds.instance_logs_exported

# Log types Security Hub RDS.9 expects per engine family.
required_logs := {
	"oracle": ["alert", "audit", "trace", "listener"],
	"postgres": ["postgresql", "upgrade"],
	"mysql": ["audit", "error", "general", "slowquery"],
	"mariadb": ["audit", "error", "general", "slowquery"],
	"sqlserver": ["error", "agent"],
	"aurora-mysql": ["audit", "error", "general", "slowquery"],
	"aurora-postgresql": ["postgresql"],
}

family := "oracle" if startswith(input.engine, "oracle")

family := "sqlserver" if startswith(input.engine, "sqlserver")

family := "aurora-mysql" if input.engine == "aurora"

family := input.engine if input.engine in {"postgres", "mysql", "mariadb", "aurora-mysql", "aurora-postgresql"}

default compliant := false

not_applicable := sprintf("member of DB cluster %s; log exports are judged on the cluster", [input.db_cluster_identifier]) if input.db_cluster_identifier

else := sprintf("engine %s has no log types required by RDS.9", [input.engine]) if not family

missing contains log if {
	some log in required_logs[family]
	not log in input.enabled_cloudwatch_logs_exports
}

compliant if {
	family
	count(missing) == 0
}

message := sprintf("DB instance %s (%s) does not export log type(s) %s to CloudWatch Logs", [input.db_instance_identifier, input.engine, concat(", ", sort([l | some l in missing]))])

evidence := {"exported": input.enabled_cloudwatch_logs_exports, "missing": sort([l | some l in missing])}
