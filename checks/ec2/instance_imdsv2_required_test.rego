package stance.ec2.instance_imdsv2_required_test

import data.stance.ec2.instance_imdsv2_required as check

instance(tokens, required) := {
	"meta": {"id": "i"},
	"instance_id": "i-1",
	"state": "running",
	"metadata_options": {"http_tokens": tokens, "http_endpoint": "enabled"},
	"derived": {"imdsv2_required": required},
}

test_pass_required if check.compliant with input as instance("required", true)

test_fail_optional if {
	not check.compliant with input as instance("optional", false)
	check.message == "instance i-1 allows IMDSv1 (HttpTokens=optional)" with input as instance("optional", false)
}

test_not_applicable_terminated if check.not_applicable with input as object.union(instance("optional", false), {"state": "terminated"})
