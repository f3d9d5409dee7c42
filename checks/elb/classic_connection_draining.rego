# METADATA
# title: Classic Load Balancers have connection draining enabled
# description: |
#   Connection draining lets in-flight requests complete before an instance is deregistered or
#   found unhealthy, instead of cutting connections mid-request.
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-7
# custom:
#   id: elb_classic_connection_draining
#   severity: medium
#   scope: resource
#   resource_types: [elb_load_balancer]
#   frameworks:
#     fsbp: [ELB.7]
#   remediation: |
#     aws elb modify-load-balancer-attributes --load-balancer-name NAME --load-balancer-attributes
#     '{"ConnectionDraining":{"Enabled":true,"Timeout":300}}'
package stance.elb.classic_connection_draining

import data.stance.lib.util

default compliant := false

compliant if input.connection_draining_enabled == true

message := sprintf("Classic Load Balancer %s has connection draining turned off", [util.label(input)])
