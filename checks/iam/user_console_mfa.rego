# METADATA
# title: IAM users with a console password have MFA
# description: |
#   A console password without a second factor is one phishing email away from an account
#   takeover. Every user who can sign in to the console needs an MFA device.
# custom:
#   id: iam_user_console_mfa
#   severity: medium
#   scope: resource
#   resource_types: [iam_user]
#   frameworks:
#     cis-aws-v3.0.0: ["1.10"]
#     cis-aws-v4.0.1: ["1.10"]
#     cis-aws-v5.0.0: ["1.9"]
#     fsbp: [IAM.5]
#   remediation: |
#     Assign an MFA device to the user (IAM console > Users > Security credentials > Assign MFA),
#     or remove the console password if the user does not need console access.
package stance.iam.user_console_mfa

default compliant := false

not_applicable := "the user has no console password" if input.password_enabled == false

compliant if input.derived.mfa_enabled == true

message := sprintf("IAM user %s can sign in to the console without MFA", [input.meta.name])
