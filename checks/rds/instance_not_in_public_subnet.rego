# METADATA
# title: RDS DB instances are not in subnets routed to an internet gateway
# description: |
#   A subnet whose route table sends 0.0.0.0/0 or ::/0 to an internet gateway is public: one
#   PubliclyAccessible flag or security group change away from exposing the database. Place DB
#   subnet groups in private subnets only. Subnets missing from the inventory count as private.
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-46
# custom:
#   id: rds_instance_not_in_public_subnet
#   severity: high
#   scope: resource
#   resource_types: [rds_db_instance]
#   frameworks:
#     fsbp: [RDS.46]
#   remediation: |
#     Create a DB subnet group of private subnets (no internet gateway route) and move the
#     instance to it (aws rds modify-db-instance --db-subnet-group-name GROUP, in a new VPC if
#     needed), or remove the internet gateway routes from the subnets' route tables.
package stance.rds.instance_not_in_public_subnet

default compliant := false

compliant if input.derived.in_public_subnet == false

message := sprintf("DB instance %s is in a subnet whose route table sends 0.0.0.0/0 or ::/0 to an internet gateway", [input.db_instance_identifier])

evidence := {"subnet_ids": input.subnet_ids}
