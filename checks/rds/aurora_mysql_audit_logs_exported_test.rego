package stance.rds.aurora_mysql_audit_logs_exported_test

import data.stance.rds.aurora_mysql_audit_logs_exported as check

cluster(engine, mode, exports) := {
	"resource_type": "rds_db_cluster",
	"meta": {"id": "arn:aws:rds:us-east-1:111111111111:cluster:ledger", "account_id": "111111111111", "region": "us-east-1"},
	"db_cluster_identifier": "ledger",
	"engine": engine,
	"engine_mode": mode,
	"enabled_cloudwatch_logs_exports": exports,
}

test_pass_audit_exported if check.compliant with input as cluster("aurora-mysql", "provisioned", ["audit", "error"])

test_fail_no_audit if {
	not check.compliant with input as cluster("aurora-mysql", "provisioned", ["error", "slowquery"])
	check.message == "Aurora MySQL DB cluster ledger does not publish its audit log to CloudWatch Logs" with input as cluster("aurora-mysql", "provisioned", ["error", "slowquery"])
}

test_not_applicable_serverless_v1 if check.not_applicable == "Aurora Serverless v1 cluster" with input as cluster("aurora-mysql", "serverless", [])

test_not_applicable_postgres if check.not_applicable with input as cluster("aurora-postgresql", "provisioned", [])
