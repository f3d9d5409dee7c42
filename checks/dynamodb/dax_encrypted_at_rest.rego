# METADATA
# title: DAX clusters are encrypted at rest
# description: |
#   DAX caches table items on its nodes. Encryption at rest protects the cached data, its
#   configuration and logs on the nodes' storage. It can only be chosen when the cluster is
#   created.
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/dynamodb-controls.html#dynamodb-3
# custom:
#   id: dynamodb_dax_encrypted_at_rest
#   severity: medium
#   scope: resource
#   resource_types: [dax_cluster]
#   frameworks:
#     fsbp: [DynamoDB.3]
#   remediation: |
#     Create a new cluster with --sse-specification Enabled=true, point clients at it and delete
#     the unencrypted cluster.
package stance.dynamodb.dax_encrypted_at_rest

import data.stance.lib.util

default compliant := false

compliant if input.sse_enabled == true

message := sprintf("DAX cluster %s is not encrypted at rest", [util.label(input)])
