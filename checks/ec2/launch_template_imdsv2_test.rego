package stance.ec2.launch_template_imdsv2_test

import data.stance.ec2.launch_template_imdsv2 as check

lt := {
	"resource_type": "ec2_launch_template",
	"meta": {"id": "arn:aws:ec2:us-east-1:111111111111:launch-template/lt-0a1b2c3d4e5f60718", "account_id": "111111111111", "region": "us-east-1", "name": "web-asg"},
	"default_version": 4,
	"associates_public_ip": false,
	"all_ebs_encrypted": true,
}

test_pass_required if check.compliant with input as object.union(lt, {"metadata_http_tokens": "required"})

test_fail_optional if {
	t := object.union(lt, {"metadata_http_tokens": "optional"})
	not check.compliant with input as t
	check.message == "launch template web-asg (default version 4) does not require IMDSv2 (HttpTokens=optional)" with input as t
}

test_fail_unset if {
	not check.compliant with input as lt
	check.message == "launch template web-asg (default version 4) does not require IMDSv2 (HttpTokens=unset)" with input as lt
}
