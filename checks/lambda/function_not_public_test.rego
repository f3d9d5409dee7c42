package stance.lambda.function_not_public_test

import data.stance.lambda.function_not_public as check

fn(public, actions) := {
	"resource_type": "lambda_function",
	"meta": {"id": "arn:aws:lambda:us-east-1:111111111111:function:thumbnailer", "account_id": "111111111111", "region": "us-east-1", "name": "thumbnailer"},
	"function_name": "thumbnailer",
	"runtime": "python3.12",
	"package_type": "Zip",
	"policy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "lambda:InvokeFunction", "Resource": "arn:aws:lambda:us-east-1:111111111111:function:thumbnailer"}]},
	"derived": {
		"policy": {"present": true, "public": public, "public_read": false, "public_write": false, "public_actions": actions, "denies_insecure_transport": false, "cross_account_principals": []},
		"vpc_availability_zones": [],
	},
}

test_pass_private if check.compliant with input as fn(false, [])

test_fail_public_invoke if {
	not check.compliant with input as fn(true, ["lambda:InvokeFunction"])
	check.message == "Lambda function thumbnailer has a resource policy that grants lambda:InvokeFunction to everyone" with input as fn(true, ["lambda:InvokeFunction"])
}
