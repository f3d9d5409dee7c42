//! Live collection end to end: the real AWS SDK over HTTP against moto_server, seeded with a
//! two-account, two-region scenario (account A compliant, account B misconfigured) through
//! assume-role. Checks the collected model, the verdicts check by check, coverage gaps for
//! what moto lacks, the API-call count, and that the scan sends only read-only calls.

//! Live collection end to end: the real AWS SDK over HTTP against moto_server, seeded with a
//! two-account, two-region scenario (account A compliant, account B misconfigured) through
//! assume-role. Checks the collected model, the verdicts check by check (every check of the
//! catalogue is either asserted PASS in A and FAIL in B, or listed with the reason moto cannot
//! decide it), the same verdicts service by service through `--framework`/`--select`, coverage
//! gaps for what moto lacks, the API-call count, and that the scan sends only read-only calls.
//!
//! The A/B scenario is started and seeded once per test binary and shared by the tests that
//! only read it (tests/support/shared_moto.rs).

mod common;
#[path = "support/moto.rs"]
mod moto;
#[path = "support/shared_moto.rs"]
mod shared_moto;

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::OnceLock;

use common::*;
use moto::aws_env;
use serde_json::Value;
use shared_moto::SharedMoto;

const A: &str = "111111111111";
const B: &str = "222222222222";
const ACCOUNTS: &str = "111111111111,222222222222";
const REGIONS: &str = "us-east-1,eu-west-1";

/// What a row of [`PASS_IN_A_FAIL_IN_B`] asserts. B, the misconfigured account, always has at
/// least one FAIL; the variants say what A, the compliant account, must show.
#[derive(Clone, Copy, Debug)]
enum Expect {
    /// Every result in A is PASS.
    AllPass,
    /// A has at least one PASS and otherwise only NOT_APPLICABLE: the check does not apply to
    /// some of A's resources (a non-default security group, an instance of another engine).
    PassOrNotApplicable,
    /// Only the resources whose id contains `a` (in A) and `b` (in B, "" for all) are judged:
    /// A's other resources hit a moto limitation (see the comment on the row).
    On { a: &'static str, b: &'static str },
}

use Expect::On;
const ALL: Expect = Expect::AllPass;
const PASS_OR_NA: Expect = Expect::PassOrNotApplicable;

/// Checks whose verdict the scenario fixes: PASS in the compliant account A, FAIL in the
/// misconfigured account B (tests/support/seed_scenario.py seeds both).
#[rustfmt::skip]
const PASS_IN_A_FAIL_IN_B: &[(&str, Expect)] = &[
    ("account_security_contact_registered", ALL),
    ("cloudtrail_kms_encryption_enabled", ALL),
    ("cloudtrail_log_file_validation_enabled", ALL),
    ("cloudtrail_multi_region_trail_enabled", ALL),
    ("cloudtrail_s3_bucket_access_logging", ALL),
    ("cloudtrail_s3_data_events_read", ALL),
    ("cloudtrail_s3_data_events_write", ALL),
    ("cloudwatch_monitor_cloudtrail_configuration_changes", ALL),
    ("cloudwatch_monitor_cmk_disable_or_scheduled_deletion", ALL),
    ("cloudwatch_monitor_config_changes", ALL),
    ("cloudwatch_monitor_console_authentication_failures", ALL),
    ("cloudwatch_monitor_console_signin_without_mfa", ALL),
    ("cloudwatch_monitor_iam_policy_changes", ALL),
    ("cloudwatch_monitor_nacl_changes", ALL),
    ("cloudwatch_monitor_network_gateway_changes", ALL),
    ("cloudwatch_monitor_organizations_changes", ALL),
    ("cloudwatch_monitor_root_account_usage", ALL),
    ("cloudwatch_monitor_route_table_changes", ALL),
    ("cloudwatch_monitor_s3_bucket_policy_changes", ALL),
    ("cloudwatch_monitor_security_group_changes", ALL),
    ("cloudwatch_monitor_unauthorized_api_calls", ALL),
    ("cloudwatch_monitor_vpc_changes", ALL),
    ("config_recorder_enabled", ALL),
    ("dynamodb_dax_encrypted_at_rest", ALL),
    ("dynamodb_dax_tls_endpoint", ALL),
    ("dynamodb_table_capacity_scaling", ALL),
    ("dynamodb_table_deletion_protection", ALL),
    ("dynamodb_table_point_in_time_recovery", ALL),
    ("ec2_default_security_group_closed", PASS_OR_NA),
    ("ec2_ebs_encryption_by_default", ALL),
    ("ec2_instance_imdsv2_required", ALL),
    ("ec2_instance_no_public_ip", ALL),
    ("ec2_instance_single_eni", ALL),
    ("ec2_instance_uses_instance_profile", ALL),
    ("ec2_launch_template_ebs_encrypted", ALL),
    ("ec2_launch_template_imdsv2", ALL),
    ("ec2_launch_template_no_public_ip", ALL),
    ("ec2_network_acl_in_use", PASS_OR_NA),
    ("ec2_network_acl_no_admin_ports", ALL),
    ("ec2_network_interface_source_dest_check", ALL),
    ("ec2_route_table_peering_least_access", PASS_OR_NA),
    ("ec2_security_group_authorized_ports", PASS_OR_NA),
    ("ec2_security_group_no_admin_ports_ipv4", ALL),
    ("ec2_security_group_no_admin_ports_ipv6", ALL),
    ("ec2_security_group_no_cifs_to_world", ALL),
    ("ec2_security_group_no_high_risk_ports", ALL),
    ("ec2_snapshot_not_public", ALL),
    ("ec2_subnet_no_auto_public_ip", ALL),
    ("ec2_transit_gateway_no_auto_accept", ALL),
    ("ec2_volume_encrypted", PASS_OR_NA),
    ("ec2_vpc_endpoint_ec2", ALL),
    ("ec2_vpc_endpoint_ecr_api", ALL),
    ("ec2_vpc_endpoint_ecr_dkr", ALL),
    ("ec2_vpc_endpoint_ssm", ALL),
    ("ec2_vpc_endpoint_ssm_contacts", ALL),
    ("ec2_vpc_endpoint_ssm_incidents", ALL),
    ("ec2_vpc_flow_logs_enabled", ALL),
    ("ecr_repository_image_scanning", ALL),
    ("ecr_repository_lifecycle_policy", ALL),
    ("ecr_repository_tag_immutability", ALL),
    ("ecs_cluster_container_insights", ALL),
    ("ecs_service_fargate_latest_platform", ALL),
    ("ecs_service_no_public_ip", ALL),
    ("ecs_task_definition_host_mode_user", PASS_OR_NA),
    ("ecs_task_definition_logging", ALL),
    ("ecs_task_definition_no_host_pid", ALL),
    ("ecs_task_definition_no_secret_environment", ALL),
    ("ecs_task_definition_not_privileged", ALL),
    ("ecs_task_definition_readonly_root", ALL),
    ("efs_access_point_posix_user", ALL),
    ("efs_access_point_root_directory", ALL),
    ("efs_automatic_backups", ALL),
    ("efs_file_system_encrypted", ALL),
    ("efs_mount_targets_not_public", ALL),
    ("elb_access_logs_enabled", ALL),
    ("elb_alb_desync_mitigation", ALL),
    ("elb_alb_drops_invalid_headers", ALL),
    ("elb_alb_http_redirects_to_https", ALL),
    ("elb_classic_acm_certificate", ALL),
    ("elb_classic_connection_draining", ALL),
    ("elb_classic_cross_zone", ALL),
    ("elb_classic_desync_mitigation", ALL),
    ("elb_classic_listeners_encrypted", ALL),
    ("elb_classic_multi_az", ALL),
    ("elb_classic_strong_tls_policy", ALL),
    ("elb_deletion_protection", ALL),
    ("elb_v2_listeners_encrypted", ALL),
    ("elb_v2_multi_az", ALL),
    ("elb_v2_recommended_tls_policy", ALL),
    ("guardduty_ec2_runtime_agent", ALL),
    ("guardduty_ecs_fargate_runtime_agent", ALL),
    ("guardduty_eks_audit_logs", ALL),
    ("guardduty_eks_runtime_monitoring", ALL),
    ("guardduty_enabled", ALL),
    ("guardduty_lambda_protection", ALL),
    ("guardduty_malware_protection", ALL),
    ("guardduty_rds_protection", ALL),
    ("guardduty_runtime_monitoring", ALL),
    ("guardduty_s3_protection", ALL),
    ("iam_cloudshell_full_access_not_attached", ALL),
    ("iam_password_policy_min_length", ALL),
    ("iam_password_policy_reuse_prevention", ALL),
    ("iam_password_policy_strong", ALL),
    ("iam_policy_no_full_admin", PASS_OR_NA),
    ("iam_policy_no_wildcard_service_actions", PASS_OR_NA),
    ("iam_support_role_exists", ALL),
    ("iam_user_console_mfa", PASS_OR_NA),
    ("iam_user_no_direct_policies", ALL),
    ("iam_user_no_unused_initial_access_keys", PASS_OR_NA),
    ("iam_user_single_active_access_key", ALL),
    ("kms_iam_policy_no_decrypt_all_keys", PASS_OR_NA),
    ("kms_inline_policy_no_decrypt_all_keys", ALL),
    ("kms_key_not_pending_deletion", ALL),
    ("kms_key_policy_not_public", ALL),
    ("kms_key_rotation_enabled", ALL),
    ("lambda_function_multi_az", ALL),
    ("lambda_function_not_public", ALL),
    ("lambda_function_supported_runtime", ALL),
    ("rds_aurora_cluster_copy_tags_to_snapshot", PASS_OR_NA),
    // Other clusters use default parameter groups, which moto cannot describe (a gap).
    ("rds_aurora_mysql_audit_logging_enabled", On { a: "stance-aurora-mysql", b: "legacy-aurora-mysql" }),
    ("rds_aurora_mysql_audit_logs_exported", PASS_OR_NA),
    ("rds_aurora_mysql_backtracking", PASS_OR_NA),
    ("rds_aurora_postgres_cluster_logs_exported", PASS_OR_NA),
    ("rds_cluster_custom_admin_username", ALL),
    ("rds_cluster_deletion_protection", ALL),
    // moto rejects IAM authentication on Multi-AZ DB clusters, so A's two fail.
    ("rds_cluster_iam_authentication", On { a: ":cluster:stance-aurora", b: "" }),
    // moto derives a cluster's zones from member instances; Multi-AZ DB clusters get none.
    ("rds_cluster_multi_az", On { a: ":cluster:stance-aurora", b: "" }),
    ("rds_cluster_storage_encrypted", ALL),
    ("rds_event_subscription_cluster_events", PASS_OR_NA),
    ("rds_event_subscription_instance_events", PASS_OR_NA),
    ("rds_event_subscription_parameter_group_events", PASS_OR_NA),
    ("rds_event_subscription_security_group_events", PASS_OR_NA),
    ("rds_instance_auto_minor_version_upgrade", ALL),
    ("rds_instance_backups_enabled", ALL),
    ("rds_instance_copy_tags_to_snapshot", PASS_OR_NA),
    ("rds_instance_custom_admin_username", PASS_OR_NA),
    ("rds_instance_deletion_protection", PASS_OR_NA),
    ("rds_instance_iam_authentication", PASS_OR_NA),
    ("rds_instance_logs_exported", PASS_OR_NA),
    ("rds_instance_multi_az", PASS_OR_NA),
    ("rds_instance_not_in_public_subnet", ALL),
    ("rds_instance_not_publicly_accessible", ALL),
    ("rds_instance_storage_encrypted", ALL),
    ("rds_mariadb_instance_logs_exported", PASS_OR_NA),
    ("rds_mariadb_instance_secure_transport", PASS_OR_NA),
    ("rds_multi_az_cluster_auto_minor_version_upgrade", PASS_OR_NA),
    ("rds_mysql_cluster_copy_tags_to_snapshot", PASS_OR_NA),
    ("rds_no_default_port", PASS_OR_NA),
    ("rds_postgres_cluster_copy_tags_to_snapshot", PASS_OR_NA),
    ("rds_postgres_instance_logs_exported", PASS_OR_NA),
    ("rds_proxy_requires_tls", ALL),
    ("rds_snapshot_encrypted", ALL),
    ("rds_snapshot_not_public", ALL),
    ("rds_sqlserver_instance_force_ssl", PASS_OR_NA),
    ("rds_sqlserver_instance_logs_exported", PASS_OR_NA),
    ("s3_account_public_access_block", ALL),
    ("s3_bucket_access_logging_enabled", ALL),
    ("s3_bucket_acls_disabled", ALL),
    ("s3_bucket_lifecycle_configured", ALL),
    ("s3_bucket_no_cross_account_risky_actions", ALL),
    ("s3_bucket_no_public_read", ALL),
    ("s3_bucket_no_public_write", ALL),
    ("s3_bucket_public_access_block", ALL),
    ("s3_bucket_requires_tls", ALL),
    ("secretsmanager_rotation_enabled", ALL),
    ("securityhub_hub_enabled", ALL),
    ("sns_topic_policy_not_public", ALL),
    ("sqs_queue_encrypted", ALL),
    ("sqs_queue_not_public", ALL),
];

/// Checks moto cannot decide, with the reason: an API moto lacks or answers without the data,
/// or a state that needs time to pass (dates moto stamps with the current time). Every check
/// of the catalogue is either here or in [`PASS_IN_A_FAIL_IN_B`].
const NOT_DECIDABLE_ON_MOTO: &[(&str, &str)] = &[
    (
        "cloudtrail_cloudwatch_logs_enabled",
        "moto's GetTrailStatus has no LatestCloudWatchLogsDeliveryTime: no trail shows a recent delivery",
    ),
    (
        "ec2_client_vpn_connection_logging",
        "moto lacks DescribeClientVpnEndpoints (a gap: NOT_EVALUATED)",
    ),
    (
        "ec2_instance_not_paravirtual",
        "without its default AMIs (the launcher turns them off) moto launches every instance paravirtual, and RegisterImage ignores VirtualizationType",
    ),
    (
        "ec2_instance_not_stopped_long",
        "moto dates a stop now: no instance can have been stopped for 30 days",
    ),
    (
        "ec2_vpc_block_public_access",
        "moto lacks DescribeVpcBlockPublicAccessOptions (a gap: NOT_EVALUATED)",
    ),
    (
        "ec2_vpn_tunnel_logging",
        "moto's VPN connections carry no VgwTelemetry or TunnelOptions",
    ),
    (
        "ec2_vpn_tunnels_up",
        "moto's VPN connections carry no VgwTelemetry or TunnelOptions",
    ),
    (
        "iam_access_analyzer_enabled",
        "moto has no IAM Access Analyzer (a gap: NOT_EVALUATED)",
    ),
    (
        "iam_root_hardware_mfa",
        "the root user has no MFA in moto and none can be enabled through the API",
    ),
    (
        "iam_root_mfa_enabled",
        "the root user has no MFA in moto and none can be enabled through the API",
    ),
    (
        "iam_root_no_access_keys",
        "the root user cannot be given access keys in moto (no root row in its credential report)",
    ),
    (
        "iam_root_not_used_recently",
        "the root user cannot sign in or use keys in moto (no root row in its credential report)",
    ),
    (
        "iam_server_certificate_not_expired",
        "moto reports every server certificate as expiring in 2012: none can pass",
    ),
    (
        "iam_user_access_key_rotated",
        "moto dates access keys now: none is older than 90 days",
    ),
    (
        "iam_user_credentials_used_within_45_days",
        "moto dates passwords and keys now and cannot backdate their last use",
    ),
    (
        "iam_user_credentials_used_within_90_days",
        "moto dates passwords and keys now and cannot backdate their last use",
    ),
    (
        "rds_instance_enhanced_monitoring",
        "moto drops MonitoringInterval: every DB instance reports 0",
    ),
    (
        "s3_access_point_public_access_block",
        "moto's ListAccessPoints answer does not parse in the AWS SDK (a gap: NOT_EVALUATED)",
    ),
    (
        "s3_bucket_mfa_delete_enabled",
        "moto never stores MFA delete on a bucket",
    ),
    (
        "secretsmanager_rotated_recently",
        "moto dates secrets and rotations now: none is 90 days stale",
    ),
    (
        "secretsmanager_rotation_on_schedule",
        "moto dates secrets and rotations now: no rotation can be overdue",
    ),
    (
        "secretsmanager_secret_in_use",
        "moto dates secrets and accesses now: none is 90 days unused",
    ),
];

/// The shared A/B scenario.
fn scenario() -> &'static SharedMoto {
    shared_moto::shared(ACCOUNTS, REGIONS)
}

/// The check catalogue, `stance checks list --format json`.
fn catalogue() -> &'static [Value] {
    static CATALOGUE: OnceLock<Vec<Value>> = OnceLock::new();
    CATALOGUE.get_or_init(|| {
        let out = run(stance().args(["checks", "list", "--format", "json"]));
        assert!(out.status.success(), "{}", stderr(&out));
        serde_json::from_slice(&out.stdout).expect("the catalogue is a JSON array")
    })
}

/// The catalogue entry of a check.
fn catalogue_entry(check: &str) -> &'static Value {
    catalogue()
        .iter()
        .find(|c| c["id"] == check)
        .unwrap_or_else(|| panic!("{check} is not in the catalogue"))
}

/// The service of a check: its directory under checks/.
fn service_of(check: &str) -> String {
    let file = catalogue_entry(check)["file"].as_str().unwrap();
    file.split('/').nth(1).unwrap().to_string()
}

/// The statuses of `check` in `account` on the resources whose id contains `resource`.
fn statuses_on(doc: &Value, check: &str, account: &str, resource: &str) -> BTreeSet<String> {
    results_of(doc, check)
        .into_iter()
        .filter(|r| r["resource"]["account_id"] == account)
        .filter(|r| {
            r["resource"]["id"]
                .as_str()
                .is_some_and(|id| id.contains(resource))
        })
        .map(|r| r["status"].as_str().unwrap().to_string())
        .collect()
}

/// The rows whose verdicts in `doc` are not what the row expects.
fn wrong_verdicts(doc: &Value, rows: &[(&str, Expect)]) -> Vec<String> {
    let mut wrong = Vec::new();
    for &(check, expect) in rows {
        let (a_filter, b_filter) = match expect {
            On { a, b } => (a, b),
            _ => ("", ""),
        };
        let a = statuses_on(doc, check, A, a_filter);
        let b = statuses_on(doc, check, B, b_filter);
        let a_ok = match expect {
            Expect::AllPass | On { .. } => a.len() == 1 && a.contains("PASS"),
            Expect::PassOrNotApplicable => {
                a.contains("PASS") && a.iter().all(|s| s == "PASS" || s == "NOT_APPLICABLE")
            }
        };
        if !(a_ok && b.contains("FAIL")) {
            wrong.push(format!("{check} ({expect:?}): A {a:?} B {b:?}"));
        }
    }
    wrong
}

/// A scan of the shared scenario with `extra` arguments, written as JSON to `out`.
fn scan_scenario(extra: &[&str], out: &Path) -> Value {
    let moto = scenario();
    let o = run(moto::live_scan(&moto.endpoint(), ACCOUNTS, REGIONS)
        .args(extra)
        .arg("-o")
        .arg(format!("json={}", out.display())));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    read_json(out)
}

/// Maps an SDK operation (`service:Operation` as stance counts it) to its IAM action.
fn iam_action(op: &str) -> String {
    let (service, name) = op.split_once(':').unwrap();
    let prefix = match service {
        "elb" | "elbv2" => "elasticloadbalancing",
        "efs" => "elasticfilesystem",
        "accessanalyzer" => "access-analyzer",
        "s3control" => "s3",
        other => other,
    };
    let name = match (service, name) {
        // S3 and S3 Control operations whose IAM action is named differently from the API.
        ("s3control", "GetPublicAccessBlock") => "GetAccountPublicAccessBlock",
        ("s3", "GetPublicAccessBlock") => "GetBucketPublicAccessBlock",
        ("s3", "GetBucketEncryption") => "GetEncryptionConfiguration",
        ("s3", "GetBucketLifecycleConfiguration") => "GetLifecycleConfiguration",
        ("s3", "GetObjectLockConfiguration") => "GetBucketObjectLockConfiguration",
        ("s3", "ListBuckets") => "ListAllMyBuckets",
        (_, other) => other,
    };
    format!("{prefix}:{name}")
}

/// Asserts that every operation a scan counted (`STANCE_RECORD_OPERATIONS` lines on its
/// stderr) is a read-only action listed in docs/iam-policy.json; returns the IAM actions.
fn assert_actions_read_only_and_in_policy(scan_stderr: &str) -> BTreeSet<String> {
    let policy: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("docs/iam-policy.json")).unwrap(),
    )
    .unwrap();
    let allowed: BTreeSet<String> = policy["Statement"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| {
            s["Action"]
                .as_array()
                .unwrap()
                .iter()
                .map(|a| a.as_str().unwrap().to_string())
        })
        .collect();
    let used: BTreeSet<String> = scan_stderr
        .lines()
        .filter_map(|l| l.strip_prefix("stance-operation "))
        .filter_map(|l| l.split_whitespace().next())
        .map(iam_action)
        .collect();
    for action in &used {
        let name = action.split_once(':').unwrap().1;
        let read = ["List", "Describe", "Get"]
            .iter()
            .any(|p| name.starts_with(p))
            || action == "iam:GenerateCredentialReport";
        assert!(read, "{action} is not a read-only action");
        assert!(
            allowed.contains(action),
            "{action} is used but missing from docs/iam-policy.json"
        );
    }
    used
}

#[test]
fn live_scan_of_a_seeded_multi_account_moto() {
    let moto = scenario();
    let dir = tempfile::tempdir().unwrap();
    let offset = moto.log_offset();

    // The scan, as a user runs it.
    let json = dir.path().join("live.json");
    let out = run(aws_env(&mut stance())
        .env("STANCE_RECORD_OPERATIONS", "1")
        .args([
            "scan",
            "--endpoint-url",
            &moto.endpoint(),
            "--accounts",
            ACCOUNTS,
            "--role-name",
            "StanceAudit",
            "--regions",
            REGIONS,
            "--fail-on",
            "new",
        ])
        .arg("-o")
        .arg(format!("json={}", json.display())));
    assert_eq!(
        out.status.code(),
        Some(1),
        "new findings (no baseline) exit 1: {}",
        stderr(&out)
    );
    let scan_stderr = stderr(&out);
    let doc = read_json(&json);
    assert_eq!(doc["scan"]["accounts"], serde_json::json!([A, B]));
    assert_eq!(
        doc["scan"]["regions"],
        serde_json::json!(["eu-west-1", "us-east-1"])
    );
    let calls = doc["scan"]["api_calls"].as_u64().unwrap();
    assert!(calls > 100 && calls < 1_000, "{calls} API calls");

    // Verdicts, check by check: compliant account passes, misconfigured account fails.
    let wrong = wrong_verdicts(&doc, PASS_IN_A_FAIL_IN_B);
    assert!(
        wrong.is_empty(),
        "unexpected verdicts ({} of {} rows):\n{}",
        wrong.len(),
        PASS_IN_A_FAIL_IN_B.len(),
        wrong.join("\n")
    );
    // Both regions of both accounts were judged for a region-scope check.
    let config: Vec<&Value> = results_of(&doc, "config_recorder_enabled");
    assert_eq!(config.len(), 4);

    // What moto lacks is a gap, reported and carried into the verdicts, and the rest of the
    // scan completes: Access Analyzer does not exist in moto.
    let gaps = doc["gaps"].as_array().unwrap();
    for account in [A, B] {
        for region in ["us-east-1", "eu-west-1"] {
            assert!(
                gaps.iter().any(|g| g["account_id"] == account
                    && g["region"] == region
                    && g["service"] == "accessanalyzer"
                    && g["operation"] == "ListAnalyzers"),
                "no Access Analyzer gap for {account} {region}"
            );
        }
    }
    for r in results_of(&doc, "iam_access_analyzer_enabled") {
        assert_eq!(r["status"], "NOT_EVALUATED", "{r}");
        assert!(
            r["message"]
                .as_str()
                .unwrap()
                .contains("accessanalyzer ListAnalyzers"),
            "{r}"
        );
    }
    // A gap about a detail blanks only that detail: Security Hub is known enabled in A even
    // though moto lacks GetEnabledStandards.
    for r in results_of(&doc, "securityhub_hub_enabled")
        .into_iter()
        .filter(|r| r["resource"]["account_id"] == A)
    {
        assert_eq!(r["status"], "PASS", "{r}");
    }

    // Read-only: every request moto received during the scan was a read. (Tests sharing the
    // scenario may scan at the same time: their requests are stance's too.)
    let scan_log = dir.path().join("scan-requests.jsonl");
    moto.log_since(offset, &scan_log);
    let recorded = moto::recorded_requests(&scan_log);
    assert_eq!(recorded.mutating, Vec::<String>::new(), "mutating calls");
    let requests = recorded.total;
    assert!(
        requests >= calls,
        "moto saw {requests} requests for {calls} counted calls"
    );
    let used = assert_actions_read_only_and_in_policy(&scan_stderr);
    assert!(used.len() > 50, "{used:?}");
    eprintln!(
        "read-only: {requests} requests recorded by moto, 0 mutating; {} distinct IAM actions used, all read-only and all in docs/iam-policy.json",
        used.len()
    );
}

/// `--org`: the accounts come from AWS Organizations (the ACTIVE ones: a closed account is
/// skipped), each member is reached through the default `OrganizationAccountAccessRole`, and
/// the discovery is as read-only as the rest of the scan. Its own moto: an organization in the
/// shared scenario would change the other tests' accounts.
#[test]
fn org_scan_discovers_the_active_accounts_and_stays_read_only() {
    let moto = moto::Moto::start();
    let seeded = moto::support_script(
        "seed_org.py",
        ["--endpoint", &moto.endpoint(), "--members", "3"],
    );
    let org: Value = serde_json::from_slice(&seeded).unwrap();
    let management = org["management"].as_str().unwrap();
    let mut expected: Vec<&str> = org["active"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap())
        .collect();
    expected.push(management);
    expected.sort();
    assert_eq!(expected.len(), 3);
    let suspended = org["suspended"][0].as_str().unwrap();

    let dir = tempfile::tempdir().unwrap();
    let json = dir.path().join("org.json");
    let offset = moto.log_offset();
    let out = run(aws_env(&mut stance())
        .env("STANCE_RECORD_OPERATIONS", "1")
        .args([
            "scan",
            "--org",
            "--endpoint-url",
            &moto.endpoint(),
            "--regions",
            "us-east-1",
            "--fail-on",
            "never",
        ])
        .arg("-o")
        .arg(format!("json={}", json.display())));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let doc = read_json(&json);
    assert_eq!(doc["scan"]["accounts"], serde_json::json!(expected));
    for account in &expected {
        let root_mfa: Vec<&Value> = results_of(&doc, "iam_root_mfa_enabled")
            .into_iter()
            .filter(|r| r["resource"]["account_id"] == *account)
            .collect();
        assert_eq!(root_mfa.len(), 1, "{account} was not scanned");
    }
    assert!(
        !doc.to_string().contains(suspended),
        "the closed account {suspended} was scanned"
    );
    let gaps = doc["gaps"].as_array().unwrap();
    assert!(
        !gaps.iter().any(|g| g["service"] == "sts"),
        "a member account was not reached: {gaps:?}"
    );

    let log = dir.path().join("org-requests.jsonl");
    moto.log_since(offset, &log);
    let recorded = moto::recorded_requests(&log);
    assert_eq!(recorded.mutating, Vec::<String>::new());
    let count = |action: &str| recorded.counts.get(action).copied().unwrap_or(0);
    assert_eq!(count("organizations:ListAccounts"), 1);
    assert_eq!(count("sts:AssumeRole"), 2, "one role per member account");
    let used = assert_actions_read_only_and_in_policy(&stderr(&out));
    assert!(used.contains("organizations:ListAccounts"), "{used:?}");
}

#[test]
fn inventory_snapshot_holds_the_collected_model() {
    let moto = scenario();
    let dir = tempfile::tempdir().unwrap();
    let m = &moto.manifest;
    let snap = dir.path().join("snapshot.json");
    let out = run(aws_env(&mut stance())
        .args([
            "inventory",
            "--endpoint-url",
            &moto.endpoint(),
            "--accounts",
            ACCOUNTS,
            "--role-name",
            "StanceAudit",
            "--regions",
            REGIONS,
            "-o",
        ])
        .arg(&snap));
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("API calls"), "{}", stderr(&out));
    let inv = read_json(&snap);
    assert_eq!(inv["schema_version"], 1);
    let find = |account: &str, region: &str, ty: &str| -> Vec<Value> {
        inv["accounts"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|a| a["account_id"] == account)
            .flat_map(|a| a["regions"].as_array().unwrap().iter())
            .filter(|r| r["region"] == region)
            .flat_map(|r| r["resources"].as_array().unwrap().iter())
            .filter(|r| r["resource_type"] == ty)
            .cloned()
            .collect()
    };
    // Password policy: strong in A, weak in B.
    let pa = &find(A, "global", "iam_password_policy")[0];
    assert_eq!(pa["exists"], true);
    assert!(pa["minimum_password_length"].as_u64().unwrap() >= 14);
    assert_eq!(pa["password_reuse_prevention"], 24);
    // Console user with MFA in A (virtual device), no MFA in B.
    let alice = find(A, "global", "iam_user")
        .into_iter()
        .find(|u| u["meta"]["name"] == "alice")
        .unwrap();
    assert_eq!(alice["password_enabled"], true);
    assert_eq!(alice["mfa_devices"][0]["virtual_device"], true);
    // Every VPC of A has an active flow log; the security group id the scenario emptied is empty.
    for region in ["us-east-1", "eu-west-1"] {
        for vpc in find(A, region, "ec2_vpc") {
            assert_eq!(vpc["derived"]["flow_logs_enabled"], true, "{vpc}");
        }
        let emptied: Vec<&str> = m["accounts"][A]["regions"][region]["ec2"]["default_sgs_emptied"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        for sg in find(A, region, "ec2_security_group")
            .into_iter()
            .filter(|g| emptied.contains(&g["group_id"].as_str().unwrap()))
        {
            assert_eq!(sg["ingress"], serde_json::json!([]), "{sg}");
            assert_eq!(sg["egress"], serde_json::json!([]), "{sg}");
        }
        // A's buckets: all four Block Public Access flags, SSE-KMS, versioning.
        for b in find(A, region, "s3_bucket") {
            assert_eq!(
                b["derived"]["effective_public_access_block"]["restrict_public_buckets"], true,
                "{b}"
            );
            assert_eq!(b["versioning"]["status"], "Enabled", "{b}");
            assert!(
                b["encryption_rules"][0]["sse_algorithm"]
                    .as_str()
                    .unwrap()
                    .starts_with("aws:kms"),
                "{b}"
            );
        }
        // B: an SSH-open security group, seen as such.
        assert!(find(B, region, "ec2_security_group").iter().any(|g| {
            g["derived"]["admin_ports_open_ipv4"]
                .as_array()
                .unwrap()
                .contains(&serde_json::json!(22))
        }));
    }
    // A's multi-region trail is homed once, with status and selectors.
    let trails: Vec<Value> = ["us-east-1", "eu-west-1"]
        .iter()
        .flat_map(|r| find(A, r, "cloudtrail_trail"))
        .collect();
    let multi: Vec<&Value> = trails
        .iter()
        .filter(|t| t["is_multi_region_trail"] == true)
        .collect();
    assert_eq!(multi.len(), 1, "{trails:?}");
    assert_eq!(multi[0]["is_logging"], true);
    assert_eq!(multi[0]["log_file_validation_enabled"], true);
    assert_eq!(
        multi[0]["derived"]["logs_management_events_read_write"],
        true
    );
    // The metric filters match the CIS monitors semantically.
    let monitors: BTreeSet<String> = find(A, "us-east-1", "logs_metric_filter")
        .iter()
        .flat_map(|f| {
            f["derived"]["cis_monitors"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_str().unwrap().to_string())
        })
        .collect();
    assert_eq!(monitors.len(), 15, "{monitors:?}");
}

#[test]
fn a_service_the_endpoint_lacks_is_a_gap_and_the_scan_completes() {
    let moto = moto::Moto::start();
    let dir = tempfile::tempdir().unwrap();
    let json = dir.path().join("r.json");
    // moto has no IAM Access Analyzer: its check is NOT_EVALUATED, the S3 check beside it is
    // judged, and only the services these two checks need are called.
    let out = run(aws_env(&mut stance())
        .args([
            "scan",
            "--endpoint-url",
            &moto.endpoint(),
            "--accounts",
            A,
            "--role-name",
            "Audit",
            "--regions",
            "us-east-1",
            "--fail-on",
            "never",
            "--select",
            "iam_access_analyzer_enabled,s3_account_public_access_block",
        ])
        .arg("-o")
        .arg(format!("json={}", json.display())));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let doc = read_json(&json);
    let calls = doc["scan"]["api_calls"].as_u64().unwrap();
    assert!(calls < 20, "{calls} calls for two checks");
    assert_eq!(
        results_of(&doc, "iam_access_analyzer_enabled")[0]["status"],
        "NOT_EVALUATED"
    );
    assert_eq!(
        results_of(&doc, "s3_account_public_access_block")[0]["status"],
        "FAIL"
    );
    assert!(
        doc["gaps"]
            .as_array()
            .unwrap()
            .iter()
            .any(|g| g["service"] == "accessanalyzer")
    );
    // --strict turns the gap into exit 3.
    let out = run(aws_env(&mut stance()).args([
        "scan",
        "-q",
        "--strict",
        "--endpoint-url",
        &moto.endpoint(),
        "--accounts",
        A,
        "--role-name",
        "Audit",
        "--regions",
        "us-east-1",
        "--fail-on",
        "never",
        "--select",
        "iam_access_analyzer_enabled",
    ]));
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
}

#[test]
fn three_shards_merged_equal_one_full_run() {
    let moto = moto::Moto::start();
    let dir = tempfile::tempdir().unwrap();
    let accounts = "111111111111,222222222222,333333333333,444444444444";
    moto.seed(accounts, "us-east-1", &dir.path().join("manifest.json"));
    let scan = |extra: &[&str], out: &std::path::Path| {
        let o = run(moto::live_scan(&moto.endpoint(), accounts, "us-east-1")
            .args(extra)
            .arg("-o")
            .arg(format!("json={}", out.display())));
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    };
    let full = dir.path().join("full.json");
    scan(&[], &full);
    let mut shard_files = Vec::new();
    let mut seen_accounts = Vec::new();
    for k in 1..=3 {
        let f = dir.path().join(format!("shard{k}.json"));
        scan(&["--shard", &format!("{k}/3")], &f);
        let doc = read_json(&f);
        assert_eq!(doc["scan"]["shard"], format!("{k}/3"));
        seen_accounts.extend(
            doc["scan"]["accounts"]
                .as_array()
                .unwrap()
                .iter()
                .map(|a| a.as_str().unwrap().to_string()),
        );
        shard_files.push(f);
    }
    seen_accounts.sort();
    assert_eq!(
        seen_accounts,
        accounts.split(',').map(str::to_string).collect::<Vec<_>>(),
        "every account in exactly one shard"
    );

    let merged = dir.path().join("merged.json");
    let out = run(stance()
        .args(["merge", "-q", "--fail-on", "never"])
        .args(&shard_files)
        .arg("-o")
        .arg(format!("json={}", merged.display())));
    assert!(out.status.success(), "{}", stderr(&out));
    let (full_doc, merged_doc) = (read_json(&full), read_json(&merged));
    // Identical results in the same order; only first-seen times differ (each shard ran at its
    // own time).
    let strip = |doc: &Value| -> Vec<Value> {
        doc["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                let mut r = r.clone();
                r.as_object_mut().unwrap().remove("first_seen");
                r
            })
            .collect()
    };
    let (a, b) = (strip(&full_doc), strip(&merged_doc));
    assert_eq!(a.len(), b.len(), "result counts differ");
    if let Some(i) = (0..a.len()).find(|&i| a[i] != b[i]) {
        panic!("result {i} differs:\nfull:   {}\nmerged: {}", a[i], b[i]);
    }
    assert_eq!(full_doc["summary"], merged_doc["summary"]);
    assert_eq!(full_doc["gaps"], merged_doc["gaps"]);
    assert_eq!(full_doc["scan"]["accounts"], merged_doc["scan"]["accounts"]);
    assert_eq!(
        full_doc["scan"]["resource_count"],
        merged_doc["scan"]["resource_count"]
    );

    // And the merged result renders SARIF exactly like the single run (timing aside).
    let sarif = |input: &std::path::Path, out: &std::path::Path| {
        let o = run(stance()
            .args(["merge", "-q", "--fail-on", "never"])
            .arg(input)
            .arg("-o")
            .arg(format!("sarif={}", out.display())));
        assert!(o.status.success());
        read_json(out)["runs"][0]["results"].clone()
    };
    let (a, b) = (
        sarif(&full, &dir.path().join("a.sarif")),
        sarif(&merged, &dir.path().join("b.sarif")),
    );
    assert_eq!(a.as_array().unwrap().len(), b.as_array().unwrap().len());
    assert!(a == b, "SARIF results differ");
}

#[test]
fn every_check_is_asserted_or_not_decidable_on_moto() {
    let catalogue: BTreeSet<&str> = catalogue()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    let asserted: BTreeSet<&str> = PASS_IN_A_FAIL_IN_B.iter().map(|(c, _)| *c).collect();
    let undecidable: BTreeSet<&str> = NOT_DECIDABLE_ON_MOTO.iter().map(|(c, _)| *c).collect();
    assert_eq!(
        asserted.len(),
        PASS_IN_A_FAIL_IN_B.len(),
        "a check is listed twice in PASS_IN_A_FAIL_IN_B"
    );
    assert_eq!(
        undecidable.len(),
        NOT_DECIDABLE_ON_MOTO.len(),
        "a check is listed twice in NOT_DECIDABLE_ON_MOTO"
    );
    let both: Vec<_> = asserted.intersection(&undecidable).collect();
    assert!(both.is_empty(), "asserted and not decidable: {both:?}");
    let listed: BTreeSet<&str> = asserted.union(&undecidable).copied().collect();
    let unasserted: Vec<_> = catalogue.difference(&listed).collect();
    assert!(
        unasserted.is_empty(),
        "checks neither asserted in PASS_IN_A_FAIL_IN_B nor explained in NOT_DECIDABLE_ON_MOTO \
         (seed them in tests/support/seed_scenario.py): {unasserted:?}"
    );
    let unknown: Vec<_> = listed.difference(&catalogue).collect();
    assert!(unknown.is_empty(), "not in the catalogue: {unknown:?}");
    assert!(
        NOT_DECIDABLE_ON_MOTO.iter().all(|(_, why)| !why.is_empty()),
        "every undecidable check says why"
    );
    // Every service directory has its scenario test below.
    let services: BTreeSet<String> = catalogue.iter().map(|c| service_of(c)).collect();
    let tested: BTreeSet<String> = per_service::SERVICES
        .iter()
        .map(|s| s.to_string())
        .collect();
    assert_eq!(services, tested, "per_service tests vs checks/ directories");
}

/// The scenario of one service through the CLI: its FSBP checks with `--framework fsbp`, its
/// CIS-only checks with `--framework cis-aws-v5.0.0`, each selected with `--select`; every row
/// of the service fails in B and passes in A, and nothing else is run.
fn service_scenario(service: &str) {
    let rows: Vec<(&str, Expect)> = PASS_IN_A_FAIL_IN_B
        .iter()
        .copied()
        .filter(|(check, _)| service_of(check) == service)
        .collect();
    assert!(!rows.is_empty(), "no asserted check for {service}");
    let (fsbp, cis): (Vec<_>, Vec<_>) = rows.into_iter().partition(|(check, _)| {
        catalogue_entry(check)["frameworks"]
            .as_object()
            .is_some_and(|f| f.contains_key("fsbp"))
    });
    let dir = tempfile::tempdir().unwrap();
    for (framework, rows) in [("fsbp", fsbp), ("cis-aws-v5.0.0", cis)] {
        if rows.is_empty() {
            continue;
        }
        let selected: BTreeSet<&str> = rows.iter().map(|(c, _)| *c).collect();
        let select = selected.iter().copied().collect::<Vec<_>>().join(",");
        let doc = scan_scenario(
            &["--framework", framework, "--select", &select],
            &dir.path().join(format!("{framework}.json")),
        );
        let ran: BTreeSet<&str> = doc["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["check_id"].as_str().unwrap())
            .collect();
        assert_eq!(
            ran, selected,
            "{service} --framework {framework}: checks run"
        );
        let wrong = wrong_verdicts(&doc, &rows);
        assert!(
            wrong.is_empty(),
            "{service} --framework {framework}: unexpected verdicts:\n{}",
            wrong.join("\n")
        );
        eprintln!(
            "{service}: {} {framework} check(s) FAIL in B and PASS in A",
            rows.len()
        );
    }
}

/// One test per service directory under checks/.
mod per_service {
    macro_rules! service_tests {
        ($($service:ident),* $(,)?) => {
            pub const SERVICES: &[&str] = &[$(stringify!($service)),*];
            $(
                #[test]
                fn $service() {
                    super::service_scenario(stringify!($service));
                }
            )*
        };
    }

    service_tests!(
        account,
        cloudtrail,
        cloudwatch,
        config,
        dynamodb,
        ec2,
        ecr,
        ecs,
        efs,
        elb,
        guardduty,
        iam,
        kms,
        lambda,
        rds,
        s3,
        secretsmanager,
        securityhub,
        sns,
        sqs,
    );
}
