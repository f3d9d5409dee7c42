# METADATA
# title: Use of the root user raises an alarm
# description: |
#   The root user should almost never act. Every use of it deserves a human look, quickly.
#   Passes when a multi-region, logging trail with read and write management events delivers to
#   a CloudWatch Logs log group, a metric filter on that group catches the events of the CIS
#   pattern (matched semantically: a broader pattern also counts), an alarm with actions enabled
#   watches the filter's metric, and it notifies an SNS topic with a confirmed subscription.
# custom:
#   id: cloudwatch_monitor_root_account_usage
#   severity: high
#   scope: account
#   resource_types: [cloudtrail_trail, logs_metric_filter, cloudwatch_alarm, sns_topic]
#   frameworks:
#     cis-aws-v3.0.0: ["4.3"]
#     cis-aws-v4.0.1: ["4.3"]
#     cis-aws-v5.0.0: ["4.3"]
#   remediation: |
#     In the region of the trail's log group: aws logs put-metric-filter --log-group-name GROUP
#     --filter-name root-account-usage --filter-pattern 'CIS PATTERN' --metric-transformations
#     metricName=root-account-usage,metricNamespace=CISBenchmark,metricValue=1; then
#     aws cloudwatch put-metric-alarm --alarm-name root-account-usage --metric-name root-account-usage
#     --namespace CISBenchmark --statistic Sum --period 300 --threshold 1
#     --comparison-operator GreaterThanOrEqualToThreshold --evaluation-periods 1
#     --alarm-actions TOPIC_ARN, and subscribe someone to the topic (and confirm it).
package stance.cloudwatch.monitor_root_account_usage

import data.stance.lib.monitoring

default compliant := false

compliant if monitoring.monitored(input, "root_account_usage")

message := monitoring.message(input, "root_account_usage")

evidence := monitoring.evidence(input, "root_account_usage")
