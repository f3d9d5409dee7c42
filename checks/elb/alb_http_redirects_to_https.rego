# METADATA
# title: Application Load Balancer HTTP listeners redirect to HTTPS
# description: |
#   An HTTP listener that forwards requests lets clients send credentials and data in clear.
#   Every HTTP listener of an ALB should answer with a redirect to HTTPS. Only the listener's
#   default actions are modelled, so a redirect configured in listener rules alone is not seen.
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-1
# custom:
#   id: elb_alb_http_redirects_to_https
#   severity: medium
#   scope: resource
#   resource_types: [elbv2_load_balancer]
#   frameworks:
#     fsbp: [ELB.1]
#   remediation: |
#     aws elbv2 modify-listener --listener-arn ARN --default-actions
#     'Type=redirect,RedirectConfig={Protocol=HTTPS,Port=443,StatusCode=HTTP_301}'
package stance.elb.alb_http_redirects_to_https

import data.stance.lib.util

default compliant := false

not_applicable := sprintf("%s load balancer (the control judges Application Load Balancers)", [input.load_balancer_type]) if {
	input.load_balancer_type != "application"
}

redirects_to_https(listener) if {
	some action in listener.default_actions
	action.type == "redirect"
	upper(action.redirect_protocol) == "HTTPS"
}

not_redirecting contains listener.port if {
	some listener in input.listeners
	upper(listener.protocol) == "HTTP"
	not redirects_to_https(listener)
}

compliant if {
	input.listeners
	count(not_redirecting) == 0
}

ports_text := concat(", ", [sprintf("%d", [p]) | some p in sort([x | some x in not_redirecting])])

message := sprintf("ALB %s has HTTP listener(s) on port(s) %s that do not redirect to HTTPS", [util.label(input), ports_text])
