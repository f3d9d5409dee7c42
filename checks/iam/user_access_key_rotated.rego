# METADATA
# title: Active access keys are rotated within 90 days
# description: |
#   Long-lived access keys accumulate exposure: in old laptops, CI logs and scripts. Rotating
#   them at least every 90 days bounds how long a leaked key stays useful.
# custom:
#   id: iam_user_access_key_rotated
#   severity: medium
#   scope: resource
#   resource_types: [iam_user]
#   frameworks:
#     cis-aws-v3.0.0: ["1.14"]
#     cis-aws-v4.0.1: ["1.14"]
#     cis-aws-v5.0.0: ["1.13"]
#     fsbp: [IAM.3]
#   remediation: |
#     Create a new access key, switch the workload to it, deactivate and then delete the old key.
#     Prefer IAM roles (instance profiles, IAM Roles Anywhere, OIDC) over long-lived keys.
package stance.iam.user_access_key_rotated

default compliant := false

not_applicable := "the user has no active access keys" if input.derived.active_access_key_count == 0

stale_keys contains key.id if {
	some key in input.access_keys
	key.status == "Active"
	key.age_days > 90
}

compliant if {
	input.derived.active_access_key_count > 0
	count(stale_keys) == 0
}

message := sprintf("IAM user %s has active access key(s) older than 90 days: %s", [input.meta.name, concat(", ", sort(stale_keys))])

evidence := {"stale_keys": sort(stale_keys), "oldest_active_key_age_days": input.derived.oldest_active_key_age_days}
