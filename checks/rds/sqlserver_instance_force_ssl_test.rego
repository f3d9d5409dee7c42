package stance.rds.sqlserver_instance_force_ssl_test

import data.stance.rds.sqlserver_instance_force_ssl as check

db(engine, parameters) := {
	"resource_type": "rds_db_instance",
	"meta": {"id": "arn:aws:rds:eu-west-1:111111111111:db:erp", "account_id": "111111111111", "region": "eu-west-1"},
	"db_instance_identifier": "erp",
	"engine": engine,
	"parameters": parameters,
}

test_pass_forced if check.compliant with input as db("sqlserver-web", {"rds.force_ssl": "1"})

test_fail_off if {
	not check.compliant with input as db("sqlserver-se", {"rds.force_ssl": "0"})
	check.message == "SQL Server DB instance erp does not force SSL (rds.force_ssl=0)" with input as db("sqlserver-se", {"rds.force_ssl": "0"})
}

test_fail_unset if {
	not check.compliant with input as db("sqlserver-se", {})
	check.message == "SQL Server DB instance erp does not force SSL (rds.force_ssl=unset)" with input as db("sqlserver-se", {})
}

test_not_applicable_mysql if check.not_applicable with input as db("mysql", {})
