package stance.rds.instance_backups_enabled_test

import data.stance.rds.instance_backups_enabled as check

db(days) := {
	"resource_type": "rds_db_instance",
	"meta": {"id": "arn:aws:rds:us-east-1:111111111111:db:orders", "account_id": "111111111111", "region": "us-east-1"},
	"db_instance_identifier": "orders",
	"engine": "mysql",
	"backup_retention_period": days,
}

test_pass_seven_days if check.compliant with input as db(7)

test_fail_disabled if {
	not check.compliant with input as db(0)
	check.message == "DB instance orders has automated backups turned off" with input as db(0)
}

test_fail_short_retention if {
	not check.compliant with input as db(1)
	check.message == "DB instance orders keeps automated backups for 1 day(s), less than 7" with input as db(1)
}
