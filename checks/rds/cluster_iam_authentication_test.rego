package stance.rds.cluster_iam_authentication_test

import data.stance.rds.cluster_iam_authentication as check

cluster(iam) := {
	"resource_type": "rds_db_cluster",
	"meta": {"id": "arn:aws:rds:us-east-1:111111111111:cluster:ledger", "account_id": "111111111111", "region": "us-east-1"},
	"db_cluster_identifier": "ledger",
	"engine": "aurora-mysql",
	"iam_database_authentication_enabled": iam,
}

test_pass_enabled if check.compliant with input as cluster(true)

test_fail_disabled if {
	not check.compliant with input as cluster(false)
	check.message == "DB cluster ledger (aurora-mysql) does not use IAM database authentication" with input as cluster(false)
}
