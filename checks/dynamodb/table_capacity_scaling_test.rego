package stance.dynamodb.table_capacity_scaling_test

import data.stance.dynamodb.table_capacity_scaling as check

table(mode) := {
	"resource_type": "dynamodb_table",
	"meta": {"id": "arn:aws:dynamodb:us-east-1:111111111111:table/orders", "account_id": "111111111111", "region": "us-east-1", "name": "orders"},
	"billing_mode": mode,
	"point_in_time_recovery_enabled": true,
	"deletion_protection_enabled": true,
}

test_pass_on_demand if check.compliant with input as table("PAY_PER_REQUEST")

test_pass_auto_scaling if check.compliant with input as object.union(table("PROVISIONED"), {"auto_scaling_enabled": true})

test_fail_fixed_capacity if {
	t := object.union(table("PROVISIONED"), {"auto_scaling_enabled": false})
	not check.compliant with input as t
	check.message == "DynamoDB table orders uses provisioned capacity without auto scaling" with input as t
}

test_fail_unknown_scaling if {
	not check.compliant with input as table("PROVISIONED")
	check.message == "DynamoDB table orders uses provisioned capacity and its auto scaling setting is unknown" with input as table("PROVISIONED")
}
