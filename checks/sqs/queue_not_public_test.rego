package stance.sqs.queue_not_public_test

import data.stance.sqs.queue_not_public as check

queue(public, actions) := {
	"resource_type": "sqs_queue",
	"meta": {"id": "arn:aws:sqs:us-east-1:111111111111:orders", "account_id": "111111111111", "region": "us-east-1", "name": "orders"},
	"queue_url": "https://sqs.us-east-1.amazonaws.com/111111111111/orders",
	"sqs_managed_sse_enabled": true,
	"policy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "sqs:SendMessage", "Resource": "arn:aws:sqs:us-east-1:111111111111:orders"}]},
	"derived": {"policy": {"present": true, "public": public, "public_read": false, "public_write": false, "public_actions": actions, "denies_insecure_transport": false, "cross_account_principals": []}},
}

test_pass_not_public if check.compliant with input as queue(false, [])

test_fail_public if {
	not check.compliant with input as queue(true, ["sqs:SendMessage"])
	check.message == "SQS queue orders has a policy that grants sqs:SendMessage to everyone" with input as queue(true, ["sqs:SendMessage"])
}
