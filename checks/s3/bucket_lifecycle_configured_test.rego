package stance.s3.bucket_lifecycle_configured_test

import data.stance.s3.bucket_lifecycle_configured as check

bucket(rules) := {
	"resource_type": "s3_bucket",
	"meta": {"id": "arn:aws:s3:::assets-us-east-1-1111-0", "account_id": "111111111111", "region": "us-east-1", "name": "assets-us-east-1-1111-0"},
	"lifecycle_rule_count": rules,
}

test_pass_rules if check.compliant with input as bucket(2)

test_fail_no_rules if {
	not check.compliant with input as bucket(0)
	check.message == "bucket assets-us-east-1-1111-0 has no lifecycle rules" with input as bucket(0)
}

test_fail_field_missing if not check.compliant with input as {"meta": {"id": "arn:aws:s3:::x", "name": "x"}}
