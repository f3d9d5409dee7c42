package stance.iam.root_no_access_keys_test

import data.stance.iam.root_no_access_keys as check

root(keys) := {
	"resource_type": "iam_root_user",
	"meta": {"id": "arn:aws:iam::111111111111:root", "account_id": "111111111111"},
	"mfa_active": true,
	"active_access_keys": keys,
}

test_pass_no_keys if check.compliant with input as root(0)

test_fail_one_key if {
	not check.compliant with input as root(1)
	check.message == "the root user of account 111111111111 has 1 active access key(s)" with input as root(1)
}

test_fail_when_field_missing if not check.compliant with input as {"meta": {"id": "x"}}
