# METADATA
# title: RDS Multi-AZ DB clusters apply minor engine upgrades automatically
# description: |
#   Minor engine versions carry security fixes. With automatic minor version upgrades the
#   Multi-AZ DB cluster and its instances receive them in the maintenance window. As in
#   Security Hub, Aurora clusters are not judged (their instances are, by RDS.13).
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-35
# custom:
#   id: rds_multi_az_cluster_auto_minor_version_upgrade
#   severity: medium
#   scope: resource
#   resource_types: [rds_db_cluster]
#   frameworks:
#     fsbp: [RDS.35]
#   remediation: |
#     aws rds modify-db-cluster --db-cluster-identifier ID --auto-minor-version-upgrade
#     --apply-immediately
package stance.rds.multi_az_cluster_auto_minor_version_upgrade

default compliant := false

not_applicable := sprintf("engine %s is not a Multi-AZ DB cluster engine (mysql, postgres)", [input.engine]) if {
	not input.engine in {"mysql", "postgres"}
}

compliant if input.auto_minor_version_upgrade == true

message := sprintf("Multi-AZ DB cluster %s (%s) does not apply minor version upgrades automatically", [input.db_cluster_identifier, input.engine])
