# METADATA
# title: GuardDuty RDS Protection is enabled
# description: |
#   RDS Protection profiles login activity on Aurora databases and reports anomalous or
#   brute-force logins.
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/guardduty-controls.html#guardduty-9
# custom:
#   id: guardduty_rds_protection
#   severity: high
#   scope: resource
#   resource_types: [guardduty_detector]
#   frameworks:
#     fsbp: [GuardDuty.9]
#   remediation: |
#     aws guardduty update-detector --detector-id ID --features
#     Name=RDS_LOGIN_EVENTS,Status=ENABLED
package stance.guardduty.rds_protection

default compliant := false

protected if {
	input.features.RDS_LOGIN_EVENTS == "ENABLED"
}

compliant if {
	input.status == "ENABLED"
	protected
}

message := sprintf("GuardDuty detector %s in %s is suspended", [input.detector_id, input.meta.region]) if {
	input.status != "ENABLED"
} else := sprintf("GuardDuty detector %s in %s does not have RDS Protection enabled", [input.detector_id, input.meta.region])

evidence := {"features": input.features, "runtime_agents": input.runtime_agents}
