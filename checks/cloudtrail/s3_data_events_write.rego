# METADATA
# title: CloudTrail records S3 object-level write events for all buckets
# description: |
#   Management events do not include object access. Object-level (data event) logging of
#   changes to objects (PutObject, DeleteObject...) is what shows which data an identity touched during an incident. A
#   logging, multi-region trail must record S3 write data events for all current and future
#   buckets (basic selector on arn:aws:s3, or an advanced selector not narrowed to some buckets).
# custom:
#   id: cloudtrail_s3_data_events_write
#   severity: medium
#   scope: account
#   resource_types: [cloudtrail_trail]
#   frameworks:
#     cis-aws-v3.0.0: ["3.8"]
#     cis-aws-v4.0.1: ["3.8"]
#     cis-aws-v5.0.0: ["3.8"]
#   remediation: |
#     aws cloudtrail put-event-selectors --trail-name TRAIL --event-selectors
#     '[{"ReadWriteType": "WriteOnly", "IncludeManagementEvents": true, "DataResources":
#     [{"Type": "AWS::S3::Object", "Values": ["arn:aws:s3"]}]}]' (on a multi-region trail; use
#     "All" to cover reads and writes; or the equivalent advanced event selector).
package stance.cloudtrail.s3_data_events_write

default compliant := false

qualifying contains trail.meta.id if {
	some trail in input.resources.cloudtrail_trail
	trail.is_multi_region_trail == true
	trail.is_logging == true
	trail.derived.logs_s3_data_events_write == true
}

compliant if count(qualifying) > 0

partial contains trail.meta.id if {
	some trail in input.resources.cloudtrail_trail
	trail.derived.logs_s3_data_events_write == true
	not trail.meta.id in qualifying
}

message := sprintf("account %s has no logging multi-region trail recording S3 object-level write events for all buckets (trail(s) recording them but single-region or stopped: %s)", [input.account_id, concat(", ", sort(partial))]) if {
	count(partial) > 0
} else := sprintf("account %s has no logging multi-region trail recording S3 object-level write events for all buckets", [input.account_id])

evidence := {"trails": [{"id": t.meta.id, "multi_region": t.is_multi_region_trail, "logging": t.is_logging, "s3_data_events_write": t.derived.logs_s3_data_events_write} | some t in input.resources.cloudtrail_trail]}
