# METADATA
# title: CloudTrail logs are encrypted with a KMS key
# description: |
#   SSE-KMS adds a second permission gate (the key policy) in front of the audit log and
#   records every decryption in CloudTrail itself.
# custom:
#   id: cloudtrail_kms_encryption_enabled
#   severity: medium
#   scope: resource
#   resource_types: [cloudtrail_trail]
#   frameworks:
#     cis-aws-v3.0.0: ["3.5"]
#     cis-aws-v4.0.1: ["3.5"]
#     cis-aws-v5.0.0: ["3.5"]
#     fsbp: [CloudTrail.2]
#   remediation: |
#     Create a symmetric KMS key whose policy lets cloudtrail.amazonaws.com encrypt, then
#     aws cloudtrail update-trail --name TRAIL --kms-key-id KEY_ARN
package stance.cloudtrail.kms_encryption_enabled

default compliant := false

compliant if {
	is_string(input.kms_key_id)
	input.kms_key_id != ""
}

message := sprintf("trail %s logs are not encrypted with a KMS key", [input.meta.name])
