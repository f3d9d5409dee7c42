# METADATA
# title: ALB listeners use HTTPS and NLB listeners use TLS
# description: |
#   Listeners that accept HTTP, TCP or UDP carry client data in clear to the load balancer.
#   Security Hub ELB.18 requires HTTPS on every Application Load Balancer listener and TLS on
#   every Network Load Balancer listener; it does not exempt HTTP listeners that only redirect
#   to HTTPS. Gateway Load Balancers are not judged.
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-18
# custom:
#   id: elb_v2_listeners_encrypted
#   severity: medium
#   scope: resource
#   resource_types: [elbv2_load_balancer]
#   frameworks:
#     fsbp: [ELB.18]
#   remediation: |
#     aws elbv2 modify-listener --listener-arn ARN --protocol HTTPS (ALB) or TLS (NLB)
#     --certificates CertificateArn=ACM_ARN --ssl-policy ELBSecurityPolicy-TLS13-1-2-Res-2021-06,
#     or delete clear-text listeners that are no longer needed.
package stance.elb.v2_listeners_encrypted

import data.stance.lib.util

secure_protocol := {"application": "HTTPS", "network": "TLS"}

default compliant := false

not_applicable := sprintf("%s load balancer (the control judges Application and Network Load Balancers)", [input.load_balancer_type]) if {
	not secure_protocol[input.load_balancer_type]
} else := "the load balancer has no listeners" if {
	count(input.listeners) == 0
}

clear_text contains sprintf("%s:%d", [upper(listener.protocol), listener.port]) if {
	some listener in input.listeners
	upper(listener.protocol) != secure_protocol[input.load_balancer_type]
}

compliant if {
	secure_protocol[input.load_balancer_type]
	count(input.listeners) > 0
	count(clear_text) == 0
}

message := sprintf("%s load balancer %s has listener(s) not using %s: %s", [input.load_balancer_type, util.label(input), secure_protocol[input.load_balancer_type], concat(", ", sort([l | some l in clear_text]))])
