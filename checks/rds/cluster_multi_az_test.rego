package stance.rds.cluster_multi_az_test

import data.stance.rds.cluster_multi_az as check

cluster(multi_az) := {
	"resource_type": "rds_db_cluster",
	"meta": {"id": "arn:aws:rds:us-east-1:111111111111:cluster:ledger", "account_id": "111111111111", "region": "us-east-1"},
	"db_cluster_identifier": "ledger",
	"engine": "aurora-postgresql",
	"availability_zone_count": 3,
	"multi_az": multi_az,
}

test_pass_multi_az if check.compliant with input as cluster(true)

test_fail_single_az if {
	not check.compliant with input as cluster(false)
	check.message == "DB cluster ledger (aurora-postgresql) is not Multi-AZ" with input as cluster(false)
}
