# METADATA
# title: Every VPC has an interface endpoint for Systems Manager
# description: |
#   An interface VPC endpoint (AWS PrivateLink) for Systems Manager keeps Systems Manager
#   traffic from the VPC on the AWS network, without an internet or NAT gateway path. Security
#   Hub EC2.57 expects one in every VPC; stance judges each region and names the VPCs that lack
#   an available endpoint for com.amazonaws.REGION.ssm. Regions without VPCs are not judged.
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-57
# custom:
#   id: ec2_vpc_endpoint_ssm
#   severity: medium
#   scope: region
#   resource_types: [ec2_vpc, ec2_vpc_endpoint]
#   frameworks:
#     fsbp: [EC2.57]
#   remediation: |
#     aws ec2 create-vpc-endpoint --vpc-id VPC --vpc-endpoint-type Interface
#     --service-name com.amazonaws.REGION.ssm --subnet-ids SUBNETS --security-group-ids SG
#     --private-dns-enabled
package stance.ec2.vpc_endpoint_ssm

service := "ssm"

service_suffix := sprintf(".%s.%s", [input.region, service])

default compliant := false

not_applicable := sprintf("no VPCs in %s", [input.region]) if count(input.resources.ec2_vpc) == 0

covered contains endpoint.vpc_id if {
	some endpoint in input.resources.ec2_vpc_endpoint
	endswith(endpoint.service_name, service_suffix)
	lower(endpoint.state) == "available"
}

missing contains vpc.vpc_id if {
	some vpc in input.resources.ec2_vpc
	not vpc.vpc_id in covered
}

compliant if {
	count(input.resources.ec2_vpc) > 0
	count(missing) == 0
}

message := sprintf("%d of %d VPC(s) in %s (account %s) have no ssm interface endpoint: %s", [count(missing), count(input.resources.ec2_vpc), input.region, input.account_id, concat(", ", sort([v | some v in missing]))])

evidence := {"service_name": sprintf("com.amazonaws.%s.%s", [input.region, service]), "vpcs_without_endpoint": sort([v | some v in missing])}
