# METADATA
# title: RDS DB clusters use IAM database authentication
# description: |
#   With IAM database authentication, clients connect with short-lived tokens tied to IAM
#   identities instead of long-lived database passwords, and connections are encrypted.
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-12
# custom:
#   id: rds_cluster_iam_authentication
#   severity: medium
#   scope: resource
#   resource_types: [rds_db_cluster]
#   frameworks:
#     fsbp: [RDS.12]
#   remediation: |
#     aws rds modify-db-cluster --db-cluster-identifier ID --enable-iam-database-authentication
#     --apply-immediately
package stance.rds.cluster_iam_authentication

default compliant := false

compliant if input.iam_database_authentication_enabled == true

message := sprintf("DB cluster %s (%s) does not use IAM database authentication", [input.db_cluster_identifier, input.engine])
