# METADATA
# title: Every VPC has flow logs enabled
# description: |
#   Flow logs record the traffic that reaches (and is rejected by) network interfaces in the
#   VPC. Without them, investigating an intrusion or exfiltration has no network evidence.
# custom:
#   id: ec2_vpc_flow_logs_enabled
#   severity: medium
#   scope: resource
#   resource_types: [ec2_vpc]
#   frameworks:
#     cis-aws-v3.0.0: ["3.7"]
#     cis-aws-v4.0.1: ["3.7"]
#     cis-aws-v5.0.0: ["3.7"]
#     fsbp: [EC2.6]
#   remediation: |
#     aws ec2 create-flow-logs --resource-type VPC --resource-ids VPC_ID --traffic-type REJECT
#     (or ALL) --log-destination-type cloud-watch-logs|s3 ...
package stance.ec2.vpc_flow_logs_enabled

default compliant := false

compliant if {
	input.derived.flow_logs_enabled == true
	some t in input.derived.flow_log_traffic_types
	t in {"REJECT", "ALL"}
}

message := sprintf("VPC %s has no active flow log capturing rejected traffic", [input.vpc_id])
