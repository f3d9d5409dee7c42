# METADATA
# title: CloudTrail trails deliver events to CloudWatch Logs
# description: |
#   Delivering the trail to a CloudWatch Logs log group makes events searchable within minutes
#   and lets metric filters and alarms react to them (the CIS monitoring controls depend on it).
#   For deployed trails stance also requires a delivery within a day of collection, so a broken
#   delivery role or a stopped trail does not pass unnoticed.
# custom:
#   id: cloudtrail_cloudwatch_logs_enabled
#   severity: low
#   scope: resource
#   resource_types: [cloudtrail_trail]
#   frameworks:
#     fsbp: [CloudTrail.5]
#   remediation: |
#     aws cloudtrail update-trail --name TRAIL --cloud-watch-logs-log-group-arn LOG_GROUP_ARN
#     --cloud-watch-logs-role-arn ROLE_ARN (the role must allow logs:CreateLogStream and
#     logs:PutLogEvents on the log group).
package stance.cloudtrail.cloudwatch_logs_enabled

default compliant := false

integrated if {
	is_string(input.cloud_watch_logs_log_group_arn)
	input.cloud_watch_logs_log_group_arn != ""
}

compliant if {
	integrated
	input.derived.cloud_watch_logs_delivered_recently == true
}

# A template cannot show deliveries: judge the integration alone.
compliant if {
	integrated
	input.meta.source.kind == "iac"
}

message := sprintf("trail %s does not deliver to CloudWatch Logs", [input.meta.name]) if {
	not integrated
} else := sprintf("trail %s has delivered nothing to CloudWatch Logs log group %s in the day before collection (last delivery: %s)", [input.meta.name, object.get(input.derived, "cloud_watch_logs_log_group_name", input.cloud_watch_logs_log_group_arn), object.get(input, "latest_cloud_watch_logs_delivery_time", "never")])
