package stance.rds.instance_iam_authentication_test

import data.stance.rds.instance_iam_authentication as check

db(engine, iam) := {
	"resource_type": "rds_db_instance",
	"meta": {"id": "arn:aws:rds:us-east-1:111111111111:db:orders", "account_id": "111111111111", "region": "us-east-1"},
	"db_instance_identifier": "orders",
	"engine": engine,
	"iam_database_authentication_enabled": iam,
}

test_pass_enabled if check.compliant with input as db("postgres", true)

test_fail_disabled if {
	not check.compliant with input as db("mariadb", false)
	check.message == "DB instance orders (mariadb) does not use IAM database authentication" with input as db("mariadb", false)
}

test_not_applicable_oracle if check.not_applicable with input as db("oracle-ee", false)
