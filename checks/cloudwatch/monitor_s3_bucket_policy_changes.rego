# METADATA
# title: S3 bucket policy changes raise an alarm
# description: |
#   Changes to bucket policies, ACLs, CORS, lifecycle or replication can expose or remove data;
#   an alert shortens the time to notice an exposure.
#   Passes when a multi-region, logging trail with read and write management events delivers to
#   a CloudWatch Logs log group, a metric filter on that group catches the events of the CIS
#   pattern (matched semantically: a broader pattern also counts), an alarm with actions enabled
#   watches the filter's metric, and it notifies an SNS topic with a confirmed subscription.
# custom:
#   id: cloudwatch_monitor_s3_bucket_policy_changes
#   severity: low
#   scope: account
#   resource_types: [cloudtrail_trail, logs_metric_filter, cloudwatch_alarm, sns_topic]
#   frameworks:
#     cis-aws-v3.0.0: ["4.8"]
#     cis-aws-v4.0.1: ["4.8"]
#     cis-aws-v5.0.0: ["4.8"]
#   remediation: |
#     In the region of the trail's log group: aws logs put-metric-filter --log-group-name GROUP
#     --filter-name s3-bucket-policy-changes --filter-pattern 'CIS PATTERN' --metric-transformations
#     metricName=s3-bucket-policy-changes,metricNamespace=CISBenchmark,metricValue=1; then
#     aws cloudwatch put-metric-alarm --alarm-name s3-bucket-policy-changes --metric-name s3-bucket-policy-changes
#     --namespace CISBenchmark --statistic Sum --period 300 --threshold 1
#     --comparison-operator GreaterThanOrEqualToThreshold --evaluation-periods 1
#     --alarm-actions TOPIC_ARN, and subscribe someone to the topic (and confirm it).
package stance.cloudwatch.monitor_s3_bucket_policy_changes

import data.stance.lib.monitoring

default compliant := false

compliant if monitoring.monitored(input, "s3_bucket_policy_changes")

message := monitoring.message(input, "s3_bucket_policy_changes")

evidence := monitoring.evidence(input, "s3_bucket_policy_changes")
