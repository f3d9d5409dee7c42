package stance.rds.instance_custom_admin_username_test

import data.stance.rds.instance_custom_admin_username as check

db(user, default_name) := {
	"resource_type": "rds_db_instance",
	"meta": {"id": "arn:aws:rds:us-east-1:111111111111:db:orders", "account_id": "111111111111", "region": "us-east-1"},
	"db_instance_identifier": "orders",
	"engine": "postgres",
	"master_username": user,
	"derived": {"uses_default_master_username": default_name, "uses_default_port": false, "in_public_subnet": false},
}

test_pass_custom_name if check.compliant with input as db("orders_owner", false)

test_fail_default_name if {
	not check.compliant with input as db("postgres", true)
	check.message == "DB instance orders uses the default master user name \"postgres\"" with input as db("postgres", true)
}

test_not_applicable_cluster_member if check.not_applicable with input as object.union(db("admin", true), {"db_cluster_identifier": "ledger"})

test_not_applicable_no_master_user if {
	check.not_applicable == "no master user name recorded (for example a read replica)" with input as object.remove(db("admin", false), ["master_username"])
}
