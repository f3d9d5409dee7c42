package stance.rds.aurora_mysql_backtracking_test

import data.stance.rds.aurora_mysql_backtracking as check

cluster(engine, window) := {
	"resource_type": "rds_db_cluster",
	"meta": {"id": "arn:aws:rds:us-east-1:111111111111:cluster:ledger", "account_id": "111111111111", "region": "us-east-1"},
	"db_cluster_identifier": "ledger",
	"engine": engine,
	"engine_mode": "provisioned",
	"backtrack_window": window,
}

test_pass_enabled if check.compliant with input as cluster("aurora-mysql", 86400)

test_fail_disabled if {
	not check.compliant with input as cluster("aurora-mysql", 0)
	check.message == "Aurora MySQL DB cluster ledger has backtracking turned off" with input as cluster("aurora-mysql", 0)
}

test_not_applicable_postgres if check.not_applicable with input as cluster("aurora-postgresql", 0)
