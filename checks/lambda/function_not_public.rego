# METADATA
# title: Lambda function policies do not allow public access
# description: |
#   A resource-based policy that grants `*` without a condition narrowing the caller (source
#   account, source ARN, organization...) lets anyone invoke or manage the function. Grant
#   access to specific principals, and add aws:SourceAccount for service principals such as S3.
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/lambda-controls.html#lambda-1
# custom:
#   id: lambda_function_not_public
#   severity: critical
#   scope: resource
#   resource_types: [lambda_function]
#   frameworks:
#     fsbp: [Lambda.1]
#   remediation: |
#     Remove the public statement (aws lambda remove-permission --function-name NAME
#     --statement-id SID) and add it back with a specific --principal and --source-account or
#     --source-arn.
package stance.lambda.function_not_public

default compliant := false

compliant if input.derived.policy.public == false

message := sprintf("Lambda function %s has a resource policy that grants %s to everyone", [input.function_name, concat(", ", input.derived.policy.public_actions)])

evidence := {"public_actions": input.derived.policy.public_actions}
