# METADATA
# title: Console sign-ins without MFA raise an alarm
# description: |
#   Successful IAM-user console sign-ins that did not use MFA show where the MFA requirement is
#   missing or being bypassed.
#   Passes when a multi-region, logging trail with read and write management events delivers to
#   a CloudWatch Logs log group, a metric filter on that group catches the events of the CIS
#   pattern (matched semantically: a broader pattern also counts), an alarm with actions enabled
#   watches the filter's metric, and it notifies an SNS topic with a confirmed subscription.
# custom:
#   id: cloudwatch_monitor_console_signin_without_mfa
#   severity: medium
#   scope: account
#   resource_types: [cloudtrail_trail, logs_metric_filter, cloudwatch_alarm, sns_topic]
#   frameworks:
#     cis-aws-v3.0.0: ["4.2"]
#     cis-aws-v4.0.1: ["4.2"]
#     cis-aws-v5.0.0: ["4.2"]
#   remediation: |
#     In the region of the trail's log group: aws logs put-metric-filter --log-group-name GROUP
#     --filter-name console-signin-without-mfa --filter-pattern 'CIS PATTERN' --metric-transformations
#     metricName=console-signin-without-mfa,metricNamespace=CISBenchmark,metricValue=1; then
#     aws cloudwatch put-metric-alarm --alarm-name console-signin-without-mfa --metric-name console-signin-without-mfa
#     --namespace CISBenchmark --statistic Sum --period 300 --threshold 1
#     --comparison-operator GreaterThanOrEqualToThreshold --evaluation-periods 1
#     --alarm-actions TOPIC_ARN, and subscribe someone to the topic (and confirm it).
package stance.cloudwatch.monitor_console_signin_without_mfa

import data.stance.lib.monitoring

default compliant := false

compliant if monitoring.monitored(input, "console_signin_without_mfa")

message := monitoring.message(input, "console_signin_without_mfa")

evidence := monitoring.evidence(input, "console_signin_without_mfa")
