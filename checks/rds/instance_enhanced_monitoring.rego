# METADATA
# title: RDS DB instances have Enhanced Monitoring enabled
# description: |
#   Enhanced Monitoring collects operating-system metrics from an agent on the DB host (CPU by
#   process, memory, file system), which helps spot and investigate abnormal activity and
#   performance problems that hypervisor metrics miss.
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-6
# custom:
#   id: rds_instance_enhanced_monitoring
#   severity: low
#   scope: resource
#   resource_types: [rds_db_instance]
#   frameworks:
#     fsbp: [RDS.6]
#   remediation: |
#     aws rds modify-db-instance --db-instance-identifier ID --monitoring-interval 60
#     --monitoring-role-arn ARN_OF_rds-monitoring-role --apply-immediately
package stance.rds.instance_enhanced_monitoring

default compliant := false

compliant if input.monitoring_interval > 0

message := sprintf("DB instance %s has Enhanced Monitoring turned off (monitoring interval 0)", [input.db_instance_identifier])
