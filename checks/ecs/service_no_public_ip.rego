# METADATA
# title: ECS services do not assign public IP addresses
# description: |
#   Tasks that receive a public IP address are reachable from the internet through whatever
#   their security groups allow. Run tasks in private subnets and expose them through a load
#   balancer. The service is judged together with its task sets.
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/ecs-controls.html#ecs-2
# custom:
#   id: ecs_service_no_public_ip
#   severity: high
#   scope: resource
#   resource_types: [ecs_service]
#   frameworks:
#     fsbp: [ECS.2]
#   remediation: |
#     aws ecs update-service --cluster CLUSTER --service NAME --network-configuration
#     'awsvpcConfiguration={subnets=[PRIVATE_SUBNETS],securityGroups=[SG],assignPublicIp=DISABLED}'
package stance.ecs.service_no_public_ip

import data.stance.lib.util

default compliant := false

compliant if input.assign_public_ip == false

message := sprintf("ECS service %s assigns public IP addresses to its tasks", [util.label(input)])
