package stance.dynamodb.table_point_in_time_recovery_test

import data.stance.dynamodb.table_point_in_time_recovery as check

table(pitr) := {
	"resource_type": "dynamodb_table",
	"meta": {"id": "arn:aws:dynamodb:us-east-1:111111111111:table/orders", "account_id": "111111111111", "region": "us-east-1", "name": "orders"},
	"billing_mode": "PAY_PER_REQUEST",
	"point_in_time_recovery_enabled": pitr,
}

test_pass_enabled if check.compliant with input as table(true)

test_fail_disabled if {
	not check.compliant with input as table(false)
	check.message == "DynamoDB table orders has point-in-time recovery turned off" with input as table(false)
}
