package stance.rds.instance_multi_az_test

import data.stance.rds.instance_multi_az as check

db(multi_az) := {
	"resource_type": "rds_db_instance",
	"meta": {"id": "arn:aws:rds:us-east-1:111111111111:db:orders", "account_id": "111111111111", "region": "us-east-1"},
	"db_instance_identifier": "orders",
	"engine": "postgres",
	"multi_az": multi_az,
}

test_pass_multi_az if check.compliant with input as db(true)

test_fail_single_az if {
	not check.compliant with input as db(false)
	check.message == "DB instance orders (postgres) runs in a single Availability Zone" with input as db(false)
}

test_not_applicable_cluster_member if {
	check.not_applicable == "member of DB cluster ledger; availability is judged on the cluster" with input as object.union(db(false), {"engine": "aurora-postgresql", "db_cluster_identifier": "ledger"})
}
