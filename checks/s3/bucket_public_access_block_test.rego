package stance.s3.bucket_public_access_block_test

import data.stance.s3.bucket_public_access_block as check

all_on := {"block_public_acls": true, "ignore_public_acls": true, "block_public_policy": true, "restrict_public_buckets": true}

bucket(effective) := {"meta": {"id": "arn:aws:s3:::b", "name": "b"}, "derived": {"effective_public_access_block": effective}}

test_pass_all_on if check.compliant with input as bucket(all_on)

test_fail_one_off if {
	inp := bucket(object.union(all_on, {"restrict_public_buckets": false}))
	not check.compliant with input as inp
	check.message == "bucket b does not block public access: restrict_public_buckets off" with input as inp
}

test_fail_nothing_configured if not check.compliant with input as bucket({})
