# METADATA
# title: DynamoDB tables have deletion protection enabled
# description: |
#   Deletion protection makes DeleteTable fail until someone deliberately turns it off, so a
#   mistaken or malicious call cannot drop the table and its data in one step.
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/dynamodb-controls.html#dynamodb-6
# custom:
#   id: dynamodb_table_deletion_protection
#   severity: medium
#   scope: resource
#   resource_types: [dynamodb_table]
#   frameworks:
#     fsbp: [DynamoDB.6]
#   remediation: |
#     aws dynamodb update-table --table-name NAME --deletion-protection-enabled
package stance.dynamodb.table_deletion_protection

import data.stance.lib.util

default compliant := false

compliant if input.deletion_protection_enabled == true

message := sprintf("DynamoDB table %s has deletion protection turned off", [util.label(input)])
