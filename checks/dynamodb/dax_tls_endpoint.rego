# METADATA
# title: DAX clusters encrypt client connections with TLS
# description: |
#   A DAX cluster created with endpoint encryption NONE serves cached items in clear to its
#   clients. TLS endpoint encryption can only be chosen when the cluster is created.
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/dynamodb-controls.html#dynamodb-7
# custom:
#   id: dynamodb_dax_tls_endpoint
#   severity: medium
#   scope: resource
#   resource_types: [dax_cluster]
#   frameworks:
#     fsbp: [DynamoDB.7]
#   remediation: |
#     Create a new cluster with --cluster-endpoint-encryption-type TLS, move clients to its
#     daxs:// endpoint and delete the old cluster.
package stance.dynamodb.dax_tls_endpoint

import data.stance.lib.util

default compliant := false

compliant if input.endpoint_encryption_type == "TLS"

message := sprintf("DAX cluster %s does not encrypt client connections (endpoint encryption %s)", [util.label(input), input.endpoint_encryption_type])
