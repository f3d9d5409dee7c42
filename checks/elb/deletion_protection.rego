# METADATA
# title: Application, Network and Gateway Load Balancers have deletion protection enabled
# description: |
#   Deletion protection makes a delete request fail until someone deliberately turns it off,
#   so an accidental or malicious deletion cannot take the application offline in one call.
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-6
# custom:
#   id: elb_deletion_protection
#   severity: medium
#   scope: resource
#   resource_types: [elbv2_load_balancer]
#   frameworks:
#     fsbp: [ELB.6]
#   remediation: |
#     aws elbv2 modify-load-balancer-attributes --load-balancer-arn ARN --attributes
#     Key=deletion_protection.enabled,Value=true
package stance.elb.deletion_protection

import data.stance.lib.util

default compliant := false

compliant if input.deletion_protection_enabled == true

message := sprintf("%s load balancer %s has deletion protection turned off", [input.load_balancer_type, util.label(input)])
