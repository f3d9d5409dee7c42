# METADATA
# title: The password policy requires strong passwords
# description: |
#   The AWS Foundational Security Best Practices baseline: passwords of at least 8 characters
#   that contain uppercase and lowercase letters, numbers and symbols. Without a custom policy
#   IAM applies its default, which asks for only three of those four character classes.
# custom:
#   id: iam_password_policy_strong
#   severity: medium
#   scope: resource
#   resource_types: [iam_password_policy]
#   frameworks:
#     fsbp: [IAM.7]
#   remediation: |
#     aws iam update-account-password-policy --minimum-password-length 14
#     --require-uppercase-characters --require-lowercase-characters --require-numbers
#     --require-symbols (plus the reuse and expiry settings you keep: the call replaces the policy).
package stance.iam.password_policy_strong

default compliant := false

requirements := {
	"require_uppercase_characters": "uppercase letters",
	"require_lowercase_characters": "lowercase letters",
	"require_numbers": "numbers",
	"require_symbols": "symbols",
}

missing contains description if {
	some field, description in requirements
	input[field] != true
}

missing contains "at least 8 characters" if not input.minimum_password_length >= 8

compliant if {
	input.exists == true
	count(missing) == 0
}

message := sprintf("account %s has no password policy (the IAM default does not require all four character classes)", [input.meta.account_id]) if {
	input.exists != true
} else := sprintf("account %s password policy does not require %s", [input.meta.account_id, concat(", ", sort(missing))])

evidence := {"missing": sort(missing)}
