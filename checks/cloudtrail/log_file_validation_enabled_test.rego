package stance.cloudtrail.log_file_validation_enabled_test

import data.stance.cloudtrail.log_file_validation_enabled as check

test_pass_enabled if check.compliant with input as {"meta": {"id": "t", "name": "t"}, "log_file_validation_enabled": true}

test_fail_disabled if {
	inp := {"meta": {"id": "t", "name": "main"}, "log_file_validation_enabled": false}
	not check.compliant with input as inp
	check.message == "trail main does not validate log file integrity" with input as inp
}
