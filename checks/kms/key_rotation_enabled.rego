# METADATA
# title: Customer-managed KMS keys rotate automatically
# description: |
#   Automatic rotation replaces a symmetric key's material every year (or on your schedule),
#   limiting how much data any one key version protects.
# custom:
#   id: kms_key_rotation_enabled
#   severity: medium
#   scope: resource
#   resource_types: [kms_key]
#   frameworks:
#     cis-aws-v3.0.0: ["3.6"]
#     cis-aws-v4.0.1: ["3.6"]
#     cis-aws-v5.0.0: ["3.6"]
#   remediation: |
#     aws kms enable-key-rotation --key-id KEY_ID
package stance.kms.key_rotation_enabled

default compliant := false

not_applicable := "AWS-managed key (rotated by AWS)" if input.key_manager == "AWS"

not_applicable := sprintf("rotation does not apply to %s keys from %s", [input.key_spec, input.origin]) if {
	input.key_manager == "CUSTOMER"
	input.derived.rotatable == false
	input.key_state != "PendingDeletion"
}

not_applicable := "the key is pending deletion" if input.key_state == "PendingDeletion"

compliant if input.rotation_enabled == true

message := sprintf("KMS key %s does not rotate automatically", [input.key_id])
