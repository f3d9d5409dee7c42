# METADATA
# title: RDS DB clusters use a non-default master user name
# description: |
#   Default administrator names (admin, postgres, root...) are the first ones guessed in
#   password attacks; a custom name removes half of the credential. As in Security Hub,
#   Neptune and DocumentDB clusters are not judged.
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-24
# custom:
#   id: rds_cluster_custom_admin_username
#   severity: medium
#   scope: resource
#   resource_types: [rds_db_cluster]
#   frameworks:
#     fsbp: [RDS.24]
#   remediation: |
#     The master user name cannot be changed: create a new cluster (or restore a snapshot) with a
#     custom --master-username, migrate clients, then delete the old cluster.
package stance.rds.cluster_custom_admin_username

default compliant := false

not_applicable := sprintf("engine %s is not judged by RDS.24", [input.engine]) if {
	input.engine in {"docdb", "neptune"}
} else := "no master user name recorded (for example a secondary cluster of a global database)" if {
	not input.master_username
}

compliant if {
	input.master_username
	input.derived.uses_default_master_username == false
}

message := sprintf("DB cluster %s uses the default master user name %q", [input.db_cluster_identifier, input.master_username])
