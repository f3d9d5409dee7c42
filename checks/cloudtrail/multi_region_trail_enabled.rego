# METADATA
# title: A multi-region trail logs all management events
# description: |
#   CloudTrail is the audit log of the account. At least one trail must cover every region
#   (including regions no one uses, where attackers like to hide), be logging, and record both
#   read and write management events.
# custom:
#   id: cloudtrail_multi_region_trail_enabled
#   severity: high
#   scope: account
#   resource_types: [cloudtrail_trail]
#   frameworks:
#     cis-aws-v3.0.0: ["3.1"]
#     cis-aws-v4.0.1: ["3.1"]
#     cis-aws-v5.0.0: ["3.1"]
#     fsbp: [CloudTrail.1]
#   remediation: |
#     aws cloudtrail create-trail --name NAME --s3-bucket-name BUCKET --is-multi-region-trail, then
#     aws cloudtrail start-logging --name NAME; keep the default event selector (all management
#     events, read and write). An organization trail from the management account also counts.
package stance.cloudtrail.multi_region_trail_enabled

default compliant := false

qualifying contains trail.meta.id if {
	some trail in input.resources.cloudtrail_trail
	trail.is_multi_region_trail == true
	trail.is_logging == true
	trail.derived.logs_management_events_read_write == true
}

compliant if count(qualifying) > 0

message := sprintf("account %s has no logging multi-region trail with read and write management events (%d trail(s) found)", [input.account_id, count(input.resources.cloudtrail_trail)])

evidence := {"trails": [t.meta.id | some t in input.resources.cloudtrail_trail]}
