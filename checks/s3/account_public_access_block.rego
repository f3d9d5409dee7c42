# METADATA
# title: S3 Block Public Access is on at the account level
# description: |
#   The account-level setting applies to every current and future bucket, so a new bucket
#   cannot be made public by accident.
# custom:
#   id: s3_account_public_access_block
#   severity: medium
#   scope: resource
#   resource_types: [s3_account_public_access_block]
#   frameworks:
#     cis-aws-v3.0.0: ["2.1.4"]
#     cis-aws-v4.0.1: ["2.1.4"]
#     cis-aws-v5.0.0: ["2.1.4"]
#     fsbp: [S3.1]
#   remediation: |
#     aws s3control put-public-access-block --account-id ACCOUNT --public-access-block-configuration
#     BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true
package stance.s3.account_public_access_block

default compliant := false

config := input.configuration

compliant if {
	config.block_public_acls == true
	config.ignore_public_acls == true
	config.block_public_policy == true
	config.restrict_public_buckets == true
}

message := sprintf("account %s has no account-level S3 Block Public Access", [input.meta.account_id]) if {
	not input.configuration
} else := sprintf("account %s account-level S3 Block Public Access is only partly on", [input.meta.account_id])
