package stance.s3.bucket_access_logging_enabled_test

import data.stance.s3.bucket_access_logging_enabled as check

bucket(logging) := {
	"resource_type": "s3_bucket",
	"meta": {"id": "arn:aws:s3:::assets-us-east-1-1111-0", "account_id": "111111111111", "region": "us-east-1", "name": "assets-us-east-1-1111-0"},
	"versioning": {"status": "Enabled", "mfa_delete": false},
	"logging": logging,
}

test_pass_logging if check.compliant with input as bucket({"enabled": true, "target_bucket": "logs-us-east-1-1111-1", "target_prefix": "assets-us-east-1-1111-0/"})

test_fail_no_logging if {
	not check.compliant with input as bucket({"enabled": false})
	check.message == "bucket assets-us-east-1-1111-0 does not have server access logging enabled" with input as bucket({"enabled": false})
}
