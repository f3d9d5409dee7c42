# METADATA
# title: The root user has no access keys
# description: |
#   Access keys for the root user give programmatic, unrestricted access to every resource in
#   the account and cannot be limited by IAM policies. Anyone who obtains them owns the account.
# custom:
#   id: iam_root_no_access_keys
#   severity: critical
#   scope: resource
#   resource_types: [iam_root_user]
#   frameworks:
#     cis-aws-v3.0.0: ["1.4"]
#     cis-aws-v4.0.1: ["1.4"]
#     cis-aws-v5.0.0: ["1.3"]
#     fsbp: [IAM.4]
#   remediation: |
#     Sign in as the root user, open "Security credentials", and delete every access key. Use IAM
#     roles or users with least-privilege policies for programmatic access instead.
package stance.iam.root_no_access_keys

default compliant := false

compliant if input.active_access_keys == 0

message := sprintf("the root user of account %s has %d active access key(s)", [input.meta.account_id, input.active_access_keys])
