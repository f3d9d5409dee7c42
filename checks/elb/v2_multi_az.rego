# METADATA
# title: Application, Network and Gateway Load Balancers span at least two Availability Zones
# description: |
#   A load balancer enabled in a single Availability Zone cannot route around an outage of
#   that zone. Security Hub ELB.13 requires at least two zones (its minAvailabilityZones default).
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-13
# custom:
#   id: elb_v2_multi_az
#   severity: medium
#   scope: resource
#   resource_types: [elbv2_load_balancer]
#   frameworks:
#     fsbp: [ELB.13]
#   remediation: |
#     aws elbv2 set-subnets --load-balancer-arn ARN --subnets SUBNET_AZ1 SUBNET_AZ2
package stance.elb.v2_multi_az

import data.stance.lib.util

minimum_zones := 2

default compliant := false

compliant if count(input.availability_zones) >= minimum_zones

message := sprintf("%s load balancer %s spans %d Availability Zone(s) (%s)", [input.load_balancer_type, util.label(input), count(input.availability_zones), concat(", ", input.availability_zones)])
