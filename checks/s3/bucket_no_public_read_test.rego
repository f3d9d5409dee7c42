package stance.s3.bucket_no_public_read_test

import data.stance.s3.bucket_no_public_read as check

pab_off := {"block_public_acls": false, "ignore_public_acls": false, "block_public_policy": false, "restrict_public_buckets": false}

bucket(public_read, acl_read, policy_read) := {
	"resource_type": "s3_bucket",
	"meta": {"id": "arn:aws:s3:::web-assets-3333", "account_id": "333333333333", "region": "us-east-1", "name": "web-assets-3333"},
	"object_ownership": "ObjectWriter",
	"acl": {"owner_id": "demo-canonical-id", "grants": [{"grantee_type": "Group", "grantee_uri": "http://acs.amazonaws.com/groups/global/AllUsers", "permission": "READ"}]},
	"derived": {
		"policy": {"present": policy_read, "public": policy_read, "public_read": policy_read, "public_write": false, "public_actions": ["s3:GetObject" | policy_read]},
		"acl_public_read": acl_read,
		"acl_public_write": false,
		"effective_public_access_block": pab_off,
		"acls_in_force": true,
		"public_read": public_read,
		"public_write": false,
	},
}

test_pass_not_public if check.compliant with input as bucket(false, true, false)

test_fail_acl if {
	inp := bucket(true, true, false)
	not check.compliant with input as inp
	check.message == "bucket web-assets-3333 is publicly readable through its ACL" with input as inp
}

test_fail_acl_and_policy if {
	inp := bucket(true, true, true)
	not check.compliant with input as inp
	check.message == "bucket web-assets-3333 is publicly readable through its ACL and bucket policy" with input as inp
}
