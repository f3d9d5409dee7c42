# METADATA
# title: RDS DB clusters are deployed in multiple Availability Zones
# description: |
#   A cluster with instances in more than one Availability Zone fails over to another zone
#   during an outage or maintenance. Security Hub judges the cluster's MultiAZ property, which
#   Aurora sets once a replica runs in a second zone.
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-15
# custom:
#   id: rds_cluster_multi_az
#   severity: medium
#   scope: resource
#   resource_types: [rds_db_cluster]
#   frameworks:
#     cis-aws-v4.0.1: ["2.2.4"]
#     cis-aws-v5.0.0: ["2.2.4"]
#     fsbp: [RDS.15]
#   remediation: |
#     Add a reader instance in another Availability Zone (aws rds create-db-instance
#     --db-cluster-identifier ID --availability-zone AZ ...).
package stance.rds.cluster_multi_az

default compliant := false

compliant if input.multi_az == true

message := sprintf("DB cluster %s (%s) is not Multi-AZ", [input.db_cluster_identifier, input.engine])
