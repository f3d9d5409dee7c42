# METADATA
# title: ECS clusters use Container Insights
# description: |
#   Container Insights collects CPU, memory, network and restart metrics per cluster, service
#   and task, which is how unusual resource use (crypto-mining, crash loops) gets noticed.
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/ecs-controls.html#ecs-12
# custom:
#   id: ecs_cluster_container_insights
#   severity: medium
#   scope: resource
#   resource_types: [ecs_cluster]
#   frameworks:
#     fsbp: [ECS.12]
#   remediation: |
#     aws ecs update-cluster-settings --cluster NAME --settings name=containerInsights,value=enabled
#     (or value=enhanced).
package stance.ecs.cluster_container_insights

import data.stance.lib.util

default compliant := false

compliant if lower(input.container_insights) in {"enabled", "enhanced"}

message := sprintf("ECS cluster %s does not use Container Insights (%s)", [util.label(input), input.container_insights])
