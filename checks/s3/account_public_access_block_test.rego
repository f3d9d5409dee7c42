package stance.s3.account_public_access_block_test

import data.stance.s3.account_public_access_block as check

all_on := {"block_public_acls": true, "ignore_public_acls": true, "block_public_policy": true, "restrict_public_buckets": true}

test_pass_all_on if check.compliant with input as {"meta": {"id": "a", "account_id": "1"}, "configuration": all_on}

test_fail_unconfigured if {
	inp := {"meta": {"id": "a", "account_id": "1"}}
	not check.compliant with input as inp
	check.message == "account 1 has no account-level S3 Block Public Access" with input as inp
}

test_fail_partial if {
	inp := {"meta": {"id": "a", "account_id": "1"}, "configuration": object.union(all_on, {"block_public_policy": false})}
	not check.compliant with input as inp
	contains(check.message, "only partly on") with input as inp
}
