# METADATA
# title: SQS queue policies do not grant access to everyone
# description: |
#   A queue policy that allows `*` without a condition narrowing the caller (source account,
#   source ARN, organization, VPC endpoint...) lets anyone send, read or delete messages, or
#   change the queue.
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/sqs-controls.html#sqs-3
# custom:
#   id: sqs_queue_not_public
#   severity: high
#   scope: resource
#   resource_types: [sqs_queue]
#   frameworks:
#     fsbp: [SQS.3]
#   remediation: |
#     Rewrite the queue policy (aws sqs set-queue-attributes --queue-url URL --attributes
#     Policy=...) to name specific principals, or add an aws:SourceArn / aws:SourceAccount /
#     aws:PrincipalOrgID condition to the statements that use "*".
package stance.sqs.queue_not_public

import data.stance.lib.util

default compliant := false

compliant if input.derived.policy.public == false

message := sprintf("SQS queue %s has a policy that grants %s to everyone", [util.label(input), concat(", ", input.derived.policy.public_actions)])

evidence := {"public_actions": input.derived.policy.public_actions}
