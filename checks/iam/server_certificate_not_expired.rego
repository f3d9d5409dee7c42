# METADATA
# title: No expired server certificates are stored in IAM
# description: |
#   An expired certificate left in IAM can be deployed by mistake to a load balancer or
#   CloudFront, breaking clients or weakening trust. Delete certificates once they expire.
# custom:
#   id: iam_server_certificate_not_expired
#   severity: low
#   scope: resource
#   resource_types: [iam_server_certificate]
#   frameworks:
#     cis-aws-v3.0.0: ["1.19"]
#     cis-aws-v4.0.1: ["1.19"]
#     cis-aws-v5.0.0: ["1.18"]
#   remediation: |
#     Make sure nothing still uses it, then aws iam delete-server-certificate
#     --server-certificate-name NAME. Prefer AWS Certificate Manager, which renews certificates.
package stance.iam.server_certificate_not_expired

import data.stance.lib.util

default compliant := false

compliant if input.derived.expired == false

message := sprintf("IAM server certificate %s expired on %s", [util.label(input), object.get(input, "expiration", "an unknown date")])
