# METADATA
# title: RDS DB instances and clusters do not listen on the engine's default port
# description: |
#   Scanners look for databases on well-known ports (3306, 5432, 1433, 1521). A non-default
#   port is a small obstacle to untargeted discovery. As in Security Hub, instances that belong
#   to a DB cluster are judged through the cluster.
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-23
# custom:
#   id: rds_no_default_port
#   severity: low
#   scope: resource
#   resource_types: [rds_db_instance, rds_db_cluster]
#   frameworks:
#     fsbp: [RDS.23]
#   remediation: |
#     aws rds modify-db-instance --db-instance-identifier ID --db-port-number PORT (or
#     modify-db-cluster --port PORT), then update the security group rules and connection strings.
package stance.rds.no_default_port

default compliant := false

not_applicable := sprintf("member of DB cluster %s; the port is judged on the cluster", [input.db_cluster_identifier]) if {
	input.resource_type == "rds_db_instance"
	input.db_cluster_identifier
}

compliant if {
	input.port
	input.derived.uses_default_port == false
}

label := sprintf("DB instance %s", [input.db_instance_identifier]) if input.resource_type == "rds_db_instance"

else := sprintf("DB cluster %s", [input.db_cluster_identifier])

message := sprintf("%s (%s) listens on the engine's default port %d", [label, input.engine, input.port]) if {
	input.port
} else := sprintf("%s (%s) has no recorded port, so it uses the engine's default", [label, input.engine])
