# METADATA
# title: Aurora MySQL DB clusters have audit logging enabled
# description: |
#   Advanced auditing records connections, queries and table access in Aurora MySQL. It needs
#   `server_audit_logging` set to 1 and at least one event class in `server_audit_events` in
#   the cluster parameter group.
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-45
# custom:
#   id: rds_aurora_mysql_audit_logging_enabled
#   severity: medium
#   scope: resource
#   resource_types: [rds_db_cluster]
#   frameworks:
#     fsbp: [RDS.45]
#   remediation: |
#     In a custom DB cluster parameter group set server_audit_logging=1 and server_audit_events
#     (for example CONNECT,QUERY_DCL,QUERY_DDL), attach it to the cluster
#     (aws rds modify-db-cluster --db-cluster-parameter-group-name GROUP) and reboot the writer.
package stance.rds.aurora_mysql_audit_logging_enabled

default compliant := false

not_applicable := sprintf("engine %s is not Aurora MySQL", [input.engine]) if {
	not input.engine in {"aurora", "aurora-mysql"}
}

compliant if {
	input.parameters.server_audit_logging == "1"
	trim_space(input.parameters.server_audit_events) != ""
}

message := sprintf("Aurora MySQL DB cluster %s does not have audit logging enabled (server_audit_logging=%s, server_audit_events=%q)", [input.db_cluster_identifier, object.get(input.parameters, "server_audit_logging", "unset"), object.get(input.parameters, "server_audit_events", "")])
