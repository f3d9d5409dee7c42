# METADATA
# title: Application and Classic Load Balancers write access logs
# description: |
#   Access logs record every request (client address, path, status, latency, TLS details).
#   They are the evidence for investigating attacks against the applications behind the load
#   balancer. As in Security Hub, Network and Gateway Load Balancers are not judged.
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-5
# custom:
#   id: elb_access_logs_enabled
#   severity: medium
#   scope: resource
#   resource_types: [elb_load_balancer, elbv2_load_balancer]
#   frameworks:
#     fsbp: [ELB.5]
#   remediation: |
#     ALB: aws elbv2 modify-load-balancer-attributes --load-balancer-arn ARN --attributes
#     Key=access_logs.s3.enabled,Value=true Key=access_logs.s3.bucket,Value=BUCKET.
#     Classic: aws elb modify-load-balancer-attributes --load-balancer-name NAME
#     --load-balancer-attributes '{"AccessLog":{"Enabled":true,"S3BucketName":"BUCKET"}}'
package stance.elb.access_logs_enabled

import data.stance.lib.util

default compliant := false

not_applicable := sprintf("%s load balancer (the control judges Application and Classic Load Balancers)", [input.load_balancer_type]) if {
	input.resource_type == "elbv2_load_balancer"
	input.load_balancer_type != "application"
}

compliant if {
	input.resource_type == "elb_load_balancer"
	input.access_log_enabled == true
}

compliant if {
	input.resource_type == "elbv2_load_balancer"
	input.access_logs_enabled == true
}

kind := "Classic Load Balancer" if input.resource_type == "elb_load_balancer"

else := "ALB"

message := sprintf("%s %s does not write access logs", [kind, util.label(input)])
