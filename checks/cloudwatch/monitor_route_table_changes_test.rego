package stance.cloudwatch.monitor_route_table_changes_test

import data.stance.cloudwatch.monitor_route_table_changes as check
import data.stance.lib.monitoring_test as fixture

test_pass_complete_chain if check.compliant with input as fixture.chain("route_table_changes")

test_fail_filter_for_another_monitor if {
	inp := fixture.chain("vpc_changes")
	not check.compliant with input as inp
	contains(check.message, "no metric filter on the trail log group(s)") with input as inp
}

test_fail_no_subscriber if {
	inp := fixture.account([fixture.trail], [fixture.filter("route_table_changes")], [fixture.alarm("route_table_changes")], [fixture.topic(0)])
	not check.compliant with input as inp
	check.message == "account 111111111111 does not alert on route table changes: alarm(s) arn:aws:cloudwatch:us-east-1:111111111111:alarm:cis-route_table_changes notify no SNS topic with a confirmed subscription" with input as inp
}
