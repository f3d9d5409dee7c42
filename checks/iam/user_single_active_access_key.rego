# METADATA
# title: IAM users have at most one active access key
# description: |
#   Two active keys are meant only for the short overlap of a rotation. A user who keeps both
#   doubles the credentials that can leak and usually means one of them is forgotten.
# custom:
#   id: iam_user_single_active_access_key
#   severity: low
#   scope: resource
#   resource_types: [iam_user]
#   frameworks:
#     cis-aws-v3.0.0: ["1.13"]
#     cis-aws-v4.0.1: ["1.13"]
#     cis-aws-v5.0.0: ["1.12"]
#   remediation: |
#     Find which key the workload uses (last used date), then aws iam update-access-key
#     --user-name USER --access-key-id OTHER_KEY --status Inactive and delete it.
package stance.iam.user_single_active_access_key

default compliant := false

compliant if input.derived.active_access_key_count <= 1

active_keys := sort([key.id | some key in input.access_keys; key.status == "Active"])

message := sprintf("IAM user %s has %d active access keys: %s", [input.meta.name, input.derived.active_access_key_count, concat(", ", active_keys)])

evidence := {"active_keys": active_keys}
