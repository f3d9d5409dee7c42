# METADATA
# title: Unauthorized API calls raise an alarm
# description: |
#   A burst of UnauthorizedOperation or AccessDenied errors is often the first trace of a stolen
#   credential probing what it may do, or of a misconfigured application.
#   Passes when a multi-region, logging trail with read and write management events delivers to
#   a CloudWatch Logs log group, a metric filter on that group catches the events of the CIS
#   pattern (matched semantically: a broader pattern also counts), an alarm with actions enabled
#   watches the filter's metric, and it notifies an SNS topic with a confirmed subscription.
# custom:
#   id: cloudwatch_monitor_unauthorized_api_calls
#   severity: medium
#   scope: account
#   resource_types: [cloudtrail_trail, logs_metric_filter, cloudwatch_alarm, sns_topic]
#   frameworks:
#     cis-aws-v3.0.0: ["4.1"]
#     cis-aws-v4.0.1: ["4.1"]
#     cis-aws-v5.0.0: ["4.1"]
#   remediation: |
#     In the region of the trail's log group: aws logs put-metric-filter --log-group-name GROUP
#     --filter-name unauthorized-api-calls --filter-pattern 'CIS PATTERN' --metric-transformations
#     metricName=unauthorized-api-calls,metricNamespace=CISBenchmark,metricValue=1; then
#     aws cloudwatch put-metric-alarm --alarm-name unauthorized-api-calls --metric-name unauthorized-api-calls
#     --namespace CISBenchmark --statistic Sum --period 300 --threshold 1
#     --comparison-operator GreaterThanOrEqualToThreshold --evaluation-periods 1
#     --alarm-actions TOPIC_ARN, and subscribe someone to the topic (and confirm it).
package stance.cloudwatch.monitor_unauthorized_api_calls

import data.stance.lib.monitoring

default compliant := false

compliant if monitoring.monitored(input, "unauthorized_api_calls")

message := monitoring.message(input, "unauthorized_api_calls")

evidence := monitoring.evidence(input, "unauthorized_api_calls")
