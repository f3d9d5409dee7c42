package stance.rds.instance_logs_exported_test

import data.stance.rds.instance_logs_exported as check

db(engine, exports) := {
	"resource_type": "rds_db_instance",
	"meta": {"id": "arn:aws:rds:us-east-1:111111111111:db:orders", "account_id": "111111111111", "region": "us-east-1"},
	"db_instance_identifier": "orders",
	"engine": engine,
	"enabled_cloudwatch_logs_exports": exports,
}

test_pass_postgres_all_logs if check.compliant with input as db("postgres", ["postgresql", "upgrade"])

test_pass_oracle_all_logs if check.compliant with input as db("oracle-ee", ["alert", "audit", "listener", "trace"])

test_fail_mysql_partial if {
	not check.compliant with input as db("mysql", ["error", "slowquery"])
	check.message == "DB instance orders (mysql) does not export log type(s) audit, general to CloudWatch Logs" with input as db("mysql", ["error", "slowquery"])
}

test_fail_sqlserver_none if not check.compliant with input as db("sqlserver-se", [])

test_not_applicable_cluster_member if check.not_applicable with input as object.union(db("aurora-mysql", []), {"db_cluster_identifier": "ledger"})

test_not_applicable_db2 if check.not_applicable == "engine db2-se has no log types required by RDS.9" with input as db("db2-se", [])
