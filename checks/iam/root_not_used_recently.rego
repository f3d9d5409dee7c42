# METADATA
# title: The root user has not been used in the last 30 days
# description: |
#   The root user cannot be restricted by IAM policies, so everyday and administrative work must
#   use IAM roles or users instead; the few tasks that need root are rare. stance flags a root
#   sign-in or root access key use within the 30 days before collection (the "used in the last
#   30 days" test of earlier CIS versions): confirm it was one of the root-only tasks.
# custom:
#   id: iam_root_not_used_recently
#   severity: medium
#   scope: resource
#   resource_types: [iam_root_user]
#   frameworks:
#     cis-aws-v3.0.0: ["1.7"]
#     cis-aws-v4.0.1: ["1.7"]
#     cis-aws-v5.0.0: ["1.6"]
#   remediation: |
#     Find out who used the root user and why (CloudTrail events with userIdentity.type = Root).
#     Move the work to an IAM role or Identity Center permission set, delete root access keys,
#     and keep the root credentials locked away for root-only tasks.
package stance.iam.root_not_used_recently

default compliant := false

threshold := 30

# Never signed in with the password nor used an access key.
compliant if {
	not input.password_last_used
	not input.access_key_last_used
}

compliant if {
	is_number(input.derived.days_since_last_use)
	input.derived.days_since_last_use > threshold
}

message := sprintf("the root user of account %s was used %d day(s) before collection", [input.meta.account_id, input.derived.days_since_last_use])

evidence := {
	"password_last_used": object.get(input, "password_last_used", null),
	"access_key_last_used": object.get(input, "access_key_last_used", null),
	"days_since_last_use": input.derived.days_since_last_use,
}
