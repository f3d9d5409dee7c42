# METADATA
# title: Disabling or scheduling deletion of a KMS key raises an alarm
# description: |
#   A disabled or deleted customer-managed key makes the data it protects unreadable; an alert
#   leaves time to cancel a scheduled deletion.
#   Passes when a multi-region, logging trail with read and write management events delivers to
#   a CloudWatch Logs log group, a metric filter on that group catches the events of the CIS
#   pattern (matched semantically: a broader pattern also counts), an alarm with actions enabled
#   watches the filter's metric, and it notifies an SNS topic with a confirmed subscription.
# custom:
#   id: cloudwatch_monitor_cmk_disable_or_scheduled_deletion
#   severity: medium
#   scope: account
#   resource_types: [cloudtrail_trail, logs_metric_filter, cloudwatch_alarm, sns_topic]
#   frameworks:
#     cis-aws-v3.0.0: ["4.7"]
#     cis-aws-v4.0.1: ["4.7"]
#     cis-aws-v5.0.0: ["4.7"]
#   remediation: |
#     In the region of the trail's log group: aws logs put-metric-filter --log-group-name GROUP
#     --filter-name cmk-disable-or-scheduled-deletion --filter-pattern 'CIS PATTERN' --metric-transformations
#     metricName=cmk-disable-or-scheduled-deletion,metricNamespace=CISBenchmark,metricValue=1; then
#     aws cloudwatch put-metric-alarm --alarm-name cmk-disable-or-scheduled-deletion --metric-name cmk-disable-or-scheduled-deletion
#     --namespace CISBenchmark --statistic Sum --period 300 --threshold 1
#     --comparison-operator GreaterThanOrEqualToThreshold --evaluation-periods 1
#     --alarm-actions TOPIC_ARN, and subscribe someone to the topic (and confirm it).
package stance.cloudwatch.monitor_cmk_disable_or_scheduled_deletion

import data.stance.lib.monitoring

default compliant := false

compliant if monitoring.monitored(input, "cmk_disable_or_scheduled_deletion")

message := monitoring.message(input, "cmk_disable_or_scheduled_deletion")

evidence := monitoring.evidence(input, "cmk_disable_or_scheduled_deletion")
