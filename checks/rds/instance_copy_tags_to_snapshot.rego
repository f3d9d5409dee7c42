# METADATA
# title: RDS DB instances copy their tags to snapshots
# description: |
#   Snapshots that inherit the instance's tags keep their owner, data classification and
#   tag-based access control, so they can be inventoried and protected like the database.
#   Instances of a DB cluster copy tags through the cluster setting and are judged there.
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-17
# custom:
#   id: rds_instance_copy_tags_to_snapshot
#   severity: low
#   scope: resource
#   resource_types: [rds_db_instance]
#   frameworks:
#     fsbp: [RDS.17]
#   remediation: |
#     aws rds modify-db-instance --db-instance-identifier ID --copy-tags-to-snapshot
#     --apply-immediately
package stance.rds.instance_copy_tags_to_snapshot

default compliant := false

not_applicable := sprintf("member of DB cluster %s; copying tags is a cluster setting", [input.db_cluster_identifier]) if input.db_cluster_identifier

compliant if input.copy_tags_to_snapshot == true

message := sprintf("DB instance %s does not copy its tags to snapshots", [input.db_instance_identifier])
