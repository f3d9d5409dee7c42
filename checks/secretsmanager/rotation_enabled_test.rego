package stance.secretsmanager.rotation_enabled_test

import data.stance.secretsmanager.rotation_enabled as check

secret(rotation) := {
	"resource_type": "secretsmanager_secret",
	"meta": {"id": "arn:aws:secretsmanager:us-east-1:111111111111:secret:prod/orders/db-AbCdEf", "account_id": "111111111111", "region": "us-east-1", "name": "prod/orders/db"},
	"rotation_enabled": rotation,
	"created_date": "2026-01-10T00:00:00Z",
}

test_pass_rotating if check.compliant with input as object.union(secret(true), {"rotation_interval_days": 30})

test_fail_not_rotating if {
	not check.compliant with input as secret(false)
	check.message == "secret prod/orders/db has no automatic rotation" with input as secret(false)
}
