# METADATA
# title: GuardDuty EKS Audit Log Monitoring is enabled
# description: |
#   EKS Audit Log Monitoring analyses Kubernetes audit logs of EKS clusters to detect
#   suspicious API activity, such as anonymous access or privilege escalation inside the
#   cluster.
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/guardduty-controls.html#guardduty-5
# custom:
#   id: guardduty_eks_audit_logs
#   severity: high
#   scope: resource
#   resource_types: [guardduty_detector]
#   frameworks:
#     fsbp: [GuardDuty.5]
#   remediation: |
#     aws guardduty update-detector --detector-id ID --features
#     Name=EKS_AUDIT_LOGS,Status=ENABLED (from the delegated administrator for an organization).
package stance.guardduty.eks_audit_logs

default compliant := false

protected if {
	input.features.EKS_AUDIT_LOGS == "ENABLED"
}

compliant if {
	input.status == "ENABLED"
	protected
}

message := sprintf("GuardDuty detector %s in %s is suspended", [input.detector_id, input.meta.region]) if {
	input.status != "ENABLED"
} else := sprintf("GuardDuty detector %s in %s does not have EKS Audit Log Monitoring enabled", [input.detector_id, input.meta.region])

evidence := {"features": input.features, "runtime_agents": input.runtime_agents}
