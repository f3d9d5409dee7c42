# METADATA
# title: The account has a security alternate contact
# description: |
#   AWS sends abuse reports, compromise notices and security bulletins to the security
#   alternate contact. Without one they reach only the root email address, which may be an
#   unread mailbox. The contact needs an email address, ideally a team alias.
# custom:
#   id: account_security_contact_registered
#   severity: medium
#   scope: resource
#   resource_types: [account]
#   frameworks:
#     cis-aws-v3.0.0: ["1.2"]
#     cis-aws-v4.0.1: ["1.2"]
#     cis-aws-v5.0.0: ["1.2"]
#     fsbp: [Account.1]
#   remediation: |
#     aws account put-alternate-contact --alternate-contact-type SECURITY --email-address
#     security@example.com --name "Security team" --phone-number "+1-555-0100" --title "Security"
#     (or from the management account with --account-id for each member).
package stance.account.security_contact_registered

default compliant := false

compliant if input.security_contact.has_email == true

message := sprintf("account %s has no security alternate contact", [input.meta.account_id]) if {
	not input.security_contact
} else := sprintf("account %s security alternate contact has no email address", [input.meta.account_id])
