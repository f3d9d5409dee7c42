package stance.lambda.function_supported_runtime_test

import data.stance.lambda.function_supported_runtime as check

fn(runtime) := {
	"resource_type": "lambda_function",
	"meta": {"id": "arn:aws:lambda:us-east-1:111111111111:function:thumbnailer", "account_id": "111111111111", "region": "us-east-1"},
	"function_name": "thumbnailer",
	"runtime": runtime,
	"package_type": "Zip",
}

test_pass_python312 if check.compliant with input as fn("python3.12")

test_pass_custom_runtime if check.compliant with input as fn("provided.al2023")

test_fail_python37 if {
	not check.compliant with input as fn("python3.7")
	check.message == "Lambda function thumbnailer uses the deprecated or unknown runtime python3.7" with input as fn("python3.7")
}

test_fail_nodejs16 if not check.compliant with input as fn("nodejs16.x")

test_fail_no_runtime if {
	zip := object.remove(fn("x"), ["runtime"])
	not check.compliant with input as zip
	check.message == "Lambda function thumbnailer has no recorded runtime" with input as zip
}

test_not_applicable_image if check.not_applicable with input as object.union(object.remove(fn("x"), ["runtime"]), {"package_type": "Image"})
