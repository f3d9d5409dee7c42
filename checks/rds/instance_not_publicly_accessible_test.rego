package stance.rds.instance_not_publicly_accessible_test

import data.stance.rds.instance_not_publicly_accessible as check

db(public) := {
	"resource_type": "rds_db_instance",
	"meta": {"id": "arn:aws:rds:us-east-1:111111111111:db:orders", "account_id": "111111111111", "region": "us-east-1", "name": "orders"},
	"db_instance_identifier": "orders",
	"engine": "postgres",
	"engine_version": "16.3",
	"publicly_accessible": public,
}

test_pass_private if check.compliant with input as db(false)

test_fail_public if {
	not check.compliant with input as db(true)
	check.message == "DB instance orders (postgres) is publicly accessible" with input as db(true)
}
