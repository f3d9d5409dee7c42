package stance.account.security_contact_registered_test

import data.stance.account.security_contact_registered as check

account := {
	"resource_type": "account",
	"meta": {"id": "AWS::::Account:222222222222", "account_id": "222222222222", "region": "global", "name": "staging-1"},
	"alias": "staging-1",
	"organization_id": "o-demo12345",
}

test_pass_contact if check.compliant with input as object.union(account, {"security_contact": {"has_email": true, "title": "Security team"}})

test_fail_no_contact if {
	not check.compliant with input as account
	check.message == "account 222222222222 has no security alternate contact" with input as account
}

test_fail_contact_without_email if {
	inp := object.union(account, {"security_contact": {"has_email": false}})
	not check.compliant with input as inp
	check.message == "account 222222222222 security alternate contact has no email address" with input as inp
}
