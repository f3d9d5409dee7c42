# METADATA
# title: RDS DB instances use IAM database authentication
# description: |
#   With IAM database authentication, clients connect with short-lived tokens tied to IAM
#   identities instead of long-lived database passwords, and connections are encrypted. As in
#   Security Hub, only the MySQL, PostgreSQL, MariaDB and Aurora engines are judged.
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-10
# custom:
#   id: rds_instance_iam_authentication
#   severity: medium
#   scope: resource
#   resource_types: [rds_db_instance]
#   frameworks:
#     fsbp: [RDS.10]
#   remediation: |
#     aws rds modify-db-instance --db-instance-identifier ID
#     --enable-iam-database-authentication --apply-immediately (for Aurora, modify the cluster).
package stance.rds.instance_iam_authentication

judged_engines := {"mysql", "postgres", "aurora", "aurora-mysql", "aurora-postgresql", "mariadb"}

default compliant := false

not_applicable := sprintf("engine %s does not support IAM database authentication", [input.engine]) if {
	not input.engine in judged_engines
}

compliant if input.iam_database_authentication_enabled == true

message := sprintf("DB instance %s (%s) does not use IAM database authentication", [input.db_instance_identifier, input.engine])
