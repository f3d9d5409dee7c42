# METADATA
# title: Inline policies of IAM users, groups and roles do not allow decryption with every KMS key
# description: |
#   The inline twin of the managed-policy control: an inline policy granting kms:Decrypt or
#   kms:ReEncryptFrom on Resource "*" lets the identity decrypt data protected by any key whose
#   policy delegates to IAM.
# custom:
#   id: kms_inline_policy_no_decrypt_all_keys
#   severity: medium
#   scope: resource
#   resource_types: [iam_user, iam_group, iam_role]
#   frameworks:
#     fsbp: [KMS.2]
#   remediation: |
#     Edit the inline policy (aws iam put-user-policy / put-group-policy / put-role-policy) so
#     kms:Decrypt and kms:ReEncryptFrom name specific key ARNs, or move the permission to a
#     scoped customer-managed policy.
package stance.kms.inline_policy_no_decrypt_all_keys

default compliant := false

kinds := {"iam_user": "IAM user", "iam_group": "IAM group", "iam_role": "IAM role"}

offending contains policy.name if {
	some policy in input.inline_policies
	policy.derived.allows_kms_decrypt_on_all_keys == true
}

compliant if {
	is_array(input.inline_policies)
	count(offending) == 0
}

message := sprintf("%s %s has inline policies allowing kms:Decrypt or kms:ReEncryptFrom on all KMS keys: %s", [object.get(kinds, input.resource_type, "identity"), input.meta.name, concat(", ", sort(offending))])

evidence := {"inline_policies": sort(offending)}
