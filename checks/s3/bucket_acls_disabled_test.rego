package stance.s3.bucket_acls_disabled_test

import data.stance.s3.bucket_acls_disabled as check

bucket := {
	"resource_type": "s3_bucket",
	"meta": {"id": "arn:aws:s3:::legacy-2222", "account_id": "222222222222", "region": "eu-west-1", "name": "legacy-2222"},
	"acl": {"owner_id": "demo-canonical-id", "grants": [{"grantee_type": "CanonicalUser", "grantee_id": "demo-canonical-id", "permission": "FULL_CONTROL"}]},
}

test_pass_enforced if check.compliant with input as object.union(bucket, {"object_ownership": "BucketOwnerEnforced"})

test_fail_object_writer if {
	inp := object.union(bucket, {"object_ownership": "ObjectWriter"})
	not check.compliant with input as inp
	check.message == "bucket legacy-2222 still honours ACLs (Object Ownership is ObjectWriter)" with input as inp
}

test_fail_not_configured if {
	not check.compliant with input as bucket
	check.message == "bucket legacy-2222 still honours ACLs (Object Ownership is not configured)" with input as bucket
}
