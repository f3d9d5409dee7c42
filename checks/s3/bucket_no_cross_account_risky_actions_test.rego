package stance.s3.bucket_no_cross_account_risky_actions_test

import data.stance.s3.bucket_no_cross_account_risky_actions as check

bucket(statements, accounts) := {
	"resource_type": "s3_bucket",
	"meta": {"id": "arn:aws:s3:::shared-data-2222", "account_id": "222222222222", "region": "us-east-1", "name": "shared-data-2222"},
	"policy": {"Version": "2012-10-17", "Statement": statements},
	"derived": {"policy": {"present": true, "public": false, "public_read": false, "public_write": false, "public_actions": [], "denies_insecure_transport": false, "cross_account_principals": accounts}},
}

read_only := {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444444444444:root"}, "Action": ["s3:GetObject", "s3:ListBucket"], "Resource": ["arn:aws:s3:::shared-data-2222", "arn:aws:s3:::shared-data-2222/*"]}

own_account_admin := {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::222222222222:role/admin"}, "Action": "s3:*", "Resource": "*"}

test_pass_cross_account_read if check.compliant with input as bucket([read_only, own_account_admin], ["444444444444"])

test_pass_no_policy if check.compliant with input as {"meta": {"id": "arn:aws:s3:::b", "name": "b"}, "derived": {"policy": {"present": false, "cross_account_principals": []}}}

test_fail_wildcard_put if {
	stmt := {"Effect": "Allow", "Principal": {"AWS": ["444444444444"]}, "Action": "s3:Put*", "Resource": "*"}
	inp := bucket([read_only, stmt], ["444444444444"])
	not check.compliant with input as inp
	check.message == "bucket shared-data-2222 policy lets other accounts change its access or encryption: 444444444444: s3:PutBucketAcl, 444444444444: s3:PutBucketPolicy, 444444444444: s3:PutEncryptionConfiguration, 444444444444: s3:PutObjectAcl" with input as inp
}

test_fail_not_action if {
	stmt := {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::555555555555:role/ops"}, "NotAction": ["s3:Delete*", "s3:PutBucket*"], "Resource": "*"}
	inp := bucket([stmt], ["555555555555"])
	not check.compliant with input as inp
	check.evidence.grants == ["555555555555: s3:PutEncryptionConfiguration", "555555555555: s3:PutObjectAcl"] with input as inp
}

test_fail_single_statement_object if {
	stmt := {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444444444444:root"}, "Action": "s3:putbucketpolicy", "Resource": "*"}
	not check.compliant with input as bucket(stmt, ["444444444444"])
}
