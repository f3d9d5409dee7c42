# METADATA
# title: Console users have no active access keys that were never used
# description: |
#   Creating an access key by default while setting up a console user leaves a long-lived
#   credential no one needs, waiting to leak. Following the CIS audit, an active access key of a
#   user with a console password that has never been used is flagged: create keys only when a
#   workload needs them.
# custom:
#   id: iam_user_no_unused_initial_access_keys
#   severity: low
#   scope: resource
#   resource_types: [iam_user]
#   frameworks:
#     cis-aws-v3.0.0: ["1.11"]
#     cis-aws-v4.0.1: ["1.11"]
#     cis-aws-v5.0.0: ["1.10"]
#   remediation: |
#     aws iam delete-access-key --user-name USER --access-key-id KEY_ID for every key the user
#     never used. Create access keys later, only for a workload that needs them (prefer roles).
package stance.iam.user_no_unused_initial_access_keys

default compliant := false

not_applicable := "the user has no console password" if input.password_enabled == false

not_applicable := "the user has no active access keys" if {
	input.password_enabled == true
	input.derived.active_access_key_count == 0
}

never_used contains key.id if {
	some key in input.access_keys
	key.status == "Active"
	not key.last_used
}

compliant if {
	input.password_enabled == true
	count(never_used) == 0
}

message := sprintf("IAM user %s has a console password and active access key(s) never used: %s", [input.meta.name, concat(", ", sort(never_used))])

evidence := {"never_used_keys": sort(never_used), "user_created": object.get(input, "created", null)}
