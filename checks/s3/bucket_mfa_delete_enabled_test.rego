package stance.s3.bucket_mfa_delete_enabled_test

import data.stance.s3.bucket_mfa_delete_enabled as check

bucket(versioning) := {
	"resource_type": "s3_bucket",
	"meta": {"id": "arn:aws:s3:::logs-us-east-1-1111-1", "account_id": "111111111111", "region": "us-east-1", "name": "logs-us-east-1-1111-1"},
	"versioning": versioning,
	"logging": {"enabled": false},
	"acl": {"grants": []},
	"lifecycle_rule_count": 1,
}

test_pass_mfa_delete if check.compliant with input as bucket({"status": "Enabled", "mfa_delete": true})

test_fail_versioning_without_mfa_delete if {
	inp := bucket({"status": "Enabled", "mfa_delete": false})
	not check.compliant with input as inp
	check.message == "bucket logs-us-east-1-1111-1 does not require MFA to delete object versions" with input as inp
}

test_fail_suspended if {
	inp := bucket({"status": "Suspended", "mfa_delete": true})
	not check.compliant with input as inp
	check.message == "bucket logs-us-east-1-1111-1 versioning is suspended (MFA delete needs versioning enabled)" with input as inp
}

test_fail_never_versioned if {
	inp := bucket({"mfa_delete": false})
	not check.compliant with input as inp
	check.message == "bucket logs-us-east-1-1111-1 versioning is off (MFA delete needs versioning enabled)" with input as inp
}
