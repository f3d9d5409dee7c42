# METADATA
# title: SQS queues are encrypted at rest
# description: |
#   Server-side encryption (SQS-managed keys or a KMS key) protects message bodies stored in
#   the queue. With a customer-managed KMS key, the key policy adds a second access check.
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/sqs-controls.html#sqs-1
# custom:
#   id: sqs_queue_encrypted
#   severity: medium
#   scope: resource
#   resource_types: [sqs_queue]
#   frameworks:
#     fsbp: [SQS.1]
#   remediation: |
#     aws sqs set-queue-attributes --queue-url URL --attributes SqsManagedSseEnabled=true
#     (or KmsMasterKeyId=KEY for SSE-KMS).
package stance.sqs.queue_encrypted

import data.stance.lib.util

default compliant := false

compliant if input.sqs_managed_sse_enabled == true

compliant if input.kms_master_key_id != ""

message := sprintf("SQS queue %s is not encrypted at rest", [util.label(input)])
