package stance.cloudwatch.monitor_s3_bucket_policy_changes_test

import data.stance.cloudwatch.monitor_s3_bucket_policy_changes as check
import data.stance.lib.monitoring_test as fixture

test_pass_complete_chain if check.compliant with input as fixture.chain("s3_bucket_policy_changes")

test_fail_filter_for_another_monitor if {
	inp := fixture.chain("vpc_changes")
	not check.compliant with input as inp
	contains(check.message, "no metric filter on the trail log group(s)") with input as inp
}

test_fail_no_subscriber if {
	inp := fixture.account([fixture.trail], [fixture.filter("s3_bucket_policy_changes")], [fixture.alarm("s3_bucket_policy_changes")], [fixture.topic(0)])
	not check.compliant with input as inp
	check.message == "account 111111111111 does not alert on S3 bucket policy changes: alarm(s) arn:aws:cloudwatch:us-east-1:111111111111:alarm:cis-s3_bucket_policy_changes notify no SNS topic with a confirmed subscription" with input as inp
}
