# METADATA
# title: Secrets Manager secrets have been used in the last 90 days
# description: |
#   A secret nobody reads is a credential that still works but that no one owns or watches.
#   Security Hub SecretsManager.3 flags secrets unused for more than 90 days (its unusedForDays
#   default); a secret never accessed counts from its creation.
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/secretsmanager-controls.html#secretsmanager-3
# custom:
#   id: secretsmanager_secret_in_use
#   severity: medium
#   scope: resource
#   resource_types: [secretsmanager_secret]
#   frameworks:
#     fsbp: [SecretsManager.3]
#   remediation: |
#     Confirm nothing depends on the secret, revoke the credential it holds at its source, then
#     aws secretsmanager delete-secret --secret-id ID --recovery-window-in-days 30.
package stance.secretsmanager.secret_in_use

import data.stance.lib.util

maximum_unused_days := 90

default compliant := false

compliant if {
	is_number(input.derived.days_since_access)
	input.derived.days_since_access <= maximum_unused_days
}

message := sprintf("secret %s has not been accessed for %d days", [util.label(input), input.derived.days_since_access]) if {
	is_number(input.derived.days_since_access)
} else := sprintf("secret %s has no recorded last access or creation date", [util.label(input)])
