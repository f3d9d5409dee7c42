# METADATA
# title: Lambda functions use a supported runtime
# description: |
#   Deprecated runtimes no longer receive security patches for the language, its libraries or
#   the operating system underneath. The list below is the runtimes AWS Lambda supports (not
#   deprecated) as of early 2026; update it when AWS deprecates one. Functions packaged as
#   container images choose their runtime in the image and are not judged.
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/lambda-controls.html#lambda-2
#   - ref: https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html
# custom:
#   id: lambda_function_supported_runtime
#   severity: medium
#   scope: resource
#   resource_types: [lambda_function]
#   frameworks:
#     fsbp: [Lambda.2]
#   remediation: |
#     Port the code to a supported runtime and update the function
#     (aws lambda update-function-configuration --function-name NAME --runtime RUNTIME).
package stance.lambda.function_supported_runtime

supported_runtimes := {
	"nodejs24.x", "nodejs22.x", "nodejs20.x",
	"python3.14", "python3.13", "python3.12", "python3.11", "python3.10",
	"java25", "java21", "java17", "java11", "java8.al2",
	"dotnet10", "dotnet8",
	"ruby3.4", "ruby3.3", "ruby3.2",
	"provided.al2023", "provided.al2",
}

default compliant := false

not_applicable := "container image function (the runtime is part of the image)" if input.package_type == "Image"

compliant if input.runtime in supported_runtimes

message := sprintf("Lambda function %s uses the deprecated or unknown runtime %s", [input.function_name, input.runtime]) if {
	input.runtime
} else := sprintf("Lambda function %s has no recorded runtime", [input.function_name])
