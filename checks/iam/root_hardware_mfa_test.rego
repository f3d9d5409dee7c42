package stance.iam.root_hardware_mfa_test

import data.stance.iam.root_hardware_mfa as check

root(mfa, virtual) := {
	"resource_type": "iam_root_user",
	"meta": {"id": "arn:aws:iam::111111111111:root", "account_id": "111111111111", "name": "root"},
	"mfa_active": mfa,
	"virtual_mfa": virtual,
	"active_access_keys": 0,
	"signing_certificate_active": false,
}

test_pass_hardware if check.compliant with input as root(true, false)

test_fail_virtual if {
	not check.compliant with input as root(true, true)
	check.message == "the root user of account 111111111111 uses a virtual MFA device, not a hardware one" with input as root(true, true)
}

test_fail_no_mfa if {
	not check.compliant with input as root(false, false)
	check.message == "the root user of account 111111111111 has no MFA device" with input as root(false, false)
}
