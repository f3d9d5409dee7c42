//! Live collection end to end: the real AWS SDK over HTTP against moto_server, seeded with a
//! two-account, two-region scenario (account A compliant, account B misconfigured) through
//! assume-role. Checks the collected model, the verdicts check by check, coverage gaps for
//! what moto lacks, the API-call count, and that the scan sends only read-only calls.

mod common;
#[path = "support/moto.rs"]
mod moto;

use std::collections::{BTreeMap, BTreeSet};
use std::process::Command;

use common::*;
use serde_json::Value;

const A: &str = "111111111111";
const B: &str = "222222222222";
const REGIONS: &str = "us-east-1,eu-west-1";

/// Checks whose verdict the scenario fixes: PASS everywhere in A, FAIL somewhere in B.
const PASS_IN_A_FAIL_IN_B: &[&str] = &[
    "account_security_contact_registered",
    "cloudtrail_kms_encryption_enabled",
    "cloudtrail_log_file_validation_enabled",
    "cloudtrail_multi_region_trail_enabled",
    "cloudtrail_s3_bucket_access_logging",
    "cloudtrail_s3_data_events_read",
    "cloudtrail_s3_data_events_write",
    "cloudwatch_monitor_cloudtrail_configuration_changes",
    "cloudwatch_monitor_cmk_disable_or_scheduled_deletion",
    "cloudwatch_monitor_config_changes",
    "cloudwatch_monitor_console_authentication_failures",
    "cloudwatch_monitor_console_signin_without_mfa",
    "cloudwatch_monitor_iam_policy_changes",
    "cloudwatch_monitor_nacl_changes",
    "cloudwatch_monitor_network_gateway_changes",
    "cloudwatch_monitor_organizations_changes",
    "cloudwatch_monitor_root_account_usage",
    "cloudwatch_monitor_route_table_changes",
    "cloudwatch_monitor_security_group_changes",
    "cloudwatch_monitor_unauthorized_api_calls",
    "cloudwatch_monitor_vpc_changes",
    "config_recorder_enabled",
    "ec2_ebs_encryption_by_default",
    "ec2_instance_imdsv2_required",
    "ec2_instance_uses_instance_profile",
    "ec2_network_acl_no_admin_ports",
    "ec2_security_group_no_admin_ports_ipv4",
    "ec2_security_group_no_admin_ports_ipv6",
    "ec2_security_group_no_cifs_to_world",
    "ec2_snapshot_not_public",
    "ec2_vpc_flow_logs_enabled",
    "iam_cloudshell_full_access_not_attached",
    "iam_password_policy_min_length",
    "iam_password_policy_reuse_prevention",
    "iam_password_policy_strong",
    "iam_support_role_exists",
    "iam_user_no_direct_policies",
    "kms_key_rotation_enabled",
    "lambda_function_not_public",
    "rds_instance_not_publicly_accessible",
    "rds_instance_storage_encrypted",
    "rds_snapshot_not_public",
    "s3_account_public_access_block",
    "s3_bucket_access_logging_enabled",
    "s3_bucket_acls_disabled",
    "s3_bucket_lifecycle_configured",
    "s3_bucket_no_public_read",
    "s3_bucket_public_access_block",
    "s3_bucket_requires_tls",
    "sqs_queue_not_public",
];

fn statuses(doc: &Value) -> BTreeMap<(String, String), BTreeSet<String>> {
    let mut out: BTreeMap<(String, String), BTreeSet<String>> = BTreeMap::new();
    for r in doc["results"].as_array().unwrap() {
        let key = (
            r["check_id"].as_str().unwrap().to_string(),
            r["resource"]["account_id"].as_str().unwrap().to_string(),
        );
        out.entry(key)
            .or_default()
            .insert(r["status"].as_str().unwrap().to_string());
    }
    out
}

fn aws_env(cmd: &mut assert_cmd::Command) -> &mut assert_cmd::Command {
    cmd.env("AWS_ACCESS_KEY_ID", "stance-test")
        .env("AWS_SECRET_ACCESS_KEY", "stance-test-secret")
        .env("AWS_DEFAULT_REGION", "us-east-1")
        .env("AWS_EC2_METADATA_DISABLED", "true")
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

#[test]
fn live_scan_of_a_seeded_multi_account_moto() {
    let moto = moto::Moto::start();
    let dir = tempfile::tempdir().unwrap();
    moto.seed(
        &format!("{A},{B}"),
        REGIONS,
        &dir.path().join("manifest.json"),
    );
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
            &format!("{A},{B}"),
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
    let st = statuses(&doc);
    let mut wrong = Vec::new();
    for check in PASS_IN_A_FAIL_IN_B {
        let a = st
            .get(&(check.to_string(), A.to_string()))
            .cloned()
            .unwrap_or_default();
        let b = st
            .get(&(check.to_string(), B.to_string()))
            .cloned()
            .unwrap_or_default();
        if !(a.len() == 1 && a.contains("PASS") && b.contains("FAIL")) {
            wrong.push(format!("{check}: A {a:?} B {b:?}"));
        }
    }
    assert!(
        wrong.is_empty(),
        "unexpected verdicts:\n{}",
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

    // Read-only: every request moto received during the scan was a read.
    let scan_log = dir.path().join("scan-requests.jsonl");
    moto.log_since(offset, &scan_log);
    let out = Command::new("python3")
        .arg(root().join("tests/support/recording.py"))
        .arg(&scan_log)
        .arg("--json")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let summary: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        summary["mutating"],
        serde_json::json!([]),
        "mutating calls: {}",
        summary["mutating"]
    );
    let requests = summary["total"].as_u64().unwrap();
    assert!(
        requests >= calls,
        "moto saw {requests} requests for {calls} counted calls"
    );

    // Every operation the scan used is read-only and listed in the documented IAM policy.
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
    assert!(used.len() > 50, "{used:?}");
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
    eprintln!(
        "read-only: {requests} requests recorded by moto, 0 mutating; {} distinct IAM actions used, all read-only and all in docs/iam-policy.json",
        used.len()
    );
}

#[test]
fn inventory_snapshot_holds_the_collected_model() {
    let moto = moto::Moto::start();
    let dir = tempfile::tempdir().unwrap();
    let manifest = dir.path().join("manifest.json");
    moto.seed(&format!("{A},{B}"), REGIONS, &manifest);
    let m = read_json(&manifest);
    let snap = dir.path().join("snapshot.json");
    let out = run(aws_env(&mut stance())
        .args([
            "inventory",
            "--endpoint-url",
            &moto.endpoint(),
            "--accounts",
            &format!("{A},{B}"),
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
        let o = run(aws_env(&mut stance())
            .args([
                "scan",
                "-q",
                "--fail-on",
                "never",
                "--endpoint-url",
                &moto.endpoint(),
                "--accounts",
                accounts,
                "--role-name",
                "StanceAudit",
                "--regions",
                "us-east-1",
            ])
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
