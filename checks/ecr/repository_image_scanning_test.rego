package stance.ecr.repository_image_scanning_test

import data.stance.ecr.repository_image_scanning as check

repo(push, enhanced) := {
	"resource_type": "ecr_repository",
	"meta": {"id": "arn:aws:ecr:us-east-1:111111111111:repository/orders-api", "account_id": "111111111111", "region": "us-east-1", "name": "orders-api"},
	"scan_on_push": push,
	"enhanced_scanning": enhanced,
	"image_tag_mutability": "IMMUTABLE",
	"lifecycle_policy_present": true,
}

test_pass_scan_on_push if check.compliant with input as repo(true, false)

test_pass_enhanced if check.compliant with input as repo(false, true)

test_fail_no_scanning if {
	not check.compliant with input as repo(false, false)
	check.message == "ECR repository orders-api has neither scan on push nor enhanced scanning" with input as repo(false, false)
}
