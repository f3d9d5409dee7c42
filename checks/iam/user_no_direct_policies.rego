# METADATA
# title: IAM users receive permissions only through groups
# description: |
#   Policies attached directly to users (managed or inline) scatter permissions across
#   individuals, so reviews miss them and leavers keep them. Granting through groups (or roles)
#   keeps access tied to a job function.
# custom:
#   id: iam_user_no_direct_policies
#   severity: low
#   scope: resource
#   resource_types: [iam_user]
#   frameworks:
#     cis-aws-v3.0.0: ["1.15"]
#     cis-aws-v4.0.1: ["1.15"]
#     cis-aws-v5.0.0: ["1.14"]
#     fsbp: [IAM.2]
#   remediation: |
#     Create a group for the job function with the needed policies, add the user to it, then
#     aws iam detach-user-policy and aws iam delete-user-policy for every direct policy.
package stance.iam.user_no_direct_policies

default compliant := false

compliant if input.derived.has_direct_policies == false

direct := array.concat(input.attached_policies, [p.name | some p in input.inline_policies])

message := sprintf("IAM user %s has policies attached directly: %s", [input.meta.name, concat(", ", direct)])

evidence := {"attached_policies": input.attached_policies, "inline_policies": [p.name | some p in input.inline_policies]}
