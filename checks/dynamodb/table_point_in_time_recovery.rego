# METADATA
# title: DynamoDB tables have point-in-time recovery enabled
# description: |
#   Point-in-time recovery keeps continuous backups for 35 days, so a table can be restored to
#   any second before an accidental or malicious write or delete.
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/dynamodb-controls.html#dynamodb-2
# custom:
#   id: dynamodb_table_point_in_time_recovery
#   severity: medium
#   scope: resource
#   resource_types: [dynamodb_table]
#   frameworks:
#     fsbp: [DynamoDB.2]
#   remediation: |
#     aws dynamodb update-continuous-backups --table-name NAME
#     --point-in-time-recovery-specification PointInTimeRecoveryEnabled=true
package stance.dynamodb.table_point_in_time_recovery

import data.stance.lib.util

default compliant := false

compliant if input.point_in_time_recovery_enabled == true

message := sprintf("DynamoDB table %s has point-in-time recovery turned off", [util.label(input)])
