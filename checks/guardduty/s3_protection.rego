# METADATA
# title: GuardDuty S3 Protection is enabled
# description: |
#   S3 Protection analyses S3 data events (object-level API calls) to detect data exfiltration,
#   suspicious access and attempts to disable bucket protections.
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/guardduty-controls.html#guardduty-10
# custom:
#   id: guardduty_s3_protection
#   severity: high
#   scope: resource
#   resource_types: [guardduty_detector]
#   frameworks:
#     fsbp: [GuardDuty.10]
#   remediation: |
#     aws guardduty update-detector --detector-id ID --features Name=S3_DATA_EVENTS,Status=ENABLED
package stance.guardduty.s3_protection

default compliant := false

protected if {
	input.features.S3_DATA_EVENTS == "ENABLED"
}

compliant if {
	input.status == "ENABLED"
	protected
}

message := sprintf("GuardDuty detector %s in %s is suspended", [input.detector_id, input.meta.region]) if {
	input.status != "ENABLED"
} else := sprintf("GuardDuty detector %s in %s does not have S3 Protection enabled", [input.detector_id, input.meta.region])

evidence := {"features": input.features, "runtime_agents": input.runtime_agents}
