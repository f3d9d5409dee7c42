# METADATA
# title: RDS DB instances keep automated backups for at least 7 days
# description: |
#   Automated backups allow point-in-time recovery after corruption, a bad deployment or a
#   destructive attack. Security Hub RDS.11 requires a retention of at least 7 days (its
#   backupRetentionMinimum default); a retention of 0 turns backups off.
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-11
# custom:
#   id: rds_instance_backups_enabled
#   severity: medium
#   scope: resource
#   resource_types: [rds_db_instance]
#   frameworks:
#     fsbp: [RDS.11]
#   remediation: |
#     aws rds modify-db-instance --db-instance-identifier ID --backup-retention-period 7
#     --apply-immediately (for Aurora, set the retention on the cluster).
package stance.rds.instance_backups_enabled

minimum_retention_days := 7

default compliant := false

compliant if input.backup_retention_period >= minimum_retention_days

message := sprintf("DB instance %s has automated backups turned off", [input.db_instance_identifier]) if {
	input.backup_retention_period == 0
} else := sprintf("DB instance %s keeps automated backups for %d day(s), less than %d", [input.db_instance_identifier, input.backup_retention_period, minimum_retention_days])
