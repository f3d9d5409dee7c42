package stance.elb.v2_listeners_encrypted_test

import data.stance.elb.v2_listeners_encrypted as check

listener(protocol, port) := {"arn": sprintf("arn:aws:elasticloadbalancing:us-east-1:111111111111:listener/app/web/1/%d", [port]), "protocol": protocol, "port": port, "default_actions": [{"type": "forward"}]}

lb(type, listeners) := {
	"resource_type": "elbv2_load_balancer",
	"meta": {"id": "arn:aws:elasticloadbalancing:us-east-1:111111111111:loadbalancer/app/web/1", "account_id": "111111111111", "region": "us-east-1", "name": "web"},
	"load_balancer_type": type,
	"listeners": listeners,
}

test_pass_alb_https if check.compliant with input as lb("application", [listener("HTTPS", 443)])

test_pass_nlb_tls if check.compliant with input as lb("network", [listener("TLS", 443)])

test_fail_alb_http if {
	lbs := lb("application", [listener("HTTPS", 443), listener("HTTP", 80)])
	not check.compliant with input as lbs
	check.message == "application load balancer web has listener(s) not using HTTPS: HTTP:80" with input as lbs
}

test_fail_nlb_tcp if not check.compliant with input as lb("network", [listener("TCP", 5432), listener("TLS", 443)])

test_not_applicable_gateway if check.not_applicable with input as lb("gateway", [listener("GENEVE", 6081)])

test_not_applicable_no_listeners if check.not_applicable with input as lb("application", [])
