# METADATA
# title: RDS DB instances are not publicly accessible
# description: |
#   A publicly accessible instance gets a DNS name that resolves to a public IP address, so
#   only its security group stands between the database and the internet. Keep databases
#   private and reach them through the VPC.
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-2
# custom:
#   id: rds_instance_not_publicly_accessible
#   severity: critical
#   scope: resource
#   resource_types: [rds_db_instance]
#   frameworks:
#     cis-aws-v3.0.0: ["2.3.3"]
#     cis-aws-v4.0.1: ["2.2.3"]
#     cis-aws-v5.0.0: ["2.2.3"]
#     fsbp: [RDS.2]
#   remediation: |
#     aws rds modify-db-instance --db-instance-identifier ID --no-publicly-accessible
#     --apply-immediately
package stance.rds.instance_not_publicly_accessible

default compliant := false

compliant if input.publicly_accessible == false

message := sprintf("DB instance %s (%s) is publicly accessible", [input.db_instance_identifier, input.engine])
