# METADATA
# title: Network gateway changes raise an alarm
# description: |
#   Creating, attaching or deleting internet and customer gateways changes how traffic enters and
#   leaves the VPCs.
#   Passes when a multi-region, logging trail with read and write management events delivers to
#   a CloudWatch Logs log group, a metric filter on that group catches the events of the CIS
#   pattern (matched semantically: a broader pattern also counts), an alarm with actions enabled
#   watches the filter's metric, and it notifies an SNS topic with a confirmed subscription.
# custom:
#   id: cloudwatch_monitor_network_gateway_changes
#   severity: low
#   scope: account
#   resource_types: [cloudtrail_trail, logs_metric_filter, cloudwatch_alarm, sns_topic]
#   frameworks:
#     cis-aws-v3.0.0: ["4.12"]
#     cis-aws-v4.0.1: ["4.12"]
#     cis-aws-v5.0.0: ["4.12"]
#   remediation: |
#     In the region of the trail's log group: aws logs put-metric-filter --log-group-name GROUP
#     --filter-name network-gateway-changes --filter-pattern 'CIS PATTERN' --metric-transformations
#     metricName=network-gateway-changes,metricNamespace=CISBenchmark,metricValue=1; then
#     aws cloudwatch put-metric-alarm --alarm-name network-gateway-changes --metric-name network-gateway-changes
#     --namespace CISBenchmark --statistic Sum --period 300 --threshold 1
#     --comparison-operator GreaterThanOrEqualToThreshold --evaluation-periods 1
#     --alarm-actions TOPIC_ARN, and subscribe someone to the topic (and confirm it).
package stance.cloudwatch.monitor_network_gateway_changes

import data.stance.lib.monitoring

default compliant := false

compliant if monitoring.monitored(input, "network_gateway_changes")

message := monitoring.message(input, "network_gateway_changes")

evidence := monitoring.evidence(input, "network_gateway_changes")
