package stance.secretsmanager.rotated_recently_test

import data.stance.secretsmanager.rotated_recently as check

secret(days) := {
	"resource_type": "secretsmanager_secret",
	"meta": {"id": "arn:aws:secretsmanager:us-east-1:111111111111:secret:prod/orders/db-AbCdEf", "account_id": "111111111111", "region": "us-east-1", "name": "prod/orders/db"},
	"rotation_enabled": true,
	"rotation_interval_days": 30,
	"derived": {"days_since_rotation": days, "days_since_access": 0},
}

test_pass_recent if check.compliant with input as secret(20)

test_fail_stale if {
	not check.compliant with input as secret(120)
	check.message == "secret prod/orders/db was last rotated (or created) 120 days ago" with input as secret(120)
}

test_fail_unknown if not check.compliant with input as object.union(secret(0), {"derived": {"days_since_rotation": null}})
