# METADATA
# title: Secrets Manager secrets were rotated in the last 90 days
# description: |
#   A secret that has not changed for months has had time to leak through logs, tickets and
#   former staff. Security Hub SecretsManager.4 requires a rotation within 90 days (its
#   maxDaysSinceRotation default); a secret never rotated counts from its creation.
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/secretsmanager-controls.html#secretsmanager-4
# custom:
#   id: secretsmanager_rotated_recently
#   severity: medium
#   scope: resource
#   resource_types: [secretsmanager_secret]
#   frameworks:
#     fsbp: [SecretsManager.4]
#   remediation: |
#     aws secretsmanager rotate-secret --secret-id ID (configure automatic rotation with
#     --rotation-rules AutomaticallyAfterDays=90 or less so it stays compliant).
package stance.secretsmanager.rotated_recently

import data.stance.lib.util

maximum_days := 90

default compliant := false

compliant if {
	is_number(input.derived.days_since_rotation)
	input.derived.days_since_rotation <= maximum_days
}

message := sprintf("secret %s was last rotated (or created) %d days ago", [util.label(input), input.derived.days_since_rotation]) if {
	is_number(input.derived.days_since_rotation)
} else := sprintf("secret %s has no recorded rotation or creation date", [util.label(input)])
