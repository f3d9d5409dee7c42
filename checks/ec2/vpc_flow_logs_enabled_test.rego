package stance.ec2.vpc_flow_logs_enabled_test

import data.stance.ec2.vpc_flow_logs_enabled as check

vpc(enabled, types) := {"meta": {"id": "v"}, "vpc_id": "vpc-1", "derived": {"flow_logs_enabled": enabled, "flow_log_traffic_types": types}}

test_pass_all_traffic if check.compliant with input as vpc(true, ["ALL"])

test_pass_reject if check.compliant with input as vpc(true, ["ACCEPT", "REJECT"])

test_fail_no_flow_logs if {
	not check.compliant with input as vpc(false, [])
	check.message == "VPC vpc-1 has no active flow log capturing rejected traffic" with input as vpc(false, [])
}

test_fail_accept_only if not check.compliant with input as vpc(true, ["ACCEPT"])
