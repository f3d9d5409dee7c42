package stance.rds.instance_enhanced_monitoring_test

import data.stance.rds.instance_enhanced_monitoring as check

db(interval) := {
	"resource_type": "rds_db_instance",
	"meta": {"id": "arn:aws:rds:us-east-1:111111111111:db:orders", "account_id": "111111111111", "region": "us-east-1"},
	"db_instance_identifier": "orders",
	"engine": "postgres",
	"monitoring_interval": interval,
}

test_pass_sixty_seconds if check.compliant with input as db(60)

test_fail_off if {
	not check.compliant with input as db(0)
	check.message == "DB instance orders has Enhanced Monitoring turned off (monitoring interval 0)" with input as db(0)
}
