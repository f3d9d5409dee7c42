package stance.rds.sqlserver_instance_logs_exported_test

import data.stance.rds.sqlserver_instance_logs_exported as check

db(engine, exports) := {
	"resource_type": "rds_db_instance",
	"meta": {"id": "arn:aws:rds:eu-west-1:111111111111:db:erp", "account_id": "111111111111", "region": "eu-west-1"},
	"db_instance_identifier": "erp",
	"engine": engine,
	"enabled_cloudwatch_logs_exports": exports,
}

test_pass_both_logs if check.compliant with input as db("sqlserver-se", ["agent", "error"])

test_fail_error_only if {
	not check.compliant with input as db("sqlserver-ee", ["error"])
	check.message == "SQL Server DB instance erp does not publish log type(s) agent to CloudWatch Logs" with input as db("sqlserver-ee", ["error"])
}

test_not_applicable_postgres if check.not_applicable with input as db("postgres", [])
