# METADATA
# title: S3 buckets do not allow public read access
# description: |
#   A bucket readable by anyone, through its ACL (AllUsers or AuthenticatedUsers) or a bucket
#   policy granting "*" without a narrowing condition, exposes every object to the internet.
#   stance judges the access in force: Block Public Access at bucket or account level and
#   disabled ACLs neutralise the grants they cover.
# custom:
#   id: s3_bucket_no_public_read
#   severity: critical
#   scope: resource
#   resource_types: [s3_bucket]
#   frameworks:
#     fsbp: [S3.2]
#   remediation: |
#     Turn on S3 Block Public Access for the bucket (or account), remove AllUsers and
#     AuthenticatedUsers ACL grants, and remove or narrow the public policy statements. Serve
#     public content through CloudFront with origin access control instead.
package stance.s3.bucket_no_public_read

default compliant := false

compliant if input.derived.public_read == false

# Which grants are in force (the derived verdict already applies these; they only explain it).
acls_in_force if input.derived.acls_in_force == true

policy_in_force if not input.derived.effective_public_access_block.restrict_public_buckets == true

sources contains "ACL" if {
	input.derived.acl_public_read == true
	acls_in_force
}

sources contains "bucket policy" if {
	input.derived.policy.public_read == true
	policy_in_force
}

message := sprintf("bucket %s is publicly readable through its %s", [input.meta.name, concat(" and ", sort(sources))]) if {
	count(sources) > 0
} else := sprintf("bucket %s is publicly readable", [input.meta.name])

evidence := {
	"acl_public_read": input.derived.acl_public_read,
	"policy_public_actions": input.derived.policy.public_actions,
	"effective_public_access_block": input.derived.effective_public_access_block,
}
