package stance.cloudtrail.multi_region_trail_enabled_test

import data.stance.cloudtrail.multi_region_trail_enabled as check

trail(multi, logging, rw) := {
	"meta": {"id": "arn:aws:cloudtrail:us-east-1:1:trail/t"},
	"is_multi_region_trail": multi,
	"is_logging": logging,
	"derived": {"logs_management_events_read_write": rw},
}

account(trails) := {"account_id": "1", "partition": "aws", "regions": ["us-east-1"], "resources": {"cloudtrail_trail": trails}}

test_pass_good_trail if check.compliant with input as account([trail(false, true, true), trail(true, true, true)])

test_fail_no_trails if {
	not check.compliant with input as account([])
	check.message == "account 1 has no logging multi-region trail with read and write management events (0 trail(s) found)" with input as account([])
}

test_fail_not_logging if not check.compliant with input as account([trail(true, false, true)])

test_fail_write_only if not check.compliant with input as account([trail(true, true, false)])
