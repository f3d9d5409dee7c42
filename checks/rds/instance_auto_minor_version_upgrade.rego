# METADATA
# title: RDS DB instances apply minor engine upgrades automatically
# description: |
#   Minor engine versions carry security fixes. With automatic minor version upgrades the
#   instance receives them in its maintenance window instead of waiting for someone to act.
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-13
# custom:
#   id: rds_instance_auto_minor_version_upgrade
#   severity: high
#   scope: resource
#   resource_types: [rds_db_instance]
#   frameworks:
#     cis-aws-v3.0.0: ["2.3.2"]
#     cis-aws-v4.0.1: ["2.2.2"]
#     cis-aws-v5.0.0: ["2.2.2"]
#     fsbp: [RDS.13]
#   remediation: |
#     aws rds modify-db-instance --db-instance-identifier ID --auto-minor-version-upgrade
#     --apply-immediately
package stance.rds.instance_auto_minor_version_upgrade

default compliant := false

compliant if input.auto_minor_version_upgrade == true

message := sprintf("DB instance %s (%s) does not apply minor version upgrades automatically", [input.db_instance_identifier, trim_space(concat(" ", [input.engine, input.engine_version]))])
