package stance.rds.event_subscription_instance_events_test

import data.stance.rds.event_subscription_instance_events as check

sub(name, source_type, categories, source_ids, enabled) := {
	"resource_type": "rds_event_subscription",
	"meta": {"id": sprintf("arn:aws:rds:us-east-1:111111111111:es:%s", [name]), "account_id": "111111111111", "region": "us-east-1", "name": name},
	"source_type": source_type,
	"event_categories": categories,
	"source_ids": source_ids,
	"enabled": enabled,
}

region(subs) := {
	"account_id": "111111111111",
	"partition": "aws",
	"region": "us-east-1",
	"regions": ["us-east-1"],
	"resources": {"rds_event_subscription": subs},
}

test_pass_required_categories if check.compliant with input as region([sub("ops", "db-instance", ["maintenance", "failure", "configuration change"], [], true)])

test_pass_all_categories if check.compliant with input as region([sub("ops", "db-instance", [], [], true)])

test_pass_all_source_types if check.compliant with input as region([object.remove(sub("ops", "db-instance", [], [], true), ["source_type"])])

test_fail_missing_category if {
	not check.compliant with input as region([sub("ops", "db-instance", ["failure", "maintenance"], [], true)])
	check.message == "no enabled RDS event subscription in us-east-1 (account 111111111111) covers all db-instance sources for configuration change, failure, maintenance" with input as region([sub("ops", "db-instance", ["failure", "maintenance"], [], true)])
}

test_fail_disabled if not check.compliant with input as region([sub("ops", "db-instance", [], [], false)])

test_fail_selected_sources_only if not check.compliant with input as region([sub("ops", "db-instance", [], ["prod-1"], true)])

test_fail_other_source_type if not check.compliant with input as region([sub("ops", "db-snapshot", [], [], true)])

test_not_applicable_no_subscriptions if check.not_applicable with input as region([])
