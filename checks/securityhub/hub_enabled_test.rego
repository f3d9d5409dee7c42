package stance.securityhub.hub_enabled_test

import data.stance.securityhub.hub_enabled as check

hub(enabled) := {
	"resource_type": "securityhub_hub",
	"meta": {"id": "arn:aws:securityhub:eu-west-1:111111111111:hub/default", "account_id": "111111111111", "region": "eu-west-1"},
	"enabled": enabled,
	"enabled_standards": ["arn:aws:securityhub:eu-west-1::standards/aws-foundational-security-best-practices/v/1.0.0"],
}

region(hubs) := {
	"account_id": "111111111111",
	"partition": "aws",
	"region": "eu-west-1",
	"regions": ["us-east-1", "eu-west-1"],
	"resources": {"securityhub_hub": hubs},
}

test_pass_enabled if check.compliant with input as region([hub(true)])

test_fail_no_hub if {
	not check.compliant with input as region([])
	check.message == "Security Hub is not enabled in eu-west-1 (account 111111111111)" with input as region([])
}

test_fail_disabled if not check.compliant with input as region([hub(false)])
