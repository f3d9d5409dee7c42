package stance.guardduty.eks_runtime_monitoring_test

import data.stance.guardduty.eks_runtime_monitoring as check

detector(status, features, agents) := {
	"resource_type": "guardduty_detector",
	"meta": {"id": "arn:aws:guardduty:eu-west-1:111111111111:detector/12abc34d567e8fa901bc2d34e56789f0", "account_id": "111111111111", "region": "eu-west-1"},
	"detector_id": "12abc34d567e8fa901bc2d34e56789f0",
	"status": status,
	"features": features,
	"runtime_agents": agents,
}

test_pass_enabled if check.compliant with input as detector("ENABLED", {"RUNTIME_MONITORING": "ENABLED"}, {"EKS_ADDON_MANAGEMENT": "ENABLED"})

test_fail_feature_disabled if {
	d := detector("ENABLED", {"RUNTIME_MONITORING": "ENABLED"}, {"EKS_ADDON_MANAGEMENT": "DISABLED"})
	not check.compliant with input as d
	check.message == "GuardDuty detector 12abc34d567e8fa901bc2d34e56789f0 in eu-west-1 does not have EKS Runtime Monitoring with automated agent management enabled" with input as d
}

test_fail_feature_missing if not check.compliant with input as detector("ENABLED", {}, {})

test_fail_detector_suspended if {
	d := detector("DISABLED", {"RUNTIME_MONITORING": "ENABLED"}, {"EKS_ADDON_MANAGEMENT": "ENABLED"})
	not check.compliant with input as d
	check.message == "GuardDuty detector 12abc34d567e8fa901bc2d34e56789f0 in eu-west-1 is suspended" with input as d
}

test_pass_legacy_eks_feature if check.compliant with input as detector("ENABLED", {"EKS_RUNTIME_MONITORING": "ENABLED", "RUNTIME_MONITORING": "DISABLED"}, {"EKS_ADDON_MANAGEMENT": "ENABLED"})

test_fail_agent_without_feature if not check.compliant with input as detector("ENABLED", {"RUNTIME_MONITORING": "DISABLED"}, {"EKS_ADDON_MANAGEMENT": "ENABLED"})
