# METADATA
# title: ECS Fargate services run on the latest Fargate platform version
# description: |
#   Fargate platform versions bundle the kernel and container runtime. Older versions miss
#   security fixes and features. Security Hub ECS.10 expects LATEST or 1.4.0 for Linux (1.0.0
#   for Windows, which the model cannot tell apart, so 1.0.0 is judged as an old Linux version).
#   A service without a recorded version uses LATEST.
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/ecs-controls.html#ecs-10
# custom:
#   id: ecs_service_fargate_latest_platform
#   severity: medium
#   scope: resource
#   resource_types: [ecs_service]
#   frameworks:
#     fsbp: [ECS.10]
#   remediation: |
#     aws ecs update-service --cluster CLUSTER --service NAME --platform-version LATEST
#     --force-new-deployment
package stance.ecs.service_fargate_latest_platform

import data.stance.lib.util

latest_versions := {"LATEST", "1.4.0"}

default compliant := false

not_applicable := sprintf("launch type %s (the control judges Fargate services)", [input.launch_type]) if {
	input.launch_type != "FARGATE"
}

# ECS applies LATEST when no platform version is given.
version := object.get(input, "platform_version", "LATEST")

compliant if version in latest_versions

message := sprintf("Fargate service %s runs on platform version %s instead of the latest (1.4.0)", [util.label(input), version])
