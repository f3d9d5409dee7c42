# METADATA
# title: RDS for SQL Server DB instances force SSL connections
# description: |
#   With `rds.force_ssl` set to 1 in the instance's parameter group, SQL Server refuses
#   unencrypted client connections, so credentials and data never cross the network in clear.
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-41
# custom:
#   id: rds_sqlserver_instance_force_ssl
#   severity: medium
#   scope: resource
#   resource_types: [rds_db_instance]
#   frameworks:
#     fsbp: [RDS.41]
#   remediation: |
#     In a custom DB parameter group: aws rds modify-db-parameter-group --db-parameter-group-name
#     GROUP --parameters ParameterName=rds.force_ssl,ParameterValue=1,ApplyMethod=pending-reboot,
#     attach the group to the instance and reboot it.
package stance.rds.sqlserver_instance_force_ssl

default compliant := false

not_applicable := sprintf("engine %s is not RDS for SQL Server", [input.engine]) if {
	not startswith(input.engine, "sqlserver")
}

compliant if input.parameters["rds.force_ssl"] == "1"

message := sprintf("SQL Server DB instance %s does not force SSL (rds.force_ssl=%s)", [input.db_instance_identifier, object.get(input.parameters, "rds.force_ssl", "unset")])
