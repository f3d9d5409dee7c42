# METADATA
# title: Customer-managed IAM policies do not grant whole services ("s3:*")
# description: |
#   A service-wide wildcard grants every current and future action of the service, including
#   the destructive and permission-changing ones. Name the actions the job needs.
# custom:
#   id: iam_policy_no_wildcard_service_actions
#   severity: low
#   scope: resource
#   resource_types: [iam_policy]
#   frameworks:
#     fsbp: [IAM.21]
#   remediation: |
#     Replace each "service:*" action with the specific actions required (IAM Access Analyzer
#     policy generation can derive them from CloudTrail), publish a new default version and
#     delete the old one.
package stance.iam.policy_no_wildcard_service_actions

default compliant := false

not_applicable := "AWS-managed policy" if input.aws_managed == true

compliant if count(input.derived.wildcard_service_actions) == 0

message := sprintf("policy %s allows service-wide wildcard actions: %s", [input.meta.name, concat(", ", input.derived.wildcard_service_actions)])

evidence := {"wildcard_service_actions": input.derived.wildcard_service_actions, "attachment_count": input.attachment_count}
