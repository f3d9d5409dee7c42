package stance.rds.instance_not_in_public_subnet_test

import data.stance.rds.instance_not_in_public_subnet as check

db(public_subnet) := {
	"resource_type": "rds_db_instance",
	"meta": {"id": "arn:aws:rds:us-east-1:111111111111:db:orders", "account_id": "111111111111", "region": "us-east-1"},
	"db_instance_identifier": "orders",
	"engine": "postgres",
	"subnet_ids": ["subnet-0a1", "subnet-0b2"],
	"derived": {"uses_default_port": false, "uses_default_master_username": false, "in_public_subnet": public_subnet},
}

test_pass_private_subnets if check.compliant with input as db(false)

test_fail_public_subnet if {
	not check.compliant with input as db(true)
	check.message == "DB instance orders is in a subnet whose route table sends 0.0.0.0/0 or ::/0 to an internet gateway" with input as db(true)
	check.evidence == {"subnet_ids": ["subnet-0a1", "subnet-0b2"]} with input as db(true)
}
