package stance.iam.root_mfa_enabled_test

import data.stance.iam.root_mfa_enabled as check

test_pass_mfa if check.compliant with input as {"meta": {"id": "r", "account_id": "1"}, "mfa_active": true}

test_fail_no_mfa if not check.compliant with input as {"meta": {"id": "r", "account_id": "1"}, "mfa_active": false}
