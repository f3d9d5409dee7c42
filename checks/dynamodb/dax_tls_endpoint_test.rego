package stance.dynamodb.dax_tls_endpoint_test

import data.stance.dynamodb.dax_tls_endpoint as check

dax(kind) := {
	"resource_type": "dax_cluster",
	"meta": {"id": "arn:aws:dax:us-east-1:111111111111:cache/orders-cache", "account_id": "111111111111", "region": "us-east-1", "name": "orders-cache"},
	"sse_enabled": true,
	"endpoint_encryption_type": kind,
}

test_pass_tls if check.compliant with input as dax("TLS")

test_fail_none if {
	not check.compliant with input as dax("NONE")
	check.message == "DAX cluster orders-cache does not encrypt client connections (endpoint encryption NONE)" with input as dax("NONE")
}
