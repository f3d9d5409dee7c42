# METADATA
# title: An RDS event subscription notifies on critical DB instance events
# description: |
#   RDS event notifications (through SNS) tell operators promptly about DB instance events such
#   as failures, maintenance and configuration changes. Security Hub RDS.20 passes when a region
#   has no event subscriptions at all; stance reports that case as not applicable. A
#   subscription counts when it is enabled, covers source type `db-instance` (or every source
#   type) for all sources, and includes the categories (or all categories).
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-20
# custom:
#   id: rds_event_subscription_instance_events
#   severity: low
#   scope: region
#   resource_types: [rds_event_subscription]
#   frameworks:
#     fsbp: [RDS.20]
#   remediation: |
#     aws rds create-event-subscription --subscription-name NAME --sns-topic-arn TOPIC
#     --source-type db-instance --event-categories "configuration change" "failure" "maintenance" --enabled
package stance.rds.event_subscription_instance_events

required_categories := ["configuration change", "failure", "maintenance"]

default compliant := false

not_applicable := sprintf("no RDS event subscriptions in %s (Security Hub passes RDS.20 when none exist)", [input.region]) if {
	count(input.resources.rds_event_subscription) == 0
}

# Enabled subscriptions for every db-instance source.
candidates contains sub if {
	some sub in input.resources.rds_event_subscription
	sub.enabled == true
	object.get(sub, "source_type", "") in {"", "db-instance"}
	count(sub.source_ids) == 0
}

covering contains sub.meta.id if {
	some sub in candidates
	count(sub.event_categories) == 0
}

covering contains sub.meta.id if {
	some sub in candidates
	every category in required_categories {
		category in sub.event_categories
	}
}

compliant if count(covering) > 0

message := sprintf("no enabled RDS event subscription in %s (account %s) covers all db-instance sources for %s", [input.region, input.account_id, concat(", ", required_categories)])

evidence := {"subscriptions": [sub.meta.id | some sub in input.resources.rds_event_subscription]}
