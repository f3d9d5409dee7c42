package stance.rds.no_default_port_test

import data.stance.rds.no_default_port as check

instance(port, default_port) := {
	"resource_type": "rds_db_instance",
	"meta": {"id": "arn:aws:rds:us-east-1:111111111111:db:orders", "account_id": "111111111111", "region": "us-east-1"},
	"db_instance_identifier": "orders",
	"engine": "mysql",
	"port": port,
	"derived": {"uses_default_port": default_port, "uses_default_master_username": false, "in_public_subnet": false},
}

cluster(port, default_port) := {
	"resource_type": "rds_db_cluster",
	"meta": {"id": "arn:aws:rds:us-east-1:111111111111:cluster:ledger", "account_id": "111111111111", "region": "us-east-1"},
	"db_cluster_identifier": "ledger",
	"engine": "aurora-postgresql",
	"port": port,
	"derived": {"uses_default_port": default_port, "uses_default_master_username": false},
}

test_pass_instance_custom_port if check.compliant with input as instance(13306, false)

test_pass_cluster_custom_port if check.compliant with input as cluster(15432, false)

test_fail_instance_default_port if {
	not check.compliant with input as instance(3306, true)
	check.message == "DB instance orders (mysql) listens on the engine's default port 3306" with input as instance(3306, true)
}

test_fail_cluster_default_port if {
	not check.compliant with input as cluster(5432, true)
	check.message == "DB cluster ledger (aurora-postgresql) listens on the engine's default port 5432" with input as cluster(5432, true)
}

test_fail_no_port if not check.compliant with input as object.remove(instance(3306, false), ["port"])

test_not_applicable_cluster_member if check.not_applicable with input as object.union(instance(3306, true), {"db_cluster_identifier": "ledger"})

test_cluster_is_not_a_member if not check.not_applicable with input as cluster(5432, true)
