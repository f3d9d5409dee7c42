# METADATA
# title: VPC-attached Lambda functions use subnets in at least two Availability Zones
# description: |
#   A function attached to a VPC can only run where it has subnets. With subnets in one
#   Availability Zone, an outage of that zone stops the function. Zones are taken from the
#   subnets in the inventory; subnets missing from it do not count.
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/lambda-controls.html#lambda-5
# custom:
#   id: lambda_function_multi_az
#   severity: medium
#   scope: resource
#   resource_types: [lambda_function]
#   frameworks:
#     fsbp: [Lambda.5]
#   remediation: |
#     aws lambda update-function-configuration --function-name NAME --vpc-config
#     SubnetIds=SUBNET_AZ1,SUBNET_AZ2,SecurityGroupIds=SG
package stance.lambda.function_multi_az

minimum_zones := 2

default compliant := false

not_applicable := "the function is not attached to a VPC" if count(input.vpc_subnet_ids) == 0

compliant if count(input.derived.vpc_availability_zones) >= minimum_zones

message := sprintf("VPC-attached Lambda function %s runs in %d Availability Zone(s) (%s)", [input.function_name, count(input.derived.vpc_availability_zones), concat(", ", input.derived.vpc_availability_zones)])

evidence := {"subnet_ids": input.vpc_subnet_ids, "availability_zones": input.derived.vpc_availability_zones}
