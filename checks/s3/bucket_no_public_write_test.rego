package stance.s3.bucket_no_public_write_test

import data.stance.s3.bucket_no_public_write as check

pab_on := {"block_public_acls": true, "ignore_public_acls": true, "block_public_policy": true, "restrict_public_buckets": true}

pab_off := {"block_public_acls": false, "ignore_public_acls": false, "block_public_policy": false, "restrict_public_buckets": false}

bucket(public_write, policy_write, pab) := {
	"resource_type": "s3_bucket",
	"meta": {"id": "arn:aws:s3:::dropbox-3333", "account_id": "333333333333", "region": "eu-west-1", "name": "dropbox-3333"},
	"object_ownership": "BucketOwnerEnforced",
	"policy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::dropbox-3333/*"}]},
	"acl": {"owner_id": "demo-canonical-id", "grants": []},
	"derived": {
		"policy": {"present": true, "public": policy_write, "public_read": false, "public_write": policy_write, "public_actions": ["s3:PutObject"]},
		"acl_public_read": false,
		"acl_public_write": false,
		"effective_public_access_block": pab,
		"acls_in_force": false,
		"public_read": false,
		"public_write": public_write,
	},
}

test_pass_blocked_by_public_access_block if check.compliant with input as bucket(false, true, pab_on)

test_fail_public_policy if {
	inp := bucket(true, true, pab_off)
	not check.compliant with input as inp
	check.message == "bucket dropbox-3333 is publicly writable through its bucket policy" with input as inp
	check.evidence.policy_public_actions == ["s3:PutObject"] with input as inp
}

test_fail_missing_derived if not check.compliant with input as {"meta": {"id": "arn:aws:s3:::x", "name": "x"}}
