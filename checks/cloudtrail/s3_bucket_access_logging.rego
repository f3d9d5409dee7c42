# METADATA
# title: The S3 buckets that receive CloudTrail logs have server access logging
# description: |
#   The trail bucket holds the audit log itself. Server access logging on it records who read,
#   changed or deleted the log files, which matters most when an intruder tries to cover
#   tracks. stance joins each trail's destination bucket with the buckets of the same account;
#   a bucket kept in another account (a central log archive) must be judged in that account and
#   is listed in the evidence.
# custom:
#   id: cloudtrail_s3_bucket_access_logging
#   severity: low
#   scope: account
#   resource_types: [cloudtrail_trail, s3_bucket]
#   frameworks:
#     cis-aws-v3.0.0: ["3.4"]
#     cis-aws-v4.0.1: ["3.4"]
#     cis-aws-v5.0.0: ["3.4"]
#   remediation: |
#     aws s3api put-bucket-logging --bucket TRAIL_BUCKET --bucket-logging-status
#     '{"LoggingEnabled": {"TargetBucket": "LOG_BUCKET", "TargetPrefix": "TRAIL_BUCKET/"}}' (use a
#     different bucket as the target).
package stance.cloudtrail.s3_bucket_access_logging

default compliant := false

trail_buckets contains trail.s3_bucket_name if {
	some trail in input.resources.cloudtrail_trail
	is_string(trail.s3_bucket_name)
}

buckets_here contains bucket.meta.name if {
	some bucket in input.resources.s3_bucket
	bucket.meta.name in trail_buckets
}

not_logging contains bucket.meta.name if {
	some bucket in input.resources.s3_bucket
	bucket.meta.name in trail_buckets
	not bucket.logging.enabled == true
}

elsewhere := trail_buckets - buckets_here

not_applicable := "the account has no CloudTrail trail delivering to S3" if count(trail_buckets) == 0

not_applicable := sprintf("the trail bucket(s) %s are not in this account; judge them where they live", [concat(", ", sort(elsewhere))]) if {
	count(trail_buckets) > 0
	count(buckets_here) == 0
}

compliant if {
	count(buckets_here) > 0
	count(not_logging) == 0
}

message := sprintf("account %s: CloudTrail bucket(s) without server access logging: %s", [input.account_id, concat(", ", sort(not_logging))])

evidence := {"trail_buckets": sort(trail_buckets), "not_logging": sort(not_logging), "in_other_accounts": sort(elsewhere)}
