package stance.cloudtrail.cloudwatch_logs_enabled_test

import data.stance.cloudtrail.cloudwatch_logs_enabled as check

trail := {
	"resource_type": "cloudtrail_trail",
	"meta": {"id": "arn:aws:cloudtrail:us-east-1:111111111111:trail/org-trail", "account_id": "111111111111", "region": "us-east-1", "name": "org-trail"},
	"is_multi_region_trail": true,
	"is_logging": true,
	"derived": {"logs_management_events_read_write": true, "cloud_watch_logs_delivered_recently": false},
}

integrated(recent, last) := object.union(trail, {
	"cloud_watch_logs_log_group_arn": "arn:aws:logs:us-east-1:111111111111:log-group:cloudtrail-111111111111:*",
	"latest_cloud_watch_logs_delivery_time": last,
	"derived": {"cloud_watch_logs_log_group_name": "cloudtrail-111111111111", "cloud_watch_logs_region": "us-east-1", "cloud_watch_logs_delivered_recently": recent},
})

test_pass_delivering if check.compliant with input as integrated(true, "2026-11-01T00:00:00Z")

test_fail_not_integrated if {
	not check.compliant with input as trail
	check.message == "trail org-trail does not deliver to CloudWatch Logs" with input as trail
}

test_fail_stale_delivery if {
	inp := integrated(false, "2026-09-12T08:00:00Z")
	not check.compliant with input as inp
	check.message == "trail org-trail has delivered nothing to CloudWatch Logs log group cloudtrail-111111111111 in the day before collection (last delivery: 2026-09-12T08:00:00Z)" with input as inp
}

test_pass_iac_integrated if check.compliant with input as object.union(integrated(false, null), {"meta": {"source": {"kind": "iac", "file": "trail.yaml", "line": 3, "format": "cloudformation", "logical_id": "Trail"}}})
