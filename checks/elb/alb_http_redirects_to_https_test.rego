package stance.elb.alb_http_redirects_to_https_test

import data.stance.elb.alb_http_redirects_to_https as check

redirect := {"arn": "arn:aws:elasticloadbalancing:us-east-1:111111111111:listener/app/web/1/80", "protocol": "HTTP", "port": 80, "default_actions": [{"type": "redirect", "redirect_protocol": "HTTPS"}]}

forward := {"arn": "arn:aws:elasticloadbalancing:us-east-1:111111111111:listener/app/web/1/8080", "protocol": "HTTP", "port": 8080, "default_actions": [{"type": "forward"}]}

https := {"arn": "arn:aws:elasticloadbalancing:us-east-1:111111111111:listener/app/web/1/443", "protocol": "HTTPS", "port": 443, "ssl_policy": "ELBSecurityPolicy-TLS13-1-2-Res-2021-06", "default_actions": [{"type": "forward"}]}

lb(type, listeners) := {
	"resource_type": "elbv2_load_balancer",
	"meta": {"id": "arn:aws:elasticloadbalancing:us-east-1:111111111111:loadbalancer/app/web/1", "account_id": "111111111111", "region": "us-east-1", "name": "web"},
	"load_balancer_type": type,
	"scheme": "internet-facing",
	"availability_zones": ["us-east-1a", "us-east-1b"],
	"listeners": listeners,
}

test_pass_redirect if check.compliant with input as lb("application", [redirect, https])

test_pass_https_only if check.compliant with input as lb("application", [https])

test_fail_forwarding_http if {
	not check.compliant with input as lb("application", [redirect, forward, https])
	check.message == "ALB web has HTTP listener(s) on port(s) 8080 that do not redirect to HTTPS" with input as lb("application", [redirect, forward, https])
}

test_not_applicable_nlb if check.not_applicable with input as lb("network", [])
