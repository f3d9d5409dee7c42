# METADATA
# title: The password policy prevents reuse of the last 24 passwords
# description: |
#   Preventing password reuse stops users cycling back to a compromised password after a
#   forced change.
# custom:
#   id: iam_password_policy_reuse_prevention
#   severity: medium
#   scope: resource
#   resource_types: [iam_password_policy]
#   frameworks:
#     cis-aws-v3.0.0: ["1.9"]
#     cis-aws-v4.0.1: ["1.9"]
#     cis-aws-v5.0.0: ["1.8"]
#   remediation: |
#     aws iam update-account-password-policy --password-reuse-prevention 24 (the call replaces
#     the whole policy; repeat the settings you keep).
package stance.iam.password_policy_reuse_prevention

default compliant := false

compliant if {
	input.exists
	input.password_reuse_prevention >= 24
}

message := sprintf("account %s password policy remembers %d previous passwords (24 required)", [input.meta.account_id, object.get(input, "password_reuse_prevention", 0)])
