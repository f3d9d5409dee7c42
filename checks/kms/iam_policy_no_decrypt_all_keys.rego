# METADATA
# title: Customer-managed IAM policies do not allow decryption with every KMS key
# description: |
#   kms:Decrypt or kms:ReEncryptFrom on Resource "*" lets the holder decrypt data protected by
#   any key whose policy delegates to IAM, far beyond the keys the job needs. Scope these
#   actions to specific key ARNs.
# custom:
#   id: kms_iam_policy_no_decrypt_all_keys
#   severity: medium
#   scope: resource
#   resource_types: [iam_policy]
#   frameworks:
#     fsbp: [KMS.1]
#   remediation: |
#     Replace Resource "*" in the statements granting kms:Decrypt or kms:ReEncryptFrom with the
#     key ARNs needed (or add a kms:ViaService condition), publish a new default version, and
#     delete the old one.
package stance.kms.iam_policy_no_decrypt_all_keys

default compliant := false

not_applicable := "AWS-managed policy" if input.aws_managed == true

compliant if input.derived.allows_kms_decrypt_on_all_keys == false

message := sprintf("policy %s allows kms:Decrypt or kms:ReEncryptFrom on all KMS keys (attached to %d entities)", [input.meta.name, input.attachment_count])
