package stance.ec2.ebs_encryption_by_default_test

import data.stance.ec2.ebs_encryption_by_default as check

setting(enabled) := {"meta": {"id": "e", "region": "eu-west-1", "account_id": "1"}, "enabled": enabled}

test_pass_enabled if check.compliant with input as setting(true)

test_fail_disabled if {
	not check.compliant with input as setting(false)
	check.message == "EBS encryption by default is off in eu-west-1 (account 1)" with input as setting(false)
}
