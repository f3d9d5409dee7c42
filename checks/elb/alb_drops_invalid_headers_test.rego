package stance.elb.alb_drops_invalid_headers_test

import data.stance.elb.alb_drops_invalid_headers as check

lb(type, drop) := {
	"resource_type": "elbv2_load_balancer",
	"meta": {"id": "arn:aws:elasticloadbalancing:us-east-1:111111111111:loadbalancer/app/web/1", "account_id": "111111111111", "region": "us-east-1", "name": "web"},
	"load_balancer_type": type,
	"drop_invalid_header_fields": drop,
}

test_pass_dropping if check.compliant with input as lb("application", true)

test_fail_forwarding if {
	not check.compliant with input as lb("application", false)
	check.message == "ALB web forwards invalid HTTP header fields (routing.http.drop_invalid_header_fields.enabled=false)" with input as lb("application", false)
}

test_not_applicable_gateway if check.not_applicable with input as lb("gateway", false)
