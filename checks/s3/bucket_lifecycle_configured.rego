# METADATA
# title: S3 buckets have a lifecycle configuration
# description: |
#   Lifecycle rules expire or archive data that is no longer needed, limiting both cost and the
#   amount of data a breach can expose, and clean up old object versions and incomplete
#   multipart uploads.
# custom:
#   id: s3_bucket_lifecycle_configured
#   severity: low
#   scope: resource
#   resource_types: [s3_bucket]
#   frameworks:
#     fsbp: [S3.13]
#   remediation: |
#     aws s3api put-bucket-lifecycle-configuration --bucket BUCKET --lifecycle-configuration
#     file://lifecycle.json with rules matching the data's retention requirements.
package stance.s3.bucket_lifecycle_configured

default compliant := false

compliant if input.lifecycle_rule_count > 0

message := sprintf("bucket %s has no lifecycle rules", [input.meta.name])
