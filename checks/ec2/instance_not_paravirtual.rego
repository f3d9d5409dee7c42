# METADATA
# title: EC2 instances use HVM rather than paravirtual virtualization
# description: |
#   Paravirtual (PV) instances run on previous-generation instance types and AMIs that no
#   longer receive the same hardware security features and updates as HVM.
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-24
# custom:
#   id: ec2_instance_not_paravirtual
#   severity: medium
#   scope: resource
#   resource_types: [ec2_instance]
#   frameworks:
#     fsbp: [EC2.24]
#   remediation: |
#     Migrate the workload to an HVM AMI on a current instance type and terminate the PV instance.
package stance.ec2.instance_not_paravirtual

default compliant := false

not_applicable := "the instance is terminated" if input.state == "terminated"

compliant if input.virtualization_type == "hvm"

message := sprintf("instance %s uses %s virtualization", [input.instance_id, input.virtualization_type]) if {
	input.virtualization_type != ""
} else := sprintf("instance %s has no recorded virtualization type", [input.instance_id])
