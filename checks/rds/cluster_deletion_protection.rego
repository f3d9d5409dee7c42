# METADATA
# title: RDS DB clusters have deletion protection enabled
# description: |
#   Deletion protection makes a delete request on the cluster fail until someone deliberately
#   turns the setting off, guarding against accidental or malicious deletion of the database.
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-7
# custom:
#   id: rds_cluster_deletion_protection
#   severity: low
#   scope: resource
#   resource_types: [rds_db_cluster]
#   frameworks:
#     fsbp: [RDS.7]
#   remediation: |
#     aws rds modify-db-cluster --db-cluster-identifier ID --deletion-protection --apply-immediately
package stance.rds.cluster_deletion_protection

default compliant := false

compliant if input.deletion_protection == true

message := sprintf("DB cluster %s (%s) has deletion protection turned off", [input.db_cluster_identifier, input.engine])
