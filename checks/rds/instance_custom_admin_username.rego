# METADATA
# title: RDS DB instances use a non-default master user name
# description: |
#   Default administrator names (admin, postgres, root, sa...) are the first ones guessed in
#   password attacks; a custom name removes half of the credential. As in Security Hub, Neptune
#   and DocumentDB are not judged, and instances of a DB cluster are judged on the cluster (RDS.24).
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-25
# custom:
#   id: rds_instance_custom_admin_username
#   severity: medium
#   scope: resource
#   resource_types: [rds_db_instance]
#   frameworks:
#     fsbp: [RDS.25]
#   remediation: |
#     The master user name cannot be changed: create a new instance (or restore a snapshot) with
#     a custom --master-username, migrate clients, then delete the old instance.
package stance.rds.instance_custom_admin_username

default compliant := false

not_applicable := sprintf("engine %s is not judged by RDS.25", [input.engine]) if {
	input.engine in {"docdb", "neptune"}
} else := sprintf("member of DB cluster %s; the master user is judged on the cluster", [input.db_cluster_identifier]) if {
	input.db_cluster_identifier
} else := "no master user name recorded (for example a read replica)" if {
	not input.master_username
}

compliant if {
	input.master_username
	input.derived.uses_default_master_username == false
}

message := sprintf("DB instance %s uses the default master user name %q", [input.db_instance_identifier, input.master_username])
