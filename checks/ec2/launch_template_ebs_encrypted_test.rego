package stance.ec2.launch_template_ebs_encrypted_test

import data.stance.ec2.launch_template_ebs_encrypted as check

lt(encrypted) := {
	"resource_type": "ec2_launch_template",
	"meta": {"id": "arn:aws:ec2:us-east-1:111111111111:launch-template/lt-0a1b2c3d4e5f60718", "account_id": "111111111111", "region": "us-east-1", "name": "web-asg"},
	"default_version": 4,
	"metadata_http_tokens": "required",
	"associates_public_ip": false,
	"all_ebs_encrypted": encrypted,
}

test_pass_encrypted if check.compliant with input as lt(true)

test_fail_unencrypted if {
	not check.compliant with input as lt(false)
	check.message == "launch template web-asg (default version 4) defines EBS volumes without encryption" with input as lt(false)
}
