package stance.rds.mariadb_instance_secure_transport_test

import data.stance.rds.mariadb_instance_secure_transport as check

db(version, parameters) := {
	"resource_type": "rds_db_instance",
	"meta": {"id": "arn:aws:rds:us-east-1:111111111111:db:shop", "account_id": "111111111111", "region": "us-east-1"},
	"db_instance_identifier": "shop",
	"engine": "mariadb",
	"engine_version": version,
	"parameters": parameters,
}

test_pass_on if check.compliant with input as db("10.11.6", {"require_secure_transport": "ON"})

test_pass_one if check.compliant with input as db("10.6.14", {"require_secure_transport": "1"})

test_fail_off if {
	not check.compliant with input as db("10.6.14", {"require_secure_transport": "OFF"})
	check.message == "MariaDB DB instance shop accepts unencrypted connections (require_secure_transport=OFF)" with input as db("10.6.14", {"require_secure_transport": "OFF"})
}

test_fail_unset if not check.compliant with input as db("11.4.3", {})

test_not_applicable_old_version if {
	check.not_applicable == "MariaDB 10.4.34 predates require_secure_transport (10.5)" with input as db("10.4.34", {})
}

test_not_applicable_mysql if check.not_applicable with input as object.union(db("8.0.35", {}), {"engine": "mysql"})

test_applicable_10_5 if not check.not_applicable with input as db("10.5.25", {})
