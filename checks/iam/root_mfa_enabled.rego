# METADATA
# title: The root user has MFA enabled
# description: |
#   Without multi-factor authentication, the root user's password alone grants unrestricted
#   control of the account, including closing it.
# custom:
#   id: iam_root_mfa_enabled
#   severity: critical
#   scope: resource
#   resource_types: [iam_root_user]
#   frameworks:
#     cis-aws-v3.0.0: ["1.5"]
#     cis-aws-v4.0.1: ["1.5"]
#     cis-aws-v5.0.0: ["1.4"]
#   remediation: |
#     Sign in as the root user, open "Security credentials" and assign an MFA device (a hardware
#     key or passkey is preferred for the root user).
package stance.iam.root_mfa_enabled

default compliant := false

compliant if input.mfa_active == true

message := sprintf("the root user of account %s has no MFA device", [input.meta.account_id])
