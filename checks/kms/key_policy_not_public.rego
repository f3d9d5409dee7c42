# METADATA
# title: KMS key policies do not grant access to everyone
# description: |
#   A key policy statement that allows "*" without a condition narrowing the audience to an
#   account, organization, VPC or source lets any AWS principal use or manage the key, and with
#   it decrypt the data it protects.
# custom:
#   id: kms_key_policy_not_public
#   severity: critical
#   scope: resource
#   resource_types: [kms_key]
#   frameworks:
#     fsbp: [KMS.5]
#   remediation: |
#     Edit the key policy (aws kms put-key-policy --key-id KEY_ID --policy-name default --policy
#     file://policy.json): name specific principals, or add a condition such as aws:PrincipalOrgID
#     or kms:CallerAccount to every statement with Principal "*".
package stance.kms.key_policy_not_public

default compliant := false

compliant if input.derived.policy.public == false

message := sprintf("KMS key %s policy allows everyone: %s", [input.key_id, concat(", ", input.derived.policy.public_actions)])

evidence := {"public_actions": input.derived.policy.public_actions}
