# METADATA
# title: RDS for MariaDB DB instances require secure transport
# description: |
#   With `require_secure_transport` ON, MariaDB refuses unencrypted client connections. The
#   parameter exists from MariaDB 10.5; as in Security Hub, older versions are not judged.
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-44
# custom:
#   id: rds_mariadb_instance_secure_transport
#   severity: medium
#   scope: resource
#   resource_types: [rds_db_instance]
#   frameworks:
#     fsbp: [RDS.44]
#   remediation: |
#     In a custom DB parameter group: aws rds modify-db-parameter-group --db-parameter-group-name
#     GROUP --parameters ParameterName=require_secure_transport,ParameterValue=ON,ApplyMethod=immediate,
#     and attach the group to the instance.
package stance.rds.mariadb_instance_secure_transport

default compliant := false

# MariaDB major.minor parsed from the engine version, when it has that shape.
version := [to_number(parts[0]), to_number(parts[1])] if {
	regex.match(`^[0-9]+\.[0-9]+`, input.engine_version)
	parts := split(input.engine_version, ".")
}

before_10_5 if version[0] < 10

before_10_5 if {
	version[0] == 10
	version[1] < 5
}

not_applicable := sprintf("engine %s is not RDS for MariaDB", [input.engine]) if {
	input.engine != "mariadb"
} else := sprintf("MariaDB %s predates require_secure_transport (10.5)", [input.engine_version]) if {
	before_10_5
}

compliant if upper(input.parameters.require_secure_transport) in {"ON", "1"}

message := sprintf("MariaDB DB instance %s accepts unencrypted connections (require_secure_transport=%s)", [input.db_instance_identifier, object.get(input.parameters, "require_secure_transport", "unset")])
