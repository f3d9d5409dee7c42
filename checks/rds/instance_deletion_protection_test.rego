package stance.rds.instance_deletion_protection_test

import data.stance.rds.instance_deletion_protection as check

db(engine, protected) := {
	"resource_type": "rds_db_instance",
	"meta": {"id": "arn:aws:rds:us-east-1:111111111111:db:orders", "account_id": "111111111111", "region": "us-east-1"},
	"db_instance_identifier": "orders",
	"engine": engine,
	"deletion_protection": protected,
}

test_pass_protected if check.compliant with input as db("postgres", true)

test_fail_unprotected if {
	not check.compliant with input as db("sqlserver-se", false)
	check.message == "DB instance orders (sqlserver-se) has deletion protection turned off" with input as db("sqlserver-se", false)
}

test_not_applicable_aurora if check.not_applicable with input as db("aurora-mysql", false)
