package stance.s3.bucket_requires_tls_test

import data.stance.s3.bucket_requires_tls as check

bucket(present, denies) := {
	"meta": {"id": "arn:aws:s3:::b", "name": "b"},
	"derived": {"policy": {"present": present, "denies_insecure_transport": denies}},
}

test_pass_tls_enforced if check.compliant with input as bucket(true, true)

test_fail_policy_without_tls if {
	not check.compliant with input as bucket(true, false)
	contains(check.message, "does not deny requests without TLS") with input as bucket(true, false)
}

test_fail_no_policy if {
	not check.compliant with input as bucket(false, false)
	check.message == "bucket b has no policy" with input as bucket(false, false)
}
