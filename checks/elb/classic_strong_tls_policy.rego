# METADATA
# title: Classic Load Balancer HTTPS/SSL listeners use the ELBSecurityPolicy-TLS-1-2-2017-01 policy
# description: |
#   The negotiation policy decides which protocols and ciphers clients may use. Security Hub
#   ELB.8 requires the predefined ELBSecurityPolicy-TLS-1-2-2017-01, which allows TLS 1.2 only
#   with strong ciphers; custom or older policies may allow TLS 1.0/1.1 or weak ciphers.
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-8
# custom:
#   id: elb_classic_strong_tls_policy
#   severity: medium
#   scope: resource
#   resource_types: [elb_load_balancer]
#   frameworks:
#     fsbp: [ELB.8]
#   remediation: |
#     aws elb create-load-balancer-policy --load-balancer-name NAME --policy-name tls12
#     --policy-type-name SSLNegotiationPolicyType --policy-attributes
#     AttributeName=Reference-Security-Policy,AttributeValue=ELBSecurityPolicy-TLS-1-2-2017-01,
#     then aws elb set-load-balancer-policies-of-listener --load-balancer-port PORT --policy-names tls12
package stance.elb.classic_strong_tls_policy

import data.stance.lib.util

required_policy := "ELBSecurityPolicy-TLS-1-2-2017-01"

default compliant := false

secure_listeners contains listener.load_balancer_port if {
	some listener in input.listeners
	upper(listener.protocol) in {"HTTPS", "SSL"}
}

not_applicable := "no HTTPS or SSL listener" if count(secure_listeners) == 0

compliant if input.ssl_reference_policy == required_policy

message := sprintf("Classic Load Balancer %s negotiates TLS with %s instead of %s", [util.label(input), object.get(input, "ssl_reference_policy", "a custom or unknown policy"), required_policy])
