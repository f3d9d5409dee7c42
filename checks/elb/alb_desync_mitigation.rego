# METADATA
# title: Application Load Balancers use defensive or strictest desync mitigation
# description: |
#   Desync mitigation classifies ambiguous HTTP requests and blocks the ones that could be
#   interpreted differently by the ALB and its targets (request smuggling, cache poisoning).
#   The monitor mode only logs them.
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-12
# custom:
#   id: elb_alb_desync_mitigation
#   severity: medium
#   scope: resource
#   resource_types: [elbv2_load_balancer]
#   frameworks:
#     fsbp: [ELB.12]
#   remediation: |
#     aws elbv2 modify-load-balancer-attributes --load-balancer-arn ARN --attributes
#     Key=routing.http.desync_mitigation_mode,Value=defensive
package stance.elb.alb_desync_mitigation

import data.stance.lib.util

default compliant := false

not_applicable := sprintf("%s load balancer (the control judges Application Load Balancers)", [input.load_balancer_type]) if {
	input.load_balancer_type != "application"
}

compliant if input.desync_mitigation_mode in {"defensive", "strictest"}

message := sprintf("ALB %s uses desync mitigation mode %s instead of defensive or strictest", [util.label(input), object.get(input, "desync_mitigation_mode", "(unset)")])
