# METADATA
# title: S3 buckets have server access logging enabled
# description: |
#   Server access logs record every request made to the bucket, including anonymous and
#   denied ones that CloudTrail data events may not cover. They are the evidence when data
#   leaks from a bucket.
# custom:
#   id: s3_bucket_access_logging_enabled
#   severity: medium
#   scope: resource
#   resource_types: [s3_bucket]
#   frameworks:
#     fsbp: [S3.9]
#   remediation: |
#     aws s3api put-bucket-logging --bucket BUCKET --bucket-logging-status
#     '{"LoggingEnabled": {"TargetBucket": "LOG_BUCKET", "TargetPrefix": "BUCKET/"}}' (the log
#     bucket must let logging.s3.amazonaws.com write).
package stance.s3.bucket_access_logging_enabled

default compliant := false

compliant if input.logging.enabled == true

message := sprintf("bucket %s does not have server access logging enabled", [input.meta.name])
