package stance.ec2.launch_template_no_public_ip_test

import data.stance.ec2.launch_template_no_public_ip as check

lt(public) := {
	"resource_type": "ec2_launch_template",
	"meta": {"id": "arn:aws:ec2:us-east-1:111111111111:launch-template/lt-0a1b2c3d4e5f60718", "account_id": "111111111111", "region": "us-east-1", "name": "web-asg"},
	"default_version": 4,
	"metadata_http_tokens": "required",
	"associates_public_ip": public,
	"all_ebs_encrypted": true,
}

test_pass_private if check.compliant with input as lt(false)

test_fail_public if {
	not check.compliant with input as lt(true)
	check.message == "launch template web-asg (default version 4) assigns public IP addresses" with input as lt(true)
}
