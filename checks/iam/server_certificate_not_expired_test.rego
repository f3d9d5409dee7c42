package stance.iam.server_certificate_not_expired_test

import data.stance.iam.server_certificate_not_expired as check

cert(expiration, expired) := {
	"resource_type": "iam_server_certificate",
	"meta": {"id": "arn:aws:iam::222222222222:server-certificate/legacy-web", "account_id": "222222222222", "region": "global", "name": "legacy-web"},
	"expiration": expiration,
	"derived": {"expired": expired},
}

test_pass_valid if check.compliant with input as cert("2027-06-01T00:00:00Z", false)

test_fail_expired if {
	inp := cert("2025-03-01T00:00:00Z", true)
	not check.compliant with input as inp
	check.message == "IAM server certificate legacy-web expired on 2025-03-01T00:00:00Z" with input as inp
}
