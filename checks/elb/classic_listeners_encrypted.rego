# METADATA
# title: Classic Load Balancer listeners terminate HTTPS or TLS
# description: |
#   Listeners that accept HTTP or plain TCP from clients carry data in clear over the network.
#   Every front-end listener should use HTTPS or SSL. As in Security Hub, a load balancer without
#   listeners is not judged.
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-3
# custom:
#   id: elb_classic_listeners_encrypted
#   severity: medium
#   scope: resource
#   resource_types: [elb_load_balancer]
#   frameworks:
#     fsbp: [ELB.3]
#   remediation: |
#     Replace HTTP/TCP listeners with HTTPS/SSL ones (aws elb create-load-balancer-listeners
#     --listeners Protocol=HTTPS,LoadBalancerPort=443,InstanceProtocol=HTTP,InstancePort=80,SSLCertificateId=ARN,
#     then aws elb delete-load-balancer-listeners for the clear-text ports).
package stance.elb.classic_listeners_encrypted

import data.stance.lib.util

default compliant := false

not_applicable := "the load balancer has no listeners" if count(input.listeners) == 0

clear_text contains sprintf("%s:%d", [upper(listener.protocol), listener.load_balancer_port]) if {
	some listener in input.listeners
	not upper(listener.protocol) in {"HTTPS", "SSL"}
}

compliant if {
	count(input.listeners) > 0
	count(clear_text) == 0
}

message := sprintf("Classic Load Balancer %s has clear-text listener(s) %s", [util.label(input), concat(", ", sort([l | some l in clear_text]))])
