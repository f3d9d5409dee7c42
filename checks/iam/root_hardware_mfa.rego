# METADATA
# title: The root user is protected by a hardware MFA device
# description: |
#   A virtual MFA app lives on a phone or laptop that can be lost, cloned or compromised along
#   with the password. A dedicated hardware device (FIDO security key or hardware TOTP token)
#   kept in a safe gives the root user the strongest second factor.
# custom:
#   id: iam_root_hardware_mfa
#   severity: critical
#   scope: resource
#   resource_types: [iam_root_user]
#   frameworks:
#     cis-aws-v3.0.0: ["1.6"]
#     cis-aws-v4.0.1: ["1.6"]
#     cis-aws-v5.0.0: ["1.5"]
#     fsbp: [IAM.6]
#   remediation: |
#     Sign in as the root user, open "Security credentials", assign a FIDO security key or a
#     hardware TOTP token, then remove the virtual MFA device. Store the device securely.
package stance.iam.root_hardware_mfa

default compliant := false

compliant if {
	input.mfa_active == true
	input.virtual_mfa == false
}

message := sprintf("the root user of account %s has no MFA device", [input.meta.account_id]) if {
	input.mfa_active != true
} else := sprintf("the root user of account %s uses a virtual MFA device, not a hardware one", [input.meta.account_id])
