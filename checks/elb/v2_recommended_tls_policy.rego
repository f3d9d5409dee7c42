# METADATA
# title: ALB HTTPS and NLB TLS listeners use a recommended TLS 1.3 security policy
# description: |
#   The listener's security policy decides which TLS versions and ciphers clients may
#   negotiate. Security Hub ELB.17 accepts only the TLS 1.3 policies listed below (including
#   their FIPS and post-quantum variants); older policies allow TLS 1.0/1.1 or weaker ciphers.
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-17
# custom:
#   id: elb_v2_recommended_tls_policy
#   severity: medium
#   scope: resource
#   resource_types: [elbv2_load_balancer]
#   frameworks:
#     fsbp: [ELB.17]
#   remediation: |
#     aws elbv2 modify-listener --listener-arn ARN --ssl-policy ELBSecurityPolicy-TLS13-1-2-Res-2021-06
package stance.elb.v2_recommended_tls_policy

import data.stance.lib.util

# The sslPolicies parameter of Security Hub ELB.17.
recommended_policies := {
	"ELBSecurityPolicy-TLS13-1-3-2021-06",
	"ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04",
	"ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
	"ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04",
	"ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09",
	"ELBSecurityPolicy-TLS13-1-3-PQ-2025-09",
	"ELBSecurityPolicy-TLS13-1-2-Res-FIPS-PQ-2025-09",
	"ELBSecurityPolicy-TLS13-1-3-FIPS-PQ-2025-09",
}

default compliant := false

secure_listeners contains listener if {
	some listener in input.listeners
	upper(listener.protocol) in {"HTTPS", "TLS"}
}

not_applicable := "no HTTPS or TLS listener" if count(secure_listeners) == 0

weak contains sprintf("%s:%d (%s)", [upper(listener.protocol), listener.port, object.get(listener, "ssl_policy", "no policy")]) if {
	some listener in secure_listeners
	not listener.ssl_policy in recommended_policies
}

compliant if {
	count(secure_listeners) > 0
	count(weak) == 0
}

message := sprintf("%s load balancer %s has listener(s) without a recommended TLS 1.3 policy: %s", [input.load_balancer_type, util.label(input), concat(", ", sort([w | some w in weak]))])
