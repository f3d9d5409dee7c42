# METADATA
# title: GuardDuty EKS Runtime Monitoring with automated agent management is enabled
# description: |
#   EKS Runtime Monitoring observes operating-system events in EKS nodes and containers. With
#   automated agent management GuardDuty deploys and updates its security agent as an EKS
#   add-on, so new clusters are covered. Either the RUNTIME_MONITORING feature or the legacy
#   EKS_RUNTIME_MONITORING feature counts.
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/guardduty-controls.html#guardduty-7
# custom:
#   id: guardduty_eks_runtime_monitoring
#   severity: high
#   scope: resource
#   resource_types: [guardduty_detector]
#   frameworks:
#     fsbp: [GuardDuty.7]
#   remediation: |
#     aws guardduty update-detector --detector-id ID --features
#     'Name=RUNTIME_MONITORING,Status=ENABLED,AdditionalConfiguration=[{Name=EKS_ADDON_MANAGEMENT,Status=ENABLED}]'
package stance.guardduty.eks_runtime_monitoring

default compliant := false

protected if {
	some feature in ["RUNTIME_MONITORING", "EKS_RUNTIME_MONITORING"]
	input.features[feature] == "ENABLED"
	input.runtime_agents.EKS_ADDON_MANAGEMENT == "ENABLED"
}

compliant if {
	input.status == "ENABLED"
	protected
}

message := sprintf("GuardDuty detector %s in %s is suspended", [input.detector_id, input.meta.region]) if {
	input.status != "ENABLED"
} else := sprintf("GuardDuty detector %s in %s does not have EKS Runtime Monitoring with automated agent management enabled", [input.detector_id, input.meta.region])

evidence := {"features": input.features, "runtime_agents": input.runtime_agents}
