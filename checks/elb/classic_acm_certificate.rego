# METADATA
# title: Classic Load Balancer HTTPS/SSL listeners use ACM certificates
# description: |
#   Certificates from AWS Certificate Manager renew automatically; certificates uploaded to IAM
#   expire silently and must be rotated by hand, which leads to outages or stale keys.
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-2
# custom:
#   id: elb_classic_acm_certificate
#   severity: medium
#   scope: resource
#   resource_types: [elb_load_balancer]
#   frameworks:
#     fsbp: [ELB.2]
#   remediation: |
#     Request or import the certificate in ACM, then aws elb set-load-balancer-listener-ssl-certificate
#     --load-balancer-name NAME --load-balancer-port PORT --ssl-certificate-id ACM_ARN
package stance.elb.classic_acm_certificate

import data.stance.lib.util

default compliant := false

secure_listeners contains listener if {
	some listener in input.listeners
	upper(listener.protocol) in {"HTTPS", "SSL"}
}

not_applicable := "no HTTPS or SSL listener" if count(secure_listeners) == 0

is_acm(arn) if split(arn, ":")[2] == "acm"

non_acm contains listener.load_balancer_port if {
	some listener in secure_listeners
	not is_acm(object.get(listener, "ssl_certificate_id", ""))
}

compliant if {
	count(secure_listeners) > 0
	count(non_acm) == 0
}

ports_text := concat(", ", [sprintf("%d", [p]) | some p in sort([x | some x in non_acm])])

message := sprintf("Classic Load Balancer %s uses a certificate not issued or imported by ACM on port(s) %s", [util.label(input), ports_text])
