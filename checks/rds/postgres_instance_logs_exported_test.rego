package stance.rds.postgres_instance_logs_exported_test

import data.stance.rds.postgres_instance_logs_exported as check

db(engine, exports) := {
	"resource_type": "rds_db_instance",
	"meta": {"id": "arn:aws:rds:us-east-1:111111111111:db:orders", "account_id": "111111111111", "region": "us-east-1"},
	"db_instance_identifier": "orders",
	"engine": engine,
	"enabled_cloudwatch_logs_exports": exports,
}

test_pass_exported if check.compliant with input as db("postgres", ["postgresql"])

test_fail_upgrade_only if {
	not check.compliant with input as db("postgres", ["upgrade"])
	check.message == "PostgreSQL DB instance orders does not publish its postgresql log to CloudWatch Logs" with input as db("postgres", ["upgrade"])
}

test_not_applicable_mysql if check.not_applicable with input as db("mysql", [])
