# METADATA
# title: Console passwords and access keys unused for 45 days are disabled
# description: |
#   A credential nobody uses is pure risk: it can leak or be guessed, and no one will notice it
#   being used. CIS asks to disable console passwords and active access keys not used for 45 days
#   or more. Credentials never used count from their creation.
# custom:
#   id: iam_user_credentials_used_within_45_days
#   severity: medium
#   scope: resource
#   resource_types: [iam_user]
#   frameworks:
#     cis-aws-v3.0.0: ["1.12"]
#     cis-aws-v4.0.1: ["1.12"]
#     cis-aws-v5.0.0: ["1.11"]
#   remediation: |
#     Remove the console password (aws iam delete-login-profile --user-name USER) and deactivate
#     stale keys (aws iam update-access-key --user-name USER --access-key-id KEY --status
#     Inactive), then delete them once nothing breaks.
package stance.iam.user_credentials_used_within_45_days

default compliant := false

threshold := 45

not_applicable := "the user has no console password and no active access keys" if {
	input.password_enabled == false
	input.derived.active_access_key_count == 0
}

not_applicable := "last-use data exists only for deployed users (infrastructure as code)" if input.meta.source.kind == "iac"

password_recent if input.password_enabled == false

password_recent if {
	is_number(input.derived.days_since_password_use)
	input.derived.days_since_password_use < threshold
}

stale contains sprintf("console password (%d days)", [input.derived.days_since_password_use]) if {
	input.password_enabled == true
	not password_recent
	is_number(input.derived.days_since_password_use)
}

stale contains "console password (last use unknown)" if {
	input.password_enabled == true
	not is_number(input.derived.days_since_password_use)
}

stale contains sprintf("access key %s (%d days)", [key.id, key.days_since_last_use]) if {
	some key in input.access_keys
	key.status == "Active"
	key.days_since_last_use >= threshold
}

stale contains sprintf("access key %s (last use unknown)", [key.id]) if {
	some key in input.access_keys
	key.status == "Active"
	not is_number(key.days_since_last_use)
}

compliant if {
	password_recent
	count(stale) == 0
}

message := sprintf("IAM user %s has credentials unused for %d days or more: %s", [input.meta.name, threshold, concat(", ", sort(stale))])

evidence := {"stale_credentials": sort(stale)}
