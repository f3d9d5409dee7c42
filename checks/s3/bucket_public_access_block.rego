# METADATA
# title: S3 Block Public Access is fully on for every bucket
# description: |
#   Block Public Access is the guard rail that keeps a mistaken ACL or bucket policy from
#   exposing data to the internet. All four settings must be on for the bucket, either on the
#   bucket itself or through the account-level setting.
# custom:
#   id: s3_bucket_public_access_block
#   severity: high
#   scope: resource
#   resource_types: [s3_bucket]
#   frameworks:
#     cis-aws-v3.0.0: ["2.1.4"]
#     cis-aws-v4.0.1: ["2.1.4"]
#     cis-aws-v5.0.0: ["2.1.4"]
#     fsbp: [S3.8]
#   remediation: |
#     aws s3api put-public-access-block --bucket BUCKET --public-access-block-configuration
#     BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true
#     (or turn on all four at the account level in S3 > Block Public Access settings).
package stance.s3.bucket_public_access_block

default compliant := false

effective := input.derived.effective_public_access_block

compliant if {
	effective.block_public_acls == true
	effective.ignore_public_acls == true
	effective.block_public_policy == true
	effective.restrict_public_buckets == true
}

missing contains name if {
	some name in ["block_public_acls", "ignore_public_acls", "block_public_policy", "restrict_public_buckets"]
	not effective[name]
}

message := sprintf("bucket %s does not block public access: %s off", [input.meta.name, concat(", ", sort(missing))])

evidence := {"bucket_setting": object.get(input, "public_access_block", null), "effective": effective}
