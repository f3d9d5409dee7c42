package stance.elb.classic_acm_certificate_test

import data.stance.elb.classic_acm_certificate as check

listener(protocol, port, cert) := {"protocol": protocol, "load_balancer_port": port, "instance_protocol": "HTTP", "ssl_certificate_id": cert, "policy_names": []}

lb(listeners) := {
	"resource_type": "elb_load_balancer",
	"meta": {"id": "arn:aws:elasticloadbalancing:us-east-1:111111111111:loadbalancer/legacy", "account_id": "111111111111", "region": "us-east-1", "name": "legacy"},
	"scheme": "internet-facing",
	"listeners": listeners,
}

acm := "arn:aws:acm:us-east-1:111111111111:certificate/0f0e0d0c-0b0a-0908-0706-050403020100"

iam := "arn:aws:iam::111111111111:server-certificate/legacy-2019"

test_pass_acm if check.compliant with input as lb([listener("HTTPS", 443, acm)])

test_fail_iam_certificate if {
	not check.compliant with input as lb([listener("HTTPS", 443, acm), listener("SSL", 8443, iam)])
	check.message == "Classic Load Balancer legacy uses a certificate not issued or imported by ACM on port(s) 8443" with input as lb([listener("HTTPS", 443, acm), listener("SSL", 8443, iam)])
}

test_not_applicable_http_only if check.not_applicable with input as lb([object.remove(listener("HTTP", 80, ""), ["ssl_certificate_id"])])
