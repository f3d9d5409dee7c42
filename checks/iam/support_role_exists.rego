# METADATA
# title: An IAM role holds the AWSSupportAccess policy
# description: |
#   Someone must be able to open and manage AWS Support cases during an incident without
#   using the root user or broad administrator rights. Following the CIS audit (the policy's
#   PolicyRoles must not be empty), the AWS-managed AWSSupportAccess policy must be attached to
#   at least one IAM role; attachments to users or groups alone do not count.
# custom:
#   id: iam_support_role_exists
#   severity: low
#   scope: account
#   resource_types: [iam_policy]
#   frameworks:
#     cis-aws-v3.0.0: ["1.17"]
#     cis-aws-v4.0.1: ["1.17"]
#     cis-aws-v5.0.0: ["1.16"]
#   remediation: |
#     Create a role that your incident responders can assume (trust policy naming your account or
#     identity provider), then aws iam attach-role-policy --role-name ROLE --policy-arn
#     arn:aws:iam::aws:policy/AWSSupportAccess.
package stance.iam.support_role_exists

default compliant := false

support_policies contains policy if {
	some policy in input.resources.iam_policy
	policy.aws_managed == true
	endswith(policy.meta.id, ":iam::aws:policy/AWSSupportAccess")
}

roles contains role if {
	some policy in support_policies
	policy.attachment_count > 0
	some role in policy.attached_roles
}

compliant if count(roles) > 0

other_attachments := [entity |
	some policy in support_policies
	some entity in array.concat(
		[sprintf("user %s", [u]) | some u in policy.attached_users],
		[sprintf("group %s", [g]) | some g in policy.attached_groups],
	)
]

message := sprintf("account %s has no IAM role with AWSSupportAccess (the policy is attached only to %s)", [input.account_id, concat(", ", sort(other_attachments))]) if {
	count(other_attachments) > 0
} else := sprintf("account %s has no IAM role with AWSSupportAccess", [input.account_id])

evidence := {"other_attachments": sort(other_attachments)}
