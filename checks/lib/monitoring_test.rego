package stance.lib.monitoring_test

import data.stance.lib.monitoring

# Fixtures shared with the tests of the cloudwatch/monitor_* checks.

log_group_arn := "arn:aws:logs:us-east-1:111111111111:log-group:cloudtrail-111111111111:*"

trail := {
	"resource_type": "cloudtrail_trail",
	"meta": {"id": "arn:aws:cloudtrail:us-east-1:111111111111:trail/org-trail", "account_id": "111111111111", "region": "us-east-1", "name": "org-trail"},
	"is_multi_region_trail": true,
	"is_logging": true,
	"cloud_watch_logs_log_group_arn": log_group_arn,
	"event_selectors": [{"read_write_type": "All", "include_management_events": true, "data_resources": []}],
	"derived": {
		"logs_management_events_read_write": true,
		"cloud_watch_logs_log_group_name": "cloudtrail-111111111111",
		"cloud_watch_logs_region": "us-east-1",
		"cloud_watch_logs_delivered_recently": true,
	},
}

filter(monitor) := {
	"resource_type": "logs_metric_filter",
	"meta": {"id": sprintf("%s:metric-filter:cis-%s", [trim_suffix(log_group_arn, ":*"), monitor]), "account_id": "111111111111", "region": "us-east-1", "name": sprintf("cis-%s", [monitor])},
	"log_group_name": "cloudtrail-111111111111",
	"filter_pattern": "{ ($.eventName = ConsoleLogin) }",
	"metric_transformations": [{"metric_name": sprintf("cis-%s", [monitor]), "metric_namespace": "CISBenchmark"}],
	"derived": {"cis_monitors": [monitor], "unparsed": false},
}

alarm(monitor) := {
	"resource_type": "cloudwatch_alarm",
	"meta": {"id": sprintf("arn:aws:cloudwatch:us-east-1:111111111111:alarm:cis-%s", [monitor]), "account_id": "111111111111", "region": "us-east-1", "name": sprintf("cis-%s", [monitor])},
	"metrics": [{"metric_name": sprintf("cis-%s", [monitor]), "namespace": "CISBenchmark"}],
	"alarm_actions": ["arn:aws:sns:us-east-1:111111111111:security-alerts"],
	"actions_enabled": true,
}

topic(confirmed) := {
	"resource_type": "sns_topic",
	"meta": {"id": "arn:aws:sns:us-east-1:111111111111:security-alerts", "arn": "arn:aws:sns:us-east-1:111111111111:security-alerts", "account_id": "111111111111", "region": "us-east-1", "name": "security-alerts"},
	"subscriptions": subscriptions(confirmed),
	"derived": {"confirmed_subscription_count": confirmed},
}

subscriptions(0) := [{"protocol": "email", "confirmed": false}]

subscriptions(n) := [{"protocol": "email", "confirmed": true} | some _ in numbers.range(1, n)] if n > 0

account(trails, filters, alarms, topics) := {
	"account_id": "111111111111",
	"partition": "aws",
	"regions": ["us-east-1", "eu-west-1"],
	"resources": {
		"cloudtrail_trail": trails,
		"logs_metric_filter": filters,
		"cloudwatch_alarm": alarms,
		"sns_topic": topics,
	},
}

# A complete chain for `monitor`.
chain(monitor) := account([trail], [filter(monitor)], [alarm(monitor)], [topic(1)])

# --- library tests ---

test_pass_complete_chain if monitoring.monitored(chain("root_account_usage"), "root_account_usage")

test_pass_filter_catching_several_monitors if {
	f := object.union(filter("iam_policy_changes"), {"derived": {"cis_monitors": ["iam_policy_changes", "root_account_usage"]}})
	monitoring.monitored(account([trail], [f], [alarm("iam_policy_changes")], [topic(2)]), "root_account_usage")
}

test_fail_other_monitor if not monitoring.monitored(chain("root_account_usage"), "vpc_changes")

test_fail_no_trail if {
	doc := account([], [filter("vpc_changes")], [alarm("vpc_changes")], [topic(1)])
	not monitoring.monitored(doc, "vpc_changes")
	monitoring.message(doc, "vpc_changes") == "account 111111111111 does not alert on VPC changes: no multi-region, logging trail with read and write management events delivers to CloudWatch Logs"
}

test_fail_single_region_trail if not monitoring.monitored(account([object.union(trail, {"is_multi_region_trail": false})], [filter("vpc_changes")], [alarm("vpc_changes")], [topic(1)]), "vpc_changes")

test_fail_trail_not_logging if not monitoring.monitored(account([object.union(trail, {"is_logging": false})], [filter("vpc_changes")], [alarm("vpc_changes")], [topic(1)]), "vpc_changes")

test_fail_trail_write_only if {
	t := object.union(trail, {"derived": {"logs_management_events_read_write": false}})
	not monitoring.monitored(account([t], [filter("vpc_changes")], [alarm("vpc_changes")], [topic(1)]), "vpc_changes")
}

test_fail_trail_without_cloudwatch_logs if {
	t := {
		"meta": trail.meta,
		"is_multi_region_trail": true,
		"is_logging": true,
		"derived": {"logs_management_events_read_write": true, "cloud_watch_logs_delivered_recently": false},
	}
	doc := account([t], [filter("vpc_changes")], [alarm("vpc_changes")], [topic(1)])
	not monitoring.monitored(doc, "vpc_changes")
	contains(monitoring.message(doc, "vpc_changes"), "no multi-region, logging trail")
}

test_fail_filter_on_other_log_group if {
	f := object.union(filter("vpc_changes"), {"log_group_name": "app-logs"})
	doc := account([trail], [f], [alarm("vpc_changes")], [topic(1)])
	not monitoring.monitored(doc, "vpc_changes")
	monitoring.message(doc, "vpc_changes") == "account 111111111111 does not alert on VPC changes: no metric filter on the trail log group(s) 111111111111:us-east-1:cloudtrail-111111111111 matches the CIS pattern"
	monitoring.evidence(doc, "vpc_changes").metric_filters_on_other_log_groups == [f.meta.id]
}

test_fail_filter_in_other_region if {
	f := object.union(filter("vpc_changes"), {"meta": {"region": "eu-west-1"}})
	a := object.union(alarm("vpc_changes"), {"meta": {"region": "eu-west-1"}})
	not monitoring.monitored(account([trail], [f], [a], [topic(1)]), "vpc_changes")
}

test_fail_log_group_in_other_account if {
	t := object.union(trail, {"cloud_watch_logs_log_group_arn": "arn:aws:logs:us-east-1:999999999999:log-group:cloudtrail-111111111111:*"})
	not monitoring.monitored(account([t], [filter("vpc_changes")], [alarm("vpc_changes")], [topic(1)]), "vpc_changes")
}

test_fail_no_alarm if {
	doc := account([trail], [filter("vpc_changes")], [], [topic(1)])
	not monitoring.monitored(doc, "vpc_changes")
	monitoring.message(doc, "vpc_changes") == "account 111111111111 does not alert on VPC changes: no alarm with actions enabled watches the metric of filter(s) arn:aws:logs:us-east-1:111111111111:log-group:cloudtrail-111111111111:metric-filter:cis-vpc_changes"
}

test_fail_alarm_actions_disabled if {
	doc := account([trail], [filter("vpc_changes")], [object.union(alarm("vpc_changes"), {"actions_enabled": false})], [topic(1)])
	not monitoring.monitored(doc, "vpc_changes")
	contains(monitoring.message(doc, "vpc_changes"), "no alarm with actions enabled")
}

test_fail_alarm_on_other_namespace if {
	a := object.union(alarm("vpc_changes"), {"metrics": [{"metric_name": "cis-vpc_changes", "namespace": "Other"}]})
	not monitoring.monitored(account([trail], [filter("vpc_changes")], [a], [topic(1)]), "vpc_changes")
}

test_fail_no_confirmed_subscriber if {
	doc := account([trail], [filter("vpc_changes")], [alarm("vpc_changes")], [topic(0)])
	not monitoring.monitored(doc, "vpc_changes")
	monitoring.message(doc, "vpc_changes") == "account 111111111111 does not alert on VPC changes: alarm(s) arn:aws:cloudwatch:us-east-1:111111111111:alarm:cis-vpc_changes notify no SNS topic with a confirmed subscription"
}

test_fail_alarm_notifies_unknown_topic if {
	a := object.union(alarm("vpc_changes"), {"alarm_actions": ["arn:aws:sns:us-east-1:999999999999:elsewhere"]})
	doc := account([trail], [filter("vpc_changes")], [a], [topic(1)])
	not monitoring.monitored(doc, "vpc_changes")
	contains(monitoring.message(doc, "vpc_changes"), "notify no SNS topic")
}

test_pass_evidence_lists_chain if {
	e := monitoring.evidence(chain("vpc_changes"), "vpc_changes")
	e.trails == [trail.meta.id]
	e.subscribed_topics == ["arn:aws:sns:us-east-1:111111111111:security-alerts"]
}
