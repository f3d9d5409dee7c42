# METADATA
# title: Bucket policies do not let other AWS accounts change the bucket's access or encryption
# description: |
#   Granting another account s3:DeleteBucketPolicy, s3:PutBucketAcl, s3:PutBucketPolicy,
#   s3:PutEncryptionConfiguration or s3:PutObjectAcl hands it control over who can read the
#   data and how it is encrypted. stance reads the Allow statements of the bucket policy whose
#   principals belong to the accounts in derived.policy.cross_account_principals and matches
#   their actions (wildcards included, NotAction honoured) against those five. Conditions are
#   not evaluated: a conditioned grant still counts.
# custom:
#   id: s3_bucket_no_cross_account_risky_actions
#   severity: high
#   scope: resource
#   resource_types: [s3_bucket]
#   frameworks:
#     fsbp: [S3.6]
#   remediation: |
#     Remove the listed actions from the statements granting other accounts access, and grant
#     those accounts only the object-level actions they need (s3:GetObject, s3:PutObject...).
package stance.s3.bucket_no_cross_account_risky_actions

default compliant := false

risky_actions := [
	"s3:DeleteBucketPolicy",
	"s3:PutBucketAcl",
	"s3:PutBucketPolicy",
	"s3:PutEncryptionConfiguration",
	"s3:PutObjectAcl",
]

as_list(x) := x if is_array(x)

as_list(x) := [x] if is_string(x)

statements := input.policy.Statement if is_array(input.policy.Statement)

statements := [input.policy.Statement] if is_object(input.policy.Statement)

# The other accounts a statement names as principals: a 12-digit id or an ARN in that account.
statement_accounts(stmt) := {account |
	some principal in as_list(stmt.Principal.AWS)
	some account in input.derived.policy.cross_account_principals
	principal_in_account(principal, account)
}

principal_in_account(principal, account) if principal == account

principal_in_account(principal, account) if {
	startswith(principal, "arn:")
	split(principal, ":")[4] == account
}

matches(pattern, action) if glob.match(lower(pattern), null, lower(action))

grants(stmt, action) if {
	some pattern in as_list(stmt.Action)
	matches(pattern, action)
}

grants(stmt, action) if {
	stmt.NotAction
	not excluded(stmt, action)
}

excluded(stmt, action) if {
	some pattern in as_list(stmt.NotAction)
	matches(pattern, action)
}

risky_grants contains sprintf("%s: %s", [account, action]) if {
	some stmt in statements
	stmt.Effect == "Allow"
	some account in statement_accounts(stmt)
	some action in risky_actions
	grants(stmt, action)
}

compliant if not input.policy

compliant if {
	input.derived.policy.present == true
	count(risky_grants) == 0
}

message := sprintf("bucket %s policy lets other accounts change its access or encryption: %s", [input.meta.name, concat(", ", sort(risky_grants))])

evidence := {"grants": sort(risky_grants), "cross_account_principals": input.derived.policy.cross_account_principals}
