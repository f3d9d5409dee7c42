# METADATA
# title: RDS Proxies require TLS
# description: |
#   A proxy that requires TLS refuses unencrypted client connections, so database credentials
#   and data never cross the network in clear, whatever the client library defaults to.
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-43
# custom:
#   id: rds_proxy_requires_tls
#   severity: medium
#   scope: resource
#   resource_types: [rds_db_proxy]
#   frameworks:
#     fsbp: [RDS.43]
#   remediation: |
#     aws rds modify-db-proxy --db-proxy-name NAME --require-tls
package stance.rds.proxy_requires_tls

import data.stance.lib.util

default compliant := false

compliant if input.require_tls == true

message := sprintf("RDS Proxy %s (%s) does not require TLS", [util.label(input), input.engine_family])
