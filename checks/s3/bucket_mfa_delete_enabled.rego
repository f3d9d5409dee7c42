# METADATA
# title: S3 buckets have versioning with MFA delete
# description: |
#   With MFA delete, permanently deleting an object version or changing the bucket's versioning
#   state needs the root user's MFA code, so stolen credentials alone cannot destroy the
#   history. MFA delete requires versioning, so both must be on.
# custom:
#   id: s3_bucket_mfa_delete_enabled
#   severity: low
#   scope: resource
#   resource_types: [s3_bucket]
#   frameworks:
#     cis-aws-v3.0.0: ["2.1.2"]
#     cis-aws-v4.0.1: ["2.1.2"]
#     cis-aws-v5.0.0: ["2.1.2"]
#   remediation: |
#     As the root user with its MFA device: aws s3api put-bucket-versioning --bucket BUCKET
#     --versioning-configuration Status=Enabled,MFADelete=Enabled --mfa "SERIAL CODE".
package stance.s3.bucket_mfa_delete_enabled

default compliant := false

compliant if {
	input.versioning.status == "Enabled"
	input.versioning.mfa_delete == true
}

versioning_state := lower(input.versioning.status) if {
	is_string(input.versioning.status)
} else := "off"

message := sprintf("bucket %s versioning is %s (MFA delete needs versioning enabled)", [input.meta.name, versioning_state]) if {
	not input.versioning.status == "Enabled"
} else := sprintf("bucket %s does not require MFA to delete object versions", [input.meta.name])
