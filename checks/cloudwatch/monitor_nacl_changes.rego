# METADATA
# title: Network ACL changes raise an alarm
# description: |
#   Network ACLs are the subnet firewall; an alert on their changes catches unexpected openings.
#   Passes when a multi-region, logging trail with read and write management events delivers to
#   a CloudWatch Logs log group, a metric filter on that group catches the events of the CIS
#   pattern (matched semantically: a broader pattern also counts), an alarm with actions enabled
#   watches the filter's metric, and it notifies an SNS topic with a confirmed subscription.
# custom:
#   id: cloudwatch_monitor_nacl_changes
#   severity: low
#   scope: account
#   resource_types: [cloudtrail_trail, logs_metric_filter, cloudwatch_alarm, sns_topic]
#   frameworks:
#     cis-aws-v3.0.0: ["4.11"]
#     cis-aws-v4.0.1: ["4.11"]
#     cis-aws-v5.0.0: ["4.11"]
#   remediation: |
#     In the region of the trail's log group: aws logs put-metric-filter --log-group-name GROUP
#     --filter-name nacl-changes --filter-pattern 'CIS PATTERN' --metric-transformations
#     metricName=nacl-changes,metricNamespace=CISBenchmark,metricValue=1; then
#     aws cloudwatch put-metric-alarm --alarm-name nacl-changes --metric-name nacl-changes
#     --namespace CISBenchmark --statistic Sum --period 300 --threshold 1
#     --comparison-operator GreaterThanOrEqualToThreshold --evaluation-periods 1
#     --alarm-actions TOPIC_ARN, and subscribe someone to the topic (and confirm it).
package stance.cloudwatch.monitor_nacl_changes

import data.stance.lib.monitoring

default compliant := false

compliant if monitoring.monitored(input, "nacl_changes")

message := monitoring.message(input, "nacl_changes")

evidence := monitoring.evidence(input, "nacl_changes")
