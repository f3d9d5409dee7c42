# METADATA
# title: Classic Load Balancers use defensive or strictest desync mitigation
# description: |
#   Desync mitigation classifies ambiguous HTTP requests and blocks the ones that could be
#   interpreted differently by the load balancer and its instances (request smuggling, cache
#   poisoning). The monitor mode only logs them.
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-14
# custom:
#   id: elb_classic_desync_mitigation
#   severity: medium
#   scope: resource
#   resource_types: [elb_load_balancer]
#   frameworks:
#     fsbp: [ELB.14]
#   remediation: |
#     aws elb modify-load-balancer-attributes --load-balancer-name NAME --load-balancer-attributes
#     '{"AdditionalAttributes":[{"Key":"elb.http.desyncmitigationmode","Value":"defensive"}]}'
package stance.elb.classic_desync_mitigation

import data.stance.lib.util

default compliant := false

compliant if input.desync_mitigation_mode in {"defensive", "strictest"}

message := sprintf("Classic Load Balancer %s uses desync mitigation mode %s instead of defensive or strictest", [util.label(input), object.get(input, "desync_mitigation_mode", "(unset)")])
