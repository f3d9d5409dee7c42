package stance.ecr.repository_lifecycle_policy_test

import data.stance.ecr.repository_lifecycle_policy as check

repo(present) := {
	"resource_type": "ecr_repository",
	"meta": {"id": "arn:aws:ecr:us-east-1:111111111111:repository/orders-api", "account_id": "111111111111", "region": "us-east-1", "name": "orders-api"},
	"lifecycle_policy_present": present,
}

test_pass_present if check.compliant with input as repo(true)

test_fail_missing if {
	not check.compliant with input as repo(false)
	check.message == "ECR repository orders-api has no lifecycle policy" with input as repo(false)
}
