# METADATA
# title: Secrets Manager secrets have automatic rotation enabled
# description: |
#   Automatic rotation replaces long-lived credentials on a schedule, limiting how long a
#   leaked secret stays useful.
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/secretsmanager-controls.html#secretsmanager-1
# custom:
#   id: secretsmanager_rotation_enabled
#   severity: medium
#   scope: resource
#   resource_types: [secretsmanager_secret]
#   frameworks:
#     fsbp: [SecretsManager.1]
#   remediation: |
#     aws secretsmanager rotate-secret --secret-id ID --rotation-lambda-arn ARN
#     --rotation-rules AutomaticallyAfterDays=30 (or use managed rotation for RDS/Redshift secrets).
package stance.secretsmanager.rotation_enabled

import data.stance.lib.util

default compliant := false

compliant if input.rotation_enabled == true

message := sprintf("secret %s has no automatic rotation", [util.label(input)])
