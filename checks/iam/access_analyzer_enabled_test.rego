package stance.iam.access_analyzer_enabled_test

import data.stance.iam.access_analyzer_enabled as check

analyzer(kind, status) := {
	"resource_type": "accessanalyzer_analyzer",
	"meta": {"id": "arn:aws:access-analyzer:eu-west-1:111111111111:analyzer/org-analyzer", "account_id": "111111111111", "region": "eu-west-1", "name": "org-analyzer"},
	"analyzer_type": kind,
	"status": status,
}

region(analyzers) := {
	"account_id": "111111111111",
	"partition": "aws",
	"region": "eu-west-1",
	"regions": ["us-east-1", "eu-west-1"],
	"resources": {"accessanalyzer_analyzer": analyzers},
}

test_pass_organization if check.compliant with input as region([analyzer("ORGANIZATION", "ACTIVE")])

test_pass_account if check.compliant with input as region([analyzer("ACCOUNT_UNUSED_ACCESS", "ACTIVE"), analyzer("ACCOUNT", "ACTIVE")])

test_fail_none if {
	not check.compliant with input as region([])
	check.message == "no active IAM Access Analyzer (account or organization zone of trust) in eu-west-1 (account 111111111111)" with input as region([])
}

test_fail_unused_access_only if not check.compliant with input as region([analyzer("ACCOUNT_UNUSED_ACCESS", "ACTIVE")])

test_fail_disabled if not check.compliant with input as region([analyzer("ACCOUNT", "DISABLED")])
