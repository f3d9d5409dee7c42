# METADATA
# title: DynamoDB tables use on-demand capacity or auto scaling
# description: |
#   A provisioned table without auto scaling throttles requests once traffic exceeds its fixed
#   capacity, which turns a traffic spike (or a denial-of-service attempt) into an outage.
#   On-demand tables scale by themselves.
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/dynamodb-controls.html#dynamodb-1
# custom:
#   id: dynamodb_table_capacity_scaling
#   severity: medium
#   scope: resource
#   resource_types: [dynamodb_table]
#   frameworks:
#     fsbp: [DynamoDB.1]
#   remediation: |
#     aws dynamodb update-table --table-name NAME --billing-mode PAY_PER_REQUEST, or register the
#     table's read and write capacity with Application Auto Scaling (register-scalable-target and
#     put-scaling-policy).
package stance.dynamodb.table_capacity_scaling

import data.stance.lib.util

default compliant := false

compliant if input.billing_mode == "PAY_PER_REQUEST"

compliant if input.auto_scaling_enabled == true

message := sprintf("DynamoDB table %s uses provisioned capacity without auto scaling", [util.label(input)]) if {
	input.auto_scaling_enabled == false
} else := sprintf("DynamoDB table %s uses provisioned capacity and its auto scaling setting is unknown", [util.label(input)])
