package stance.config.recorder_enabled_test

import data.stance.config.recorder_enabled as check

recorder(recording, all) := {"meta": {"id": "r", "name": "default"}, "recording": recording, "all_supported": all}

region(recorders, channels) := {
	"account_id": "1",
	"partition": "aws",
	"region": "eu-west-1",
	"regions": ["eu-west-1"],
	"resources": {"config_recorder": recorders, "config_delivery_channel": channels},
}

channel := {"meta": {"id": "c", "name": "default"}, "s3_bucket_name": "logs"}

test_pass_recording if check.compliant with input as region([recorder(true, true)], [channel])

test_fail_no_recorder if {
	not check.compliant with input as region([], [])
	check.message == "AWS Config is not recording in eu-west-1 (account 1)" with input as region([], [])
}

test_fail_stopped if not check.compliant with input as region([recorder(false, true)], [channel])

test_fail_partial_types if not check.compliant with input as region([recorder(true, false)], [channel])

test_fail_no_channel if {
	not check.compliant with input as region([recorder(true, true)], [])
	check.message == "AWS Config in eu-west-1 (account 1) has no delivery channel" with input as region([recorder(true, true)], [])
}
