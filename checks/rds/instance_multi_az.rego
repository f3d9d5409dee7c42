# METADATA
# title: RDS DB instances are deployed in multiple Availability Zones
# description: |
#   A Multi-AZ instance keeps a synchronous standby in another Availability Zone and fails over
#   automatically during an outage or maintenance. Instances that belong to a DB cluster get
#   their availability from the cluster and are judged there (RDS.15).
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-5
# custom:
#   id: rds_instance_multi_az
#   severity: medium
#   scope: resource
#   resource_types: [rds_db_instance]
#   frameworks:
#     cis-aws-v4.0.1: ["2.2.4"]
#     cis-aws-v5.0.0: ["2.2.4"]
#     fsbp: [RDS.5]
#   remediation: |
#     aws rds modify-db-instance --db-instance-identifier ID --multi-az --apply-immediately
package stance.rds.instance_multi_az

default compliant := false

not_applicable := sprintf("member of DB cluster %s; availability is judged on the cluster", [input.db_cluster_identifier]) if input.db_cluster_identifier

compliant if input.multi_az == true

message := sprintf("DB instance %s (%s) runs in a single Availability Zone", [input.db_instance_identifier, input.engine])
