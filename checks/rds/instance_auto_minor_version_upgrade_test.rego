package stance.rds.instance_auto_minor_version_upgrade_test

import data.stance.rds.instance_auto_minor_version_upgrade as check

db(auto) := {
	"resource_type": "rds_db_instance",
	"meta": {"id": "arn:aws:rds:us-east-1:111111111111:db:orders", "account_id": "111111111111", "region": "us-east-1"},
	"db_instance_identifier": "orders",
	"engine": "postgres",
	"engine_version": "15.4",
	"auto_minor_version_upgrade": auto,
}

test_pass_enabled if check.compliant with input as db(true)

test_fail_disabled if {
	not check.compliant with input as db(false)
	check.message == "DB instance orders (postgres 15.4) does not apply minor version upgrades automatically" with input as db(false)
}
