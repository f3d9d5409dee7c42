package stance.cloudwatch.monitor_console_signin_without_mfa_test

import data.stance.cloudwatch.monitor_console_signin_without_mfa as check
import data.stance.lib.monitoring_test as fixture

test_pass_complete_chain if check.compliant with input as fixture.chain("console_signin_without_mfa")

test_fail_filter_for_another_monitor if {
	inp := fixture.chain("vpc_changes")
	not check.compliant with input as inp
	contains(check.message, "no metric filter on the trail log group(s)") with input as inp
}

test_fail_no_subscriber if {
	inp := fixture.account([fixture.trail], [fixture.filter("console_signin_without_mfa")], [fixture.alarm("console_signin_without_mfa")], [fixture.topic(0)])
	not check.compliant with input as inp
	check.message == "account 111111111111 does not alert on console sign-ins without MFA: alarm(s) arn:aws:cloudwatch:us-east-1:111111111111:alarm:cis-console_signin_without_mfa notify no SNS topic with a confirmed subscription" with input as inp
}
