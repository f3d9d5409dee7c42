# METADATA
# title: Customer-managed IAM policies do not grant "*" on "*"
# description: |
#   A policy that allows every action on every resource makes whoever holds it a full
#   administrator, bypassing least privilege. Grant only the actions a job needs.
# custom:
#   id: iam_policy_no_full_admin
#   severity: high
#   scope: resource
#   resource_types: [iam_policy]
#   frameworks:
#     cis-aws-v3.0.0: ["1.16"]
#     cis-aws-v4.0.1: ["1.16"]
#     cis-aws-v5.0.0: ["1.15"]
#     fsbp: [IAM.1]
#   remediation: |
#     Replace the `"Action": "*", "Resource": "*"` statement with the specific actions and
#     resources required, then create a new default policy version and delete the old one.
package stance.iam.policy_no_full_admin

default compliant := false

not_applicable := "AWS-managed policy (judged where it is attached)" if input.aws_managed == true

compliant if input.derived.allows_full_admin == false

message := sprintf("policy %s allows all actions on all resources (attached to %d entities)", [input.meta.name, input.attachment_count])
