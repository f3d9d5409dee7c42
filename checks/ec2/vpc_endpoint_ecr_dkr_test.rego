package stance.ec2.vpc_endpoint_ecr_dkr_test

import data.stance.ec2.vpc_endpoint_ecr_dkr as check

vpc(id) := {
	"resource_type": "ec2_vpc",
	"meta": {"id": sprintf("arn:aws:ec2:eu-west-1:111111111111:vpc/%s", [id]), "account_id": "111111111111", "region": "eu-west-1"},
	"vpc_id": id,
	"cidr_block": "10.0.0.0/16",
	"is_default": false,
	"state": "available",
	"derived": {"flow_logs_enabled": true, "flow_log_traffic_types": ["ALL"]},
}

endpoint(vpc_id, service, state) := {
	"resource_type": "ec2_vpc_endpoint",
	"meta": {"id": sprintf("arn:aws:ec2:eu-west-1:111111111111:vpc-endpoint/vpce-%s-%s", [vpc_id, service]), "account_id": "111111111111", "region": "eu-west-1"},
	"vpc_id": vpc_id,
	"service_name": sprintf("com.amazonaws.eu-west-1.%s", [service]),
	"vpc_endpoint_type": "Interface",
	"state": state,
}

region(vpcs, endpoints) := {
	"account_id": "111111111111",
	"partition": "aws",
	"region": "eu-west-1",
	"regions": ["eu-west-1"],
	"resources": {"ec2_vpc": vpcs, "ec2_vpc_endpoint": endpoints},
}

test_pass_every_vpc_covered if check.compliant with input as region([vpc("vpc-a"), vpc("vpc-b")], [endpoint("vpc-a", "ecr.dkr", "available"), endpoint("vpc-b", "ecr.dkr", "available")])

test_fail_vpc_without_endpoint if {
	r := region([vpc("vpc-a"), vpc("vpc-b"), vpc("vpc-c")], [endpoint("vpc-b", "ecr.dkr", "available"), endpoint("vpc-c", "ecr.dkr", "pending")])
	not check.compliant with input as r
	check.message == "2 of 3 VPC(s) in eu-west-1 (account 111111111111) have no ecr.dkr interface endpoint: vpc-a, vpc-c" with input as r
	check.evidence.vpcs_without_endpoint == ["vpc-a", "vpc-c"] with input as r
}

test_fail_other_service_only if not check.compliant with input as region([vpc("vpc-a")], [endpoint("vpc-a", "ecr.dkr-other", "available"), endpoint("vpc-a", "s3", "available")])

test_not_applicable_no_vpcs if check.not_applicable with input as region([], [])
