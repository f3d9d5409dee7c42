package stance.s3.access_point_public_access_block_test

import data.stance.s3.access_point_public_access_block as check

all_on := {"block_public_acls": true, "ignore_public_acls": true, "block_public_policy": true, "restrict_public_buckets": true}

access_point(pab) := {
	"resource_type": "s3_access_point",
	"meta": {"id": "arn:aws:s3:us-east-1:111111111111:accesspoint/analytics", "account_id": "111111111111", "region": "us-east-1", "name": "analytics"},
	"bucket": "assets-us-east-1-1111-0",
	"network_origin": "Internet",
	"public_access_block": pab,
}

test_pass_all_on if check.compliant with input as access_point(all_on)

test_fail_policy_allowed if {
	inp := access_point(object.union(all_on, {"block_public_policy": false, "restrict_public_buckets": false}))
	not check.compliant with input as inp
	check.message == "access point analytics (bucket assets-us-east-1-1111-0) does not block public access: block_public_policy, restrict_public_buckets off" with input as inp
}

test_fail_unset if not check.compliant with input as {"meta": {"id": "ap", "name": "ap"}, "bucket": "b"}
