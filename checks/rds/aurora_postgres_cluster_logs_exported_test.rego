package stance.rds.aurora_postgres_cluster_logs_exported_test

import data.stance.rds.aurora_postgres_cluster_logs_exported as check

cluster(engine, exports) := {
	"resource_type": "rds_db_cluster",
	"meta": {"id": "arn:aws:rds:us-east-1:111111111111:cluster:ledger", "account_id": "111111111111", "region": "us-east-1"},
	"db_cluster_identifier": "ledger",
	"engine": engine,
	"enabled_cloudwatch_logs_exports": exports,
}

test_pass_exported if check.compliant with input as cluster("aurora-postgresql", ["postgresql"])

test_fail_not_exported if {
	not check.compliant with input as cluster("aurora-postgresql", [])
	check.message == "Aurora PostgreSQL DB cluster ledger does not publish its postgresql log to CloudWatch Logs" with input as cluster("aurora-postgresql", [])
}

test_not_applicable_aurora_mysql if check.not_applicable with input as cluster("aurora-mysql", [])
