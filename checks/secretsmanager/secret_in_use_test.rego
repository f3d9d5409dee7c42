package stance.secretsmanager.secret_in_use_test

import data.stance.secretsmanager.secret_in_use as check

secret(days) := {
	"resource_type": "secretsmanager_secret",
	"meta": {"id": "arn:aws:secretsmanager:us-east-1:111111111111:secret:legacy/ftp-XyZ123", "account_id": "111111111111", "region": "us-east-1", "name": "legacy/ftp"},
	"rotation_enabled": false,
	"last_accessed_date": "2026-03-01T00:00:00Z",
	"derived": {"days_since_access": days},
}

test_pass_recently_used if check.compliant with input as secret(3)

test_fail_unused if {
	not check.compliant with input as secret(245)
	check.message == "secret legacy/ftp has not been accessed for 245 days" with input as secret(245)
}

test_fail_unknown if {
	s := object.union(secret(0), {"derived": {"days_since_access": null}})
	not check.compliant with input as s
	check.message == "secret legacy/ftp has no recorded last access or creation date" with input as s
}
