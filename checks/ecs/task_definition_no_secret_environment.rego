# METADATA
# title: ECS container environment variables do not carry secrets
# description: |
#   Plain environment variables are visible to anyone who can describe the task definition and
#   end up in logs and crash dumps. Pass credentials with the `secrets` parameter (Secrets
#   Manager or Parameter Store) instead. Security Hub ECS.8 looks for AWS_ACCESS_KEY_ID,
#   AWS_SECRET_ACCESS_KEY and ECS_ENGINE_AUTH_DATA; stance also flags names that look like
#   credentials (*PASSWORD*, *SECRET*, *TOKEN*, *API_KEY*...).
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/ecs-controls.html#ecs-8
# custom:
#   id: ecs_task_definition_no_secret_environment
#   severity: high
#   scope: resource
#   resource_types: [ecs_task_definition]
#   frameworks:
#     fsbp: [ECS.8]
#   remediation: |
#     Store the values in Secrets Manager or SSM Parameter Store and register a new task
#     definition revision that references them under "secrets" instead of "environment";
#     rotate any credential that was exposed.
package stance.ecs.task_definition_no_secret_environment

default compliant := false

compliant if count(input.derived.secret_like_environment_variables) == 0

message := sprintf("task definition %s:%d passes secret-looking environment variable(s) %s", [input.family, input.revision, concat(", ", input.derived.secret_like_environment_variables)])

evidence := {"variables": input.derived.secret_like_environment_variables}
