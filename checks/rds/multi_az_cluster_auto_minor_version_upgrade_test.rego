package stance.rds.multi_az_cluster_auto_minor_version_upgrade_test

import data.stance.rds.multi_az_cluster_auto_minor_version_upgrade as check

cluster(engine, auto) := {
	"resource_type": "rds_db_cluster",
	"meta": {"id": "arn:aws:rds:us-east-1:111111111111:cluster:orders", "account_id": "111111111111", "region": "us-east-1"},
	"db_cluster_identifier": "orders",
	"engine": engine,
	"multi_az": true,
	"auto_minor_version_upgrade": auto,
}

test_pass_enabled if check.compliant with input as cluster("postgres", true)

test_fail_disabled if {
	not check.compliant with input as cluster("mysql", false)
	check.message == "Multi-AZ DB cluster orders (mysql) does not apply minor version upgrades automatically" with input as cluster("mysql", false)
}

test_not_applicable_aurora if check.not_applicable with input as cluster("aurora-mysql", false)
