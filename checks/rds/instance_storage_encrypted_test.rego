package stance.rds.instance_storage_encrypted_test

import data.stance.rds.instance_storage_encrypted as check

db(encrypted) := {
	"resource_type": "rds_db_instance",
	"meta": {"id": "arn:aws:rds:us-east-1:111111111111:db:orders", "account_id": "111111111111", "region": "us-east-1"},
	"db_instance_identifier": "orders",
	"engine": "mysql",
	"storage_encrypted": encrypted,
}

test_pass_encrypted if check.compliant with input as db(true)

test_fail_unencrypted if {
	not check.compliant with input as db(false)
	check.message == "DB instance orders (mysql) does not encrypt its storage" with input as db(false)
}
