package stance.rds.cluster_storage_encrypted_test

import data.stance.rds.cluster_storage_encrypted as check

cluster(encrypted) := {
	"resource_type": "rds_db_cluster",
	"meta": {"id": "arn:aws:rds:us-east-1:111111111111:cluster:ledger", "account_id": "111111111111", "region": "us-east-1"},
	"db_cluster_identifier": "ledger",
	"engine": "aurora-mysql",
	"storage_encrypted": encrypted,
}

test_pass_encrypted if check.compliant with input as cluster(true)

test_fail_unencrypted if {
	not check.compliant with input as cluster(false)
	check.message == "DB cluster ledger (aurora-mysql) does not encrypt its storage" with input as cluster(false)
}
