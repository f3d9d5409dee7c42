# METADATA
# title: Secrets Manager secrets with rotation enabled rotate on schedule
# description: |
#   A rotation that keeps failing (broken Lambda, revoked database grant) leaves the old secret
#   in place while everyone believes it rotates. Security Hub reads Secrets Manager's own
#   RotationOccurringAsScheduled flag; stance compares the days since the last rotation (or
#   creation) with the rotation interval, allowing one day for the rotation window.
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/secretsmanager-controls.html#secretsmanager-2
# custom:
#   id: secretsmanager_rotation_on_schedule
#   severity: medium
#   scope: resource
#   resource_types: [secretsmanager_secret]
#   frameworks:
#     fsbp: [SecretsManager.2]
#   remediation: |
#     Check the rotation function's CloudWatch logs, fix the error (permissions, network access
#     to the database, secret format), then run aws secretsmanager rotate-secret --secret-id ID.
package stance.secretsmanager.rotation_on_schedule

import data.stance.lib.util

default compliant := false

not_applicable := "automatic rotation is not enabled (see SecretsManager.1)" if input.rotation_enabled == false

compliant if {
	is_number(input.derived.days_since_rotation)
	is_number(input.rotation_interval_days)
	input.derived.days_since_rotation <= input.rotation_interval_days + 1
}

message := sprintf("secret %s last rotated %d days ago although it should rotate every %d days", [util.label(input), input.derived.days_since_rotation, input.rotation_interval_days]) if {
	is_number(input.rotation_interval_days)
	is_number(input.derived.days_since_rotation)
} else := sprintf("secret %s has rotation enabled but its rotation interval or last rotation is unknown", [util.label(input)])
