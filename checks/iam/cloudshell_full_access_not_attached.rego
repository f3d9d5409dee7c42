# METADATA
# title: AWSCloudShellFullAccess is not attached to any IAM identity
# description: |
#   AWSCloudShellFullAccess allows file upload and download between CloudShell and the
#   internet, a ready-made path for data exfiltration. Attach a narrower CloudShell policy that
#   denies file transfer instead.
# custom:
#   id: iam_cloudshell_full_access_not_attached
#   severity: medium
#   scope: account
#   resource_types: [iam_policy]
#   frameworks:
#     cis-aws-v3.0.0: ["1.22"]
#     cis-aws-v4.0.1: ["1.22"]
#     cis-aws-v5.0.0: ["1.21"]
#   remediation: |
#     aws iam detach-user-policy / detach-group-policy / detach-role-policy --policy-arn
#     arn:aws:iam::aws:policy/AWSCloudShellFullAccess for each identity listed, and grant a
#     custom policy without cloudshell:GetFileDownloadUrls and cloudshell:GetFileUploadUrls.
package stance.iam.cloudshell_full_access_not_attached

default compliant := false

cloudshell_policies contains policy if {
	some policy in input.resources.iam_policy
	policy.aws_managed == true
	endswith(policy.meta.id, ":iam::aws:policy/AWSCloudShellFullAccess")
}

attached := {entity |
	some policy in cloudshell_policies
	some entity in array.concat(
		array.concat(
			[sprintf("user %s", [u]) | some u in policy.attached_users],
			[sprintf("group %s", [g]) | some g in policy.attached_groups],
		),
		[sprintf("role %s", [r]) | some r in policy.attached_roles],
	)
}

attachment_count := sum([policy.attachment_count | some policy in cloudshell_policies])

compliant if {
	count(attached) == 0
	attachment_count == 0
}

message := sprintf("account %s attaches AWSCloudShellFullAccess to %s", [input.account_id, concat(", ", sort(attached))]) if {
	count(attached) > 0
} else := sprintf("account %s attaches AWSCloudShellFullAccess to %d identities", [input.account_id, attachment_count])

evidence := {"attached_to": sort(attached)}
