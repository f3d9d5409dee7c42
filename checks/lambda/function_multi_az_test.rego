package stance.lambda.function_multi_az_test

import data.stance.lambda.function_multi_az as check

fn(subnets, zones) := {
	"resource_type": "lambda_function",
	"meta": {"id": "arn:aws:lambda:us-east-1:111111111111:function:orders-api", "account_id": "111111111111", "region": "us-east-1"},
	"function_name": "orders-api",
	"runtime": "nodejs22.x",
	"package_type": "Zip",
	"vpc_subnet_ids": subnets,
	"derived": {
		"policy": {"present": false, "public": false, "public_read": false, "public_write": false, "public_actions": [], "denies_insecure_transport": false, "cross_account_principals": []},
		"vpc_availability_zones": zones,
	},
}

test_pass_two_zones if check.compliant with input as fn(["subnet-a", "subnet-b"], ["us-east-1a", "us-east-1b"])

test_fail_one_zone if {
	not check.compliant with input as fn(["subnet-a", "subnet-a2"], ["us-east-1a"])
	check.message == "VPC-attached Lambda function orders-api runs in 1 Availability Zone(s) (us-east-1a)" with input as fn(["subnet-a", "subnet-a2"], ["us-east-1a"])
}

test_not_applicable_no_vpc if check.not_applicable with input as fn([], [])
