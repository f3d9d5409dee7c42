# METADATA
# title: The password policy requires at least 14 characters
# description: |
#   Long passwords resist guessing and brute force. Without a custom policy IAM accepts
#   passwords of 8 characters.
# custom:
#   id: iam_password_policy_min_length
#   severity: medium
#   scope: resource
#   resource_types: [iam_password_policy]
#   frameworks:
#     cis-aws-v3.0.0: ["1.8"]
#     cis-aws-v4.0.1: ["1.8"]
#     cis-aws-v5.0.0: ["1.7"]
#   remediation: |
#     aws iam update-account-password-policy --minimum-password-length 14 (keep the other
#     settings you rely on: the call replaces the whole policy).
package stance.iam.password_policy_min_length

default compliant := false

compliant if {
	input.exists
	input.minimum_password_length >= 14
}

message := sprintf("account %s has no password policy (IAM defaults allow 8-character passwords)", [input.meta.account_id]) if {
	not input.exists
} else := sprintf("account %s password policy requires only %d characters", [input.meta.account_id, input.minimum_password_length])
