# METADATA
# title: S3 buckets have ACLs disabled (Object Ownership is BucketOwnerEnforced)
# description: |
#   ACLs are a second, hard-to-audit permission system beside IAM and bucket policies, and let
#   object writers from other accounts keep ownership of what they upload. With Object Ownership
#   set to BucketOwnerEnforced, ACLs are ignored and the bucket owner owns every object.
# custom:
#   id: s3_bucket_acls_disabled
#   severity: medium
#   scope: resource
#   resource_types: [s3_bucket]
#   frameworks:
#     fsbp: [S3.12]
#   remediation: |
#     Move any access granted by ACLs into the bucket policy, then aws s3api
#     put-bucket-ownership-controls --bucket BUCKET --ownership-controls
#     'Rules=[{ObjectOwnership=BucketOwnerEnforced}]'.
package stance.s3.bucket_acls_disabled

default compliant := false

compliant if input.object_ownership == "BucketOwnerEnforced"

message := sprintf("bucket %s still honours ACLs (Object Ownership is %s)", [input.meta.name, object.get(input, "object_ownership", "not configured")])
