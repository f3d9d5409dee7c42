package stance.elb.classic_strong_tls_policy_test

import data.stance.elb.classic_strong_tls_policy as check

lb(protocol, policy) := {
	"resource_type": "elb_load_balancer",
	"meta": {"id": "arn:aws:elasticloadbalancing:us-east-1:111111111111:loadbalancer/legacy", "account_id": "111111111111", "region": "us-east-1", "name": "legacy"},
	"listeners": [{"protocol": protocol, "load_balancer_port": 443, "instance_protocol": "HTTP", "policy_names": ["tls"]}],
	"ssl_reference_policy": policy,
}

test_pass_tls12 if check.compliant with input as lb("HTTPS", "ELBSecurityPolicy-TLS-1-2-2017-01")

test_fail_old_policy if {
	not check.compliant with input as lb("SSL", "ELBSecurityPolicy-2016-08")
	check.message == "Classic Load Balancer legacy negotiates TLS with ELBSecurityPolicy-2016-08 instead of ELBSecurityPolicy-TLS-1-2-2017-01" with input as lb("SSL", "ELBSecurityPolicy-2016-08")
}

test_fail_custom_policy if {
	custom := object.remove(lb("HTTPS", ""), ["ssl_reference_policy"])
	not check.compliant with input as custom
	check.message == "Classic Load Balancer legacy negotiates TLS with a custom or unknown policy instead of ELBSecurityPolicy-TLS-1-2-2017-01" with input as custom
}

test_not_applicable_http if check.not_applicable with input as lb("HTTP", "ELBSecurityPolicy-2016-08")
