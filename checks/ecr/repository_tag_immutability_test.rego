package stance.ecr.repository_tag_immutability_test

import data.stance.ecr.repository_tag_immutability as check

repo(mutability) := {
	"resource_type": "ecr_repository",
	"meta": {"id": "arn:aws:ecr:us-east-1:111111111111:repository/orders-api", "account_id": "111111111111", "region": "us-east-1", "name": "orders-api"},
	"scan_on_push": true,
	"image_tag_mutability": mutability,
}

test_pass_immutable if check.compliant with input as repo("IMMUTABLE")

test_fail_mutable if {
	not check.compliant with input as repo("MUTABLE")
	check.message == "ECR repository orders-api allows image tags to be overwritten (MUTABLE)" with input as repo("MUTABLE")
}
