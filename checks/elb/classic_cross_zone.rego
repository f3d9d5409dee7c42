# METADATA
# title: Classic Load Balancers have cross-zone load balancing enabled
# description: |
#   Without cross-zone load balancing each load balancer node only sends traffic to instances
#   in its own Availability Zone, so uneven capacity across zones overloads some instances and
#   a zone losing instances drops its share of traffic.
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-9
# custom:
#   id: elb_classic_cross_zone
#   severity: medium
#   scope: resource
#   resource_types: [elb_load_balancer]
#   frameworks:
#     fsbp: [ELB.9]
#   remediation: |
#     aws elb modify-load-balancer-attributes --load-balancer-name NAME --load-balancer-attributes
#     '{"CrossZoneLoadBalancing":{"Enabled":true}}'
package stance.elb.classic_cross_zone

import data.stance.lib.util

default compliant := false

compliant if input.cross_zone_load_balancing_enabled == true

message := sprintf("Classic Load Balancer %s has cross-zone load balancing turned off", [util.label(input)])
