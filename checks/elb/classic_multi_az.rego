# METADATA
# title: Classic Load Balancers span at least two Availability Zones
# description: |
#   A load balancer in a single Availability Zone cannot route around an outage of that zone.
#   Security Hub ELB.10 requires at least two zones (its minAvailabilityZones default).
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-10
# custom:
#   id: elb_classic_multi_az
#   severity: medium
#   scope: resource
#   resource_types: [elb_load_balancer]
#   frameworks:
#     fsbp: [ELB.10]
#   remediation: |
#     aws elb attach-load-balancer-to-subnets --load-balancer-name NAME --subnets SUBNET_IN_OTHER_AZ
#     (or enable-availability-zones-for-load-balancer outside a VPC).
package stance.elb.classic_multi_az

import data.stance.lib.util

minimum_zones := 2

default compliant := false

compliant if count(input.availability_zones) >= minimum_zones

message := sprintf("Classic Load Balancer %s spans %d Availability Zone(s) (%s)", [util.label(input), count(input.availability_zones), concat(", ", input.availability_zones)])
