# METADATA
# title: EC2 instances are not left stopped for more than 30 days
# description: |
#   A long-stopped instance misses patches and configuration changes; started again, it comes
#   back outdated and possibly vulnerable. Security Hub EC2.4 allows 30 days (its AllowedDays
#   default). A stopped instance whose stop date is unknown fails.
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-4
# custom:
#   id: ec2_instance_not_stopped_long
#   severity: medium
#   scope: resource
#   resource_types: [ec2_instance]
#   frameworks:
#     fsbp: [EC2.4]
#   remediation: |
#     Terminate the instance if it is no longer needed (aws ec2 terminate-instances --instance-ids
#     ID, after snapshotting volumes you want to keep), or start it and bring it up to date.
package stance.ec2.instance_not_stopped_long

allowed_days := 30

default compliant := false

not_applicable := sprintf("the instance is %s", [input.state]) if input.state in {"terminated", "shutting-down"}

compliant if input.state in {"pending", "running", "stopping"}

compliant if {
	input.state == "stopped"
	is_number(input.derived.days_stopped)
	input.derived.days_stopped <= allowed_days
}

message := sprintf("instance %s has been stopped for %d days (more than %d)", [input.instance_id, input.derived.days_stopped, allowed_days]) if {
	is_number(input.derived.days_stopped)
} else := sprintf("instance %s is stopped and the date it stopped is unknown", [input.instance_id]) if {
	input.state == "stopped"
} else := sprintf("instance %s is in the unexpected state %q", [input.instance_id, input.state])
