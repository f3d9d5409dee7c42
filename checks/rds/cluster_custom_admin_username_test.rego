package stance.rds.cluster_custom_admin_username_test

import data.stance.rds.cluster_custom_admin_username as check

cluster(engine, user, default_name) := {
	"resource_type": "rds_db_cluster",
	"meta": {"id": "arn:aws:rds:us-east-1:111111111111:cluster:ledger", "account_id": "111111111111", "region": "us-east-1"},
	"db_cluster_identifier": "ledger",
	"engine": engine,
	"master_username": user,
	"derived": {"uses_default_port": false, "uses_default_master_username": default_name},
}

test_pass_custom if check.compliant with input as cluster("aurora-mysql", "ledger_owner", false)

test_fail_default if {
	not check.compliant with input as cluster("aurora-mysql", "admin", true)
	check.message == "DB cluster ledger uses the default master user name \"admin\"" with input as cluster("aurora-mysql", "admin", true)
}

test_not_applicable_docdb if check.not_applicable with input as cluster("docdb", "admin", true)
