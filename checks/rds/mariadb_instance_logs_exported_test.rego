package stance.rds.mariadb_instance_logs_exported_test

import data.stance.rds.mariadb_instance_logs_exported as check

db(engine, exports) := {
	"resource_type": "rds_db_instance",
	"meta": {"id": "arn:aws:rds:us-east-1:111111111111:db:shop", "account_id": "111111111111", "region": "us-east-1"},
	"db_instance_identifier": "shop",
	"engine": engine,
	"enabled_cloudwatch_logs_exports": exports,
}

test_pass_audit_and_error if check.compliant with input as db("mariadb", ["audit", "error", "slowquery"])

test_fail_none if {
	not check.compliant with input as db("mariadb", [])
	check.message == "MariaDB DB instance shop does not publish log type(s) audit, error to CloudWatch Logs" with input as db("mariadb", [])
}

test_not_applicable_mysql if check.not_applicable with input as db("mysql", [])
