package stance.secretsmanager.rotation_on_schedule_test

import data.stance.secretsmanager.rotation_on_schedule as check

secret(enabled, interval, days) := {
	"resource_type": "secretsmanager_secret",
	"meta": {"id": "arn:aws:secretsmanager:us-east-1:111111111111:secret:prod/orders/db-AbCdEf", "account_id": "111111111111", "region": "us-east-1", "name": "prod/orders/db"},
	"rotation_enabled": enabled,
	"rotation_interval_days": interval,
	"last_rotated_date": "2026-09-01T00:00:00Z",
	"derived": {"days_since_rotation": days, "days_since_access": 1},
}

test_pass_on_schedule if check.compliant with input as secret(true, 30, 12)

test_pass_within_window if check.compliant with input as secret(true, 30, 31)

test_fail_overdue if {
	not check.compliant with input as secret(true, 30, 61)
	check.message == "secret prod/orders/db last rotated 61 days ago although it should rotate every 30 days" with input as secret(true, 30, 61)
}

test_fail_unknown_interval if {
	s := object.remove(secret(true, 30, 12), ["rotation_interval_days"])
	not check.compliant with input as s
	check.message == "secret prod/orders/db has rotation enabled but its rotation interval or last rotation is unknown" with input as s
}

test_not_applicable_no_rotation if check.not_applicable with input as secret(false, 30, 400)

test_fail_never_rotated_unknown_age if not check.compliant with input as object.union(secret(true, 30, 0), {"derived": {"days_since_rotation": null}})
