package stance.rds.cluster_deletion_protection_test

import data.stance.rds.cluster_deletion_protection as check

cluster(protected) := {
	"resource_type": "rds_db_cluster",
	"meta": {"id": "arn:aws:rds:us-east-1:111111111111:cluster:ledger", "account_id": "111111111111", "region": "us-east-1"},
	"db_cluster_identifier": "ledger",
	"engine": "aurora-postgresql",
	"deletion_protection": protected,
}

test_pass_protected if check.compliant with input as cluster(true)

test_fail_unprotected if {
	not check.compliant with input as cluster(false)
	check.message == "DB cluster ledger (aurora-postgresql) has deletion protection turned off" with input as cluster(false)
}
