package stance.elb.v2_recommended_tls_policy_test

import data.stance.elb.v2_recommended_tls_policy as check

listener(protocol, port, policy) := {"arn": sprintf("arn:aws:elasticloadbalancing:us-east-1:111111111111:listener/net/ingest/2/%d", [port]), "protocol": protocol, "port": port, "ssl_policy": policy, "default_actions": [{"type": "forward"}]}

lb(type, listeners) := {
	"resource_type": "elbv2_load_balancer",
	"meta": {"id": "arn:aws:elasticloadbalancing:us-east-1:111111111111:loadbalancer/net/ingest/2", "account_id": "111111111111", "region": "us-east-1", "name": "ingest"},
	"load_balancer_type": type,
	"listeners": listeners,
}

test_pass_tls13 if check.compliant with input as lb("network", [listener("TLS", 443, "ELBSecurityPolicy-TLS13-1-2-Res-2021-06")])

test_fail_old_policy if {
	lbs := lb("application", [listener("HTTPS", 443, "ELBSecurityPolicy-2016-08"), listener("HTTPS", 8443, "ELBSecurityPolicy-TLS13-1-3-2021-06")])
	not check.compliant with input as lbs
	check.message == "application load balancer ingest has listener(s) without a recommended TLS 1.3 policy: HTTPS:443 (ELBSecurityPolicy-2016-08)" with input as lbs
}

test_not_applicable_http_only if check.not_applicable with input as lb("application", [object.remove(listener("HTTP", 80, ""), ["ssl_policy"])])
