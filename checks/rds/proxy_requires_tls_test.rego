package stance.rds.proxy_requires_tls_test

import data.stance.rds.proxy_requires_tls as check

proxy(tls) := {
	"resource_type": "rds_db_proxy",
	"meta": {"id": "arn:aws:rds:us-east-1:111111111111:db-proxy:prx-0a1b2c3d", "account_id": "111111111111", "region": "us-east-1", "name": "orders-proxy"},
	"engine_family": "POSTGRESQL",
	"require_tls": tls,
}

test_pass_required if check.compliant with input as proxy(true)

test_fail_optional if {
	not check.compliant with input as proxy(false)
	check.message == "RDS Proxy orders-proxy (POSTGRESQL) does not require TLS" with input as proxy(false)
}
