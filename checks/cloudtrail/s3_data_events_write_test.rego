package stance.cloudtrail.s3_data_events_write_test

import data.stance.cloudtrail.s3_data_events_write as check

trail(multi, logging, data) := {
	"resource_type": "cloudtrail_trail",
	"meta": {"id": "arn:aws:cloudtrail:us-east-1:111111111111:trail/org-trail", "account_id": "111111111111", "region": "us-east-1", "name": "org-trail"},
	"is_multi_region_trail": multi,
	"is_logging": logging,
	"event_selectors": [{"read_write_type": "All", "include_management_events": true, "data_resources": [{"type": "AWS::S3::Object", "values": ["arn:aws:s3"]}]}],
	"derived": {"logs_management_events_read_write": true, "logs_s3_data_events_write": data},
}

account(trails) := {"account_id": "111111111111", "partition": "aws", "regions": ["us-east-1"], "resources": {"cloudtrail_trail": trails}}

test_pass_data_events if check.compliant with input as account([trail(true, true, true)])

test_fail_no_data_events if {
	inp := account([trail(true, true, false)])
	not check.compliant with input as inp
	check.message == "account 111111111111 has no logging multi-region trail recording S3 object-level write events for all buckets" with input as inp
}

test_fail_single_region if {
	inp := account([trail(false, true, true)])
	not check.compliant with input as inp
	check.message == "account 111111111111 has no logging multi-region trail recording S3 object-level write events for all buckets (trail(s) recording them but single-region or stopped: arn:aws:cloudtrail:us-east-1:111111111111:trail/org-trail)" with input as inp
}

test_fail_stopped if not check.compliant with input as account([trail(true, false, true)])
