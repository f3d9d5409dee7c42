package stance.elb.classic_listeners_encrypted_test

import data.stance.elb.classic_listeners_encrypted as check

listener(protocol, port) := {"protocol": protocol, "load_balancer_port": port, "instance_protocol": "HTTP", "policy_names": []}

lb(listeners) := {
	"resource_type": "elb_load_balancer",
	"meta": {"id": "arn:aws:elasticloadbalancing:us-east-1:111111111111:loadbalancer/legacy", "account_id": "111111111111", "region": "us-east-1", "name": "legacy"},
	"scheme": "internet-facing",
	"listeners": listeners,
}

test_pass_https_and_ssl if check.compliant with input as lb([listener("HTTPS", 443), listener("SSL", 8443)])

test_fail_http if {
	not check.compliant with input as lb([listener("HTTPS", 443), listener("HTTP", 80), listener("TCP", 25)])
	check.message == "Classic Load Balancer legacy has clear-text listener(s) HTTP:80, TCP:25" with input as lb([listener("HTTPS", 443), listener("HTTP", 80), listener("TCP", 25)])
}

test_not_applicable_no_listeners if check.not_applicable with input as lb([])
