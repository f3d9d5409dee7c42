# The join behind the CIS monitoring controls (CIS 4.1-4.15 in v3.0.0, v4.0.1 and v5.0.0).
# Library module: no METADATA block.
#
# An account monitors an event when every link of this chain exists:
#
#   1. a trail that is multi-region, logging, records read and write management events, and
#      delivers to a CloudWatch Logs log group;
#   2. a metric filter on that log group (same account and region as the log group) whose
#      pattern catches the event: `derived.cis_monitors` holds the monitor id. Patterns are
#      matched semantically by stance; never compare pattern strings here;
#   3. a CloudWatch alarm with actions enabled, in the same account and region, watching a
#      metric the filter publishes (metric name and namespace);
#   4. an SNS topic among the alarm's actions with at least one confirmed subscription.
#
# `doc` is the input of an account-scope check whose resource_types include cloudtrail_trail,
# logs_metric_filter, cloudwatch_alarm and sns_topic.
package stance.lib.monitoring

# What each CIS monitor watches, for messages.
descriptions := {
	"unauthorized_api_calls": "unauthorized API calls",
	"console_signin_without_mfa": "console sign-ins without MFA",
	"root_account_usage": "use of the root user",
	"iam_policy_changes": "IAM policy changes",
	"cloudtrail_configuration_changes": "CloudTrail configuration changes",
	"console_authentication_failures": "failed console sign-ins",
	"cmk_disable_or_scheduled_deletion": "disabling or scheduled deletion of KMS keys",
	"s3_bucket_policy_changes": "S3 bucket policy changes",
	"config_changes": "AWS Config configuration changes",
	"security_group_changes": "security group changes",
	"nacl_changes": "network ACL changes",
	"network_gateway_changes": "network gateway changes",
	"route_table_changes": "route table changes",
	"vpc_changes": "VPC changes",
	"organizations_changes": "AWS Organizations changes",
}

describe(monitor) := descriptions[monitor] if {
	descriptions[monitor]
} else := monitor

# Link 1: trails that see every management event and deliver them to CloudWatch Logs.
trails(doc) := {trail |
	some trail in doc.resources.cloudtrail_trail
	trail.is_multi_region_trail == true
	trail.is_logging == true
	trail.derived.logs_management_events_read_write == true
	is_string(trail.derived.cloud_watch_logs_log_group_name)
	is_string(trail.derived.cloud_watch_logs_region)
	is_string(trail.cloud_watch_logs_log_group_arn)
}

# The log groups the qualifying trails deliver to, as "<account>:<region>:<name>".
log_groups(doc) := {log_group_key(trail) | some trail in trails(doc)}

# arn:aws:logs:<region>:<account>:log-group:<name>:*
log_group_key(trail) := sprintf("%s:%s:%s", [
	split(trail.cloud_watch_logs_log_group_arn, ":")[4],
	trail.derived.cloud_watch_logs_region,
	trail.derived.cloud_watch_logs_log_group_name,
])

filter_key(filter) := sprintf("%s:%s:%s", [filter.meta.account_id, filter.meta.region, filter.log_group_name])

# Link 2: metric filters on a qualifying trail's log group that catch the monitored events.
filters(doc, monitor) := {filter |
	groups := log_groups(doc)
	some filter in doc.resources.logs_metric_filter
	monitor in filter.derived.cis_monitors
	filter_key(filter) in groups
}

# Filters that catch the events but read a log group no qualifying trail delivers to.
filters_elsewhere(doc, monitor) := {filter |
	groups := log_groups(doc)
	some filter in doc.resources.logs_metric_filter
	monitor in filter.derived.cis_monitors
	not filter_key(filter) in groups
}

# Link 3: alarms with actions enabled that watch a metric one of those filters publishes.
alarms(doc, monitor) := {alarm |
	some filter in filters(doc, monitor)
	some alarm in doc.resources.cloudwatch_alarm
	alarm.actions_enabled == true
	alarm.meta.account_id == filter.meta.account_id
	alarm.meta.region == filter.meta.region
	some metric in alarm.metrics
	some published in filter.metric_transformations
	metric.metric_name == published.metric_name
	metric.namespace == published.metric_namespace
}

# Link 4: SNS topics with a confirmed subscription that one of those alarms notifies.
topics(doc, monitor) := {topic |
	some alarm in alarms(doc, monitor)
	some action in alarm.alarm_actions
	some topic in doc.resources.sns_topic
	action in topic_arns(topic)
	topic.derived.confirmed_subscription_count > 0
}

topic_arns(topic) := {topic.meta.id, object.get(topic.meta, "arn", topic.meta.id)}

# The whole chain exists for `monitor`.
monitored(doc, monitor) if count(topics(doc, monitor)) > 0

ids(resources) := sort([r.meta.id | some r in resources])

# Why the chain is broken: the first missing link.
message(doc, monitor) := msg if {
	count(trails(doc)) == 0
	msg := sprintf("account %s does not alert on %s: no multi-region, logging trail with read and write management events delivers to CloudWatch Logs", [doc.account_id, describe(monitor)])
} else := msg if {
	count(filters(doc, monitor)) == 0
	msg := sprintf("account %s does not alert on %s: no metric filter on the trail log group(s) %s matches the CIS pattern", [doc.account_id, describe(monitor), concat(", ", sort(log_groups(doc)))])
} else := msg if {
	count(alarms(doc, monitor)) == 0
	msg := sprintf("account %s does not alert on %s: no alarm with actions enabled watches the metric of filter(s) %s", [doc.account_id, describe(monitor), concat(", ", ids(filters(doc, monitor)))])
} else := sprintf("account %s does not alert on %s: alarm(s) %s notify no SNS topic with a confirmed subscription", [doc.account_id, describe(monitor), concat(", ", ids(alarms(doc, monitor)))])

# What was found at each link, for triage.
evidence(doc, monitor) := {
	"monitor": monitor,
	"trails": ids(trails(doc)),
	"log_groups": sort(log_groups(doc)),
	"metric_filters": ids(filters(doc, monitor)),
	"metric_filters_on_other_log_groups": ids(filters_elsewhere(doc, monitor)),
	"alarms": ids(alarms(doc, monitor)),
	"subscribed_topics": ids(topics(doc, monitor)),
}
