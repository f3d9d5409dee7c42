# METADATA
# title: GuardDuty is enabled in every region
# description: |
#   GuardDuty analyses CloudTrail, VPC flow logs and DNS logs for signs of compromise
#   (credential misuse, crypto-mining, reconnaissance). It is regional: a region without an
#   enabled detector is a blind spot attackers can use, even one nobody works in.
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/guardduty-controls.html#guardduty-1
# custom:
#   id: guardduty_enabled
#   severity: high
#   scope: region
#   resource_types: [guardduty_detector]
#   frameworks:
#     fsbp: [GuardDuty.1]
#   remediation: |
#     aws guardduty create-detector --enable --region REGION (or enable GuardDuty for the whole
#     organization from the delegated administrator account, in every region).
package stance.guardduty.enabled

default compliant := false

enabled_detectors contains detector.detector_id if {
	some detector in input.resources.guardduty_detector
	detector.status == "ENABLED"
}

compliant if count(enabled_detectors) > 0

message := sprintf("GuardDuty is not enabled in %s (account %s)", [input.region, input.account_id]) if {
	count(input.resources.guardduty_detector) == 0
} else := sprintf("the GuardDuty detector in %s (account %s) is suspended", [input.region, input.account_id])

evidence := {"detectors": [{"detector_id": d.detector_id, "status": d.status} | some d in input.resources.guardduty_detector]}
