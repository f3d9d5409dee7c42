# METADATA
# title: Application Load Balancers drop invalid HTTP header fields
# description: |
#   Header fields that do not conform to the HTTP grammar are a building block of request
#   smuggling and desync attacks against the targets. The ALB can remove them before forwarding.
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-4
# custom:
#   id: elb_alb_drops_invalid_headers
#   severity: medium
#   scope: resource
#   resource_types: [elbv2_load_balancer]
#   frameworks:
#     fsbp: [ELB.4]
#   remediation: |
#     aws elbv2 modify-load-balancer-attributes --load-balancer-arn ARN --attributes
#     Key=routing.http.drop_invalid_header_fields.enabled,Value=true
package stance.elb.alb_drops_invalid_headers

import data.stance.lib.util

default compliant := false

not_applicable := sprintf("%s load balancer (the control judges Application Load Balancers)", [input.load_balancer_type]) if {
	input.load_balancer_type != "application"
}

compliant if input.drop_invalid_header_fields == true

message := sprintf("ALB %s forwards invalid HTTP header fields (routing.http.drop_invalid_header_fields.enabled=false)", [util.label(input)])
