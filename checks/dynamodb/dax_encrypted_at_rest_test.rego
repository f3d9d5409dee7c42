package stance.dynamodb.dax_encrypted_at_rest_test

import data.stance.dynamodb.dax_encrypted_at_rest as check

dax(sse) := {
	"resource_type": "dax_cluster",
	"meta": {"id": "arn:aws:dax:us-east-1:111111111111:cache/orders-cache", "account_id": "111111111111", "region": "us-east-1", "name": "orders-cache"},
	"sse_enabled": sse,
	"endpoint_encryption_type": "TLS",
}

test_pass_encrypted if check.compliant with input as dax(true)

test_fail_unencrypted if {
	not check.compliant with input as dax(false)
	check.message == "DAX cluster orders-cache is not encrypted at rest" with input as dax(false)
}
