package stance.sqs.queue_encrypted_test

import data.stance.sqs.queue_encrypted as check

queue := {
	"resource_type": "sqs_queue",
	"meta": {"id": "arn:aws:sqs:us-east-1:111111111111:orders", "account_id": "111111111111", "region": "us-east-1", "name": "orders"},
	"queue_url": "https://sqs.us-east-1.amazonaws.com/111111111111/orders",
	"sqs_managed_sse_enabled": false,
}

test_pass_sqs_managed if check.compliant with input as object.union(queue, {"sqs_managed_sse_enabled": true})

test_pass_kms if check.compliant with input as object.union(queue, {"kms_master_key_id": "alias/aws/sqs"})

test_fail_unencrypted if {
	not check.compliant with input as queue
	check.message == "SQS queue orders is not encrypted at rest" with input as queue
}
