package stance.cloudtrail.s3_bucket_access_logging_test

import data.stance.cloudtrail.s3_bucket_access_logging as check

trail(bucket) := {
	"resource_type": "cloudtrail_trail",
	"meta": {"id": "arn:aws:cloudtrail:us-east-1:111111111111:trail/org-trail", "account_id": "111111111111", "region": "us-east-1", "name": "org-trail"},
	"is_multi_region_trail": true,
	"is_logging": true,
	"s3_bucket_name": bucket,
}

bucket(name, logging) := {
	"resource_type": "s3_bucket",
	"meta": {"id": sprintf("arn:aws:s3:::%s", [name]), "account_id": "111111111111", "region": "us-east-1", "name": name},
	"logging": {"enabled": logging},
}

account(trails, buckets) := {"account_id": "111111111111", "partition": "aws", "regions": ["us-east-1"], "resources": {"cloudtrail_trail": trails, "s3_bucket": buckets}}

test_pass_logged if check.compliant with input as account([trail("logs-1")], [bucket("logs-1", true), bucket("assets", false)])

test_fail_not_logged if {
	inp := account([trail("logs-1")], [bucket("logs-1", false), bucket("assets", true)])
	not check.compliant with input as inp
	check.message == "account 111111111111: CloudTrail bucket(s) without server access logging: logs-1" with input as inp
}

test_fail_one_of_two_not_logged if {
	inp := account([trail("logs-1"), trail("archive-elsewhere")], [bucket("logs-1", false)])
	not check.compliant with input as inp
	check.evidence.in_other_accounts == ["archive-elsewhere"] with input as inp
}

test_not_applicable_no_trails if check.not_applicable with input as account([], [bucket("assets", false)])

test_not_applicable_bucket_elsewhere if {
	check.not_applicable == "the trail bucket(s) central-archive are not in this account; judge them where they live" with input as account([trail("central-archive")], [bucket("assets", true)])
}
