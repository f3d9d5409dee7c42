package stance.rds.postgres_cluster_copy_tags_to_snapshot_test

import data.stance.rds.postgres_cluster_copy_tags_to_snapshot as check

cluster(engine, copy) := {
	"resource_type": "rds_db_cluster",
	"meta": {"id": "arn:aws:rds:us-east-1:111111111111:cluster:ledger", "account_id": "111111111111", "region": "us-east-1"},
	"db_cluster_identifier": "ledger",
	"engine": engine,
	"copy_tags_to_snapshot": copy,
}

test_pass_copies if check.compliant with input as cluster("postgres", true)

test_fail_does_not_copy if {
	not check.compliant with input as cluster("postgres", false)
	check.message == "RDS for PostgreSQL DB cluster ledger does not copy its tags to snapshots" with input as cluster("postgres", false)
}

test_not_applicable_other_engine if check.not_applicable with input as cluster("aurora-mysql", false)
