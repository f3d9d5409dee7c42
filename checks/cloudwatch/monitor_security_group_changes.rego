# METADATA
# title: Security group changes raise an alarm
# description: |
#   Security groups are the instance firewall; an alert on their changes catches a port opened to
#   the world soon after it happens.
#   Passes when a multi-region, logging trail with read and write management events delivers to
#   a CloudWatch Logs log group, a metric filter on that group catches the events of the CIS
#   pattern (matched semantically: a broader pattern also counts), an alarm with actions enabled
#   watches the filter's metric, and it notifies an SNS topic with a confirmed subscription.
# custom:
#   id: cloudwatch_monitor_security_group_changes
#   severity: low
#   scope: account
#   resource_types: [cloudtrail_trail, logs_metric_filter, cloudwatch_alarm, sns_topic]
#   frameworks:
#     cis-aws-v3.0.0: ["4.10"]
#     cis-aws-v4.0.1: ["4.10"]
#     cis-aws-v5.0.0: ["4.10"]
#   remediation: |
#     In the region of the trail's log group: aws logs put-metric-filter --log-group-name GROUP
#     --filter-name security-group-changes --filter-pattern 'CIS PATTERN' --metric-transformations
#     metricName=security-group-changes,metricNamespace=CISBenchmark,metricValue=1; then
#     aws cloudwatch put-metric-alarm --alarm-name security-group-changes --metric-name security-group-changes
#     --namespace CISBenchmark --statistic Sum --period 300 --threshold 1
#     --comparison-operator GreaterThanOrEqualToThreshold --evaluation-periods 1
#     --alarm-actions TOPIC_ARN, and subscribe someone to the topic (and confirm it).
package stance.cloudwatch.monitor_security_group_changes

import data.stance.lib.monitoring

default compliant := false

compliant if monitoring.monitored(input, "security_group_changes")

message := monitoring.message(input, "security_group_changes")

evidence := monitoring.evidence(input, "security_group_changes")
