package stance.rds.instance_copy_tags_to_snapshot_test

import data.stance.rds.instance_copy_tags_to_snapshot as check

db(copy) := {
	"resource_type": "rds_db_instance",
	"meta": {"id": "arn:aws:rds:us-east-1:111111111111:db:orders", "account_id": "111111111111", "region": "us-east-1"},
	"db_instance_identifier": "orders",
	"engine": "mariadb",
	"copy_tags_to_snapshot": copy,
}

test_pass_copies if check.compliant with input as db(true)

test_fail_does_not_copy if {
	not check.compliant with input as db(false)
	check.message == "DB instance orders does not copy its tags to snapshots" with input as db(false)
}

test_not_applicable_cluster_member if check.not_applicable with input as object.union(db(false), {"engine": "aurora-mysql", "db_cluster_identifier": "ledger"})
