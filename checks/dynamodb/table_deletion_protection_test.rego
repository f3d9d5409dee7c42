package stance.dynamodb.table_deletion_protection_test

import data.stance.dynamodb.table_deletion_protection as check

table(protected) := {
	"resource_type": "dynamodb_table",
	"meta": {"id": "arn:aws:dynamodb:us-east-1:111111111111:table/orders", "account_id": "111111111111", "region": "us-east-1", "name": "orders"},
	"billing_mode": "PAY_PER_REQUEST",
	"deletion_protection_enabled": protected,
}

test_pass_protected if check.compliant with input as table(true)

test_fail_unprotected if {
	not check.compliant with input as table(false)
	check.message == "DynamoDB table orders has deletion protection turned off" with input as table(false)
}
