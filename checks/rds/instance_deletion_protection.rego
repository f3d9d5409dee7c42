# METADATA
# title: RDS DB instances have deletion protection enabled
# description: |
#   Deletion protection makes a delete request fail until someone deliberately turns the
#   setting off, guarding against accidental or malicious deletion. As in Security Hub, only
#   the MariaDB, MySQL, Oracle, PostgreSQL and SQL Server engines are judged; Aurora instances
#   are protected at the cluster level (RDS.7).
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-8
# custom:
#   id: rds_instance_deletion_protection
#   severity: low
#   scope: resource
#   resource_types: [rds_db_instance]
#   frameworks:
#     fsbp: [RDS.8]
#   remediation: |
#     aws rds modify-db-instance --db-instance-identifier ID --deletion-protection
#     --apply-immediately
package stance.rds.instance_deletion_protection

# The databaseEngines parameter of the AWS Config rule behind RDS.8.
judged_engines := {
	"mariadb", "mysql", "custom-oracle-ee", "oracle-ee-cdb", "oracle-se2-cdb", "oracle-ee",
	"oracle-se2", "oracle-se1", "oracle-se", "postgres", "sqlserver-ee", "sqlserver-se",
	"sqlserver-ex", "sqlserver-web",
}

default compliant := false

not_applicable := sprintf("engine %s is not judged by RDS.8 (Aurora is protected at the cluster level)", [input.engine]) if {
	not input.engine in judged_engines
}

compliant if input.deletion_protection == true

message := sprintf("DB instance %s (%s) has deletion protection turned off", [input.db_instance_identifier, input.engine])
