//! `--source config-aggregator` end to end: the stance binary and its real AWS SDK read an
//! organization aggregator from a canned AWS Config endpoint (tests/support/config_api.rs;
//! moto cannot emulate a multi-account aggregator, see the fixtures' README), and the tests
//! assert the findings, the coverage gaps and the calls made.

mod common;
#[path = "support/config_api.rs"]
mod config_api;

use std::collections::BTreeMap;

use common::*;
use config_api::{Behaviour, ConfigApi};
use serde_json::Value;

const A: &str = "111111111111";

fn fixtures() -> Behaviour {
    Behaviour::from_fixtures(&root().join("tests/fixtures/config-aggregator"))
}

fn aws_env<'a>(cmd: &'a mut assert_cmd::Command, api: &ConfigApi) -> &'a mut assert_cmd::Command {
    cmd.env("AWS_ACCESS_KEY_ID", "stance-test")
        .env("AWS_SECRET_ACCESS_KEY", "stance-test-secret")
        .env("AWS_DEFAULT_REGION", "us-east-1")
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env("AWS_MAX_ATTEMPTS", "1")
        .args(["--endpoint-url", &api.endpoint()])
}

/// Runs `stance scan --source config-aggregator org-aggregator ARGS` and returns the exit code
/// and the JSON result.
fn scan(api: &ConfigApi, args: &[&str]) -> (i32, Value) {
    let dir = tempfile::tempdir().unwrap();
    let out_file = dir.path().join("result.json");
    let out = run(aws_env(
        stance().args([
            "scan",
            "-q",
            "--source",
            "config-aggregator",
            "org-aggregator",
            "-o",
            &format!("json={}", out_file.display()),
        ]),
        api,
    )
    .args(args));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out_file.exists(), "no result written: {stderr}");
    (out.status.code().unwrap_or(-1), read_json(&out_file))
}

/// Status of a check per (resource id, region), every result (scope results have the
/// account's id).
fn verdicts(doc: &Value, check: &str) -> BTreeMap<(String, String), String> {
    results_of(doc, check)
        .into_iter()
        .map(|r| {
            let id = r["resource"]["id"].as_str().unwrap().to_string();
            let region = r["resource"]["region"].as_str().unwrap_or("").to_string();
            ((id, region), r["status"].as_str().unwrap().to_string())
        })
        .collect()
}

fn expect(pairs: &[(&str, &str, &str)]) -> BTreeMap<(String, String), String> {
    pairs
        .iter()
        .map(|(id, region, status)| ((id.to_string(), region.to_string()), status.to_string()))
        .collect()
}

/// The one message of a check's result on a resource.
fn message_of(doc: &Value, check: &str, id: &str) -> String {
    let hits: Vec<&Value> = results_of(doc, check)
        .into_iter()
        .filter(|r| r["resource"]["id"] == id)
        .collect();
    assert_eq!(hits.len(), 1, "{check} on {id}");
    hits[0]["message"].as_str().unwrap_or_default().to_string()
}

const PUBLIC: &str = "arn:aws:s3:::acme-public-assets";
const PRIVATE: &str = "arn:aws:s3:::acme-private-records";
const LAKE: &str = "arn:aws:s3:::acme-data-lake";
const SCOPE_B: &str = "AWS::::Account:222222222222";

/// The FAILED ap-southeast-2 source of account B blanks B's regional checks there.
const B_FAILED_REGION: &str = "ap-southeast-2";

#[test]
fn scan_judges_every_aggregated_account_from_its_configuration_items() {
    let api = ConfigApi::start(fixtures());
    let (code, doc) = scan(&api, &[]);
    assert_eq!(code, 1, "findings at the default threshold");
    assert_eq!(
        doc["scan"]["sources"],
        serde_json::json!([{"kind": "config-aggregator", "location": format!("aggregator org-aggregator, endpoint {}", api.endpoint())}])
    );

    // S3 from supplementaryConfiguration: the AllUsers ACL grant and `Principal: *` policy
    // make one bucket public; Block Public Access and private ACLs keep the others closed.
    assert_eq!(
        verdicts(&doc, "s3_bucket_no_public_read"),
        expect(&[
            (SCOPE_B, B_FAILED_REGION, "NOT_EVALUATED"),
            (PRIVATE, "eu-west-1", "PASS"),
            (PUBLIC, "us-east-1", "FAIL"),
            (LAKE, "eu-west-1", "PASS"),
        ])
    );
    assert!(
        message_of(&doc, "s3_bucket_no_public_read", PUBLIC)
            .contains("through its ACL and bucket policy"),
        "{}",
        message_of(&doc, "s3_bucket_no_public_read", PUBLIC)
    );
    assert_eq!(
        verdicts(&doc, "s3_bucket_public_access_block"),
        expect(&[
            (SCOPE_B, B_FAILED_REGION, "NOT_EVALUATED"),
            (PRIVATE, "eu-west-1", "PASS"),
            (PUBLIC, "us-east-1", "FAIL"),
            (LAKE, "eu-west-1", "PASS"),
        ])
    );
    assert_eq!(
        verdicts(&doc, "s3_bucket_access_logging_enabled"),
        expect(&[
            (SCOPE_B, B_FAILED_REGION, "NOT_EVALUATED"),
            (PRIVATE, "eu-west-1", "PASS"),
            (PUBLIC, "us-east-1", "FAIL"),
            (LAKE, "eu-west-1", "PASS"),
        ])
    );
    // Account A has no AccountPublicAccessBlock item: unknown, not absent.
    assert_eq!(
        verdicts(&doc, "s3_account_public_access_block"),
        expect(&[
            ("AWS::::Account:111111111111", "global", "NOT_EVALUATED"),
            (
                "arn:aws:s3:::account/222222222222/public-access-block",
                "global",
                "PASS"
            ),
        ])
    );

    // EC2 and the FAILED source of account B.
    assert_eq!(
        verdicts(&doc, "ec2_security_group_no_admin_ports_ipv4"),
        expect(&[
            (SCOPE_B, B_FAILED_REGION, "NOT_EVALUATED"),
            (
                "arn:aws:ec2:eu-west-1:222222222222:security-group/sg-0123abcd",
                "eu-west-1",
                "PASS"
            ),
            (
                "arn:aws:ec2:us-east-1:111111111111:security-group/sg-0a1b2c3d4e5f60718",
                "us-east-1",
                "FAIL"
            ),
        ])
    );
    assert_eq!(
        verdicts(&doc, "ec2_volume_encrypted"),
        expect(&[
            (SCOPE_B, B_FAILED_REGION, "NOT_EVALUATED"),
            (
                "arn:aws:ec2:us-east-1:111111111111:volume/vol-0f1e2d3c4b5a69788",
                "us-east-1",
                "FAIL"
            ),
        ])
    );
    assert_eq!(
        verdicts(&doc, "ec2_vpc_flow_logs_enabled"),
        expect(&[
            (SCOPE_B, B_FAILED_REGION, "NOT_EVALUATED"),
            (
                "arn:aws:ec2:eu-west-1:111111111111:vpc/vpc-0fedcba9876543210",
                "eu-west-1",
                "PASS"
            ),
            (
                "arn:aws:ec2:eu-west-1:222222222222:vpc/vpc-0aaa1111bbbb2222c",
                "eu-west-1",
                "FAIL"
            ),
            (
                "arn:aws:ec2:us-east-1:111111111111:vpc/vpc-0123456789abcdef0",
                "us-east-1",
                "FAIL"
            ),
        ])
    );
    assert_eq!(
        verdicts(&doc, "kms_key_rotation_enabled"),
        expect(&[
            (SCOPE_B, B_FAILED_REGION, "NOT_EVALUATED"),
            (
                "arn:aws:kms:us-east-1:111111111111:key/0f3c1a52-6d1e-4b8e-9a57-3c1f0e2d9b44",
                "us-east-1",
                "FAIL"
            ),
        ])
    );
    assert_eq!(
        verdicts(&doc, "rds_instance_not_publicly_accessible"),
        expect(&[
            (SCOPE_B, B_FAILED_REGION, "NOT_EVALUATED"),
            (
                "arn:aws:rds:eu-west-1:222222222222:db:orders",
                "eu-west-1",
                "FAIL"
            ),
        ])
    );

    // IAM: the policy documents are judged; credentials AWS Config does not record are not.
    assert_eq!(
        status_of(&doc, "iam_policy_no_full_admin", "policy/ci-deploy"),
        "FAIL"
    );
    assert_eq!(
        status_of(&doc, "iam_user_no_direct_policies", "user/alice"),
        "FAIL"
    );
    assert_eq!(
        status_of(&doc, "iam_user_console_mfa", "user/alice"),
        "NOT_EVALUATED"
    );
    assert!(
        message_of(
            &doc,
            "iam_user_console_mfa",
            "arn:aws:iam::111111111111:user/alice"
        )
        .contains("could not be collected")
    );
    assert_eq!(
        verdicts(&doc, "iam_password_policy_strong"),
        expect(&[
            ("AWS::::Account:111111111111", "global", "NOT_EVALUATED"),
            (SCOPE_B, "global", "NOT_EVALUATED"),
        ])
    );
    assert!(
        message_of(&doc, "iam_password_policy_strong", SCOPE_B)
            .contains("not recorded by AWS Config aggregator")
    );
    // Role trust and attachments joined across items: the AWS-managed support policy is
    // attached to a role in A only.
    assert_eq!(
        verdicts(&doc, "iam_support_role_exists"),
        expect(&[
            ("AWS::::Account:111111111111", "global", "PASS"),
            (SCOPE_B, "global", "FAIL"),
        ])
    );

    // Read-only, paginated, batched.
    let read_only = [
        "DescribeConfigurationAggregators",
        "DescribeConfigurationAggregatorSourcesStatus",
        "SelectAggregateResourceConfig",
        "ListAggregateDiscoveredResources",
        "BatchGetAggregateResourceConfig",
    ];
    for op in api.operations() {
        assert!(read_only.contains(&op.as_str()), "unexpected call {op}");
    }
    let lists = api.requests("ListAggregateDiscoveredResources");
    assert!(
        lists.iter().any(|r| r["NextToken"].is_string()),
        "no listing was paginated"
    );
    let fetched: usize = api
        .requests("BatchGetAggregateResourceConfig")
        .iter()
        .map(|r| {
            let n = r["ResourceIdentifiers"].as_array().unwrap().len();
            assert!(n <= 100, "batch of {n}");
            n
        })
        .sum();
    let fixture_items = fixtures().items.len();
    assert_eq!(fetched, fixture_items, "every listed item fetched once");
}

#[test]
fn an_unknown_aggregator_is_a_usage_error_naming_it() {
    let api = ConfigApi::start(fixtures());
    let out = run(aws_env(
        stance().args([
            "scan",
            "-q",
            "--source",
            "config-aggregator",
            "no-such-aggregator",
        ]),
        &api,
    ));
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("no-such-aggregator"), "{stderr}");
    assert!(stderr.contains("--aggregator-region"), "{stderr}");

    let out = run(stance().args(["scan", "--source", "config-aggregator", "bad name!"]));
    assert_eq!(out.status.code(), Some(2));
    let out = run(stance().args(["scan", "--source", "recorder", "x"]));
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown source kind"));
}

#[test]
fn denied_listings_and_unprocessed_items_become_gaps_not_passes() {
    let mut behaviour = fixtures();
    behaviour.denied_types = vec!["AWS::EC2::Volume".into()];
    behaviour.unprocessed_once = true;
    let api = ConfigApi::start(behaviour);
    let (_, doc) = scan(&api, &["--concurrency", "1"]);
    // The denied type is NOT_EVALUATED in every account, with the error.
    let volumes = verdicts(&doc, "ec2_volume_encrypted");
    assert!(
        volumes.values().all(|s| s == "NOT_EVALUATED") && volumes.len() >= 2,
        "{volumes:?}"
    );
    assert!(
        doc["gaps"]
            .as_array()
            .unwrap()
            .iter()
            .any(|g| g["operation"] == "ListAggregateDiscoveredResources"
                && g["error"].as_str().unwrap_or("").contains("AccessDenied")),
        "{}",
        doc["gaps"]
    );
    // The identifier left unprocessed once was asked for again, so nothing else changed.
    assert!(api.requests("BatchGetAggregateResourceConfig").len() >= 2);
    assert_eq!(
        verdicts(&doc, "s3_bucket_no_public_read"),
        expect(&[
            (SCOPE_B, B_FAILED_REGION, "NOT_EVALUATED"),
            (PRIVATE, "eu-west-1", "PASS"),
            (PUBLIC, "us-east-1", "FAIL"),
            (LAKE, "eu-west-1", "PASS"),
        ])
    );
}

#[test]
fn inventory_from_the_aggregator_rescans_to_the_same_findings() {
    let mut behaviour = fixtures();
    // Without advanced queries the accounts and regions come from the items.
    behaviour.census = None;
    let api = ConfigApi::start(behaviour);
    let dir = tempfile::tempdir().unwrap();
    let snapshot = dir.path().join("inventory.json");
    let out = run(aws_env(
        stance().args([
            "inventory",
            "--source",
            "config-aggregator",
            "org-aggregator",
            "--accounts",
            A,
            "-o",
            &snapshot.display().to_string(),
        ]),
        &api,
    ));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let inventory = read_json(&snapshot);
    let accounts: Vec<&str> = inventory["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["account_id"].as_str().unwrap())
        .collect();
    assert_eq!(accounts, vec![A]);
    // One account wanted: the listing is narrowed on the server.
    assert!(
        api.requests("ListAggregateDiscoveredResources")
            .iter()
            .all(|r| r["Filters"]["AccountId"] == A)
    );

    let result = dir.path().join("result.json");
    let out = run(stance()
        .args(["scan", "-q", "--inventory"])
        .arg(&snapshot)
        .args(["-o", &format!("json={}", result.display())]));
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rescanned = read_json(&result);
    assert_eq!(
        verdicts(&rescanned, "s3_bucket_no_public_read"),
        expect(&[
            (PRIVATE, "eu-west-1", "PASS"),
            (PUBLIC, "us-east-1", "FAIL")
        ])
    );
    assert_eq!(
        status_of(&rescanned, "iam_user_console_mfa", "user/alice"),
        "NOT_EVALUATED"
    );
    assert!(results_of(&rescanned, "rds_instance_not_publicly_accessible").is_empty());
}

#[test]
fn the_config_file_names_the_aggregator() {
    let api = ConfigApi::start(fixtures());
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("stance.toml");
    std::fs::write(
        &config,
        "[aws]\nconfig_aggregator = \"org-aggregator\"\nconfig_aggregator_region = \"us-east-1\"\nregions = [\"eu-west-1\"]\n",
    )
    .unwrap();
    let result = dir.path().join("result.json");
    let out = run(
        aws_env(stance().args(["scan", "-q", "--config"]).arg(&config), &api)
            .args(["-o", &format!("json={}", result.display())]),
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc = read_json(&result);
    assert_eq!(doc["scan"]["sources"][0]["kind"], "config-aggregator");
    // --regions from the file keeps eu-west-1 only.
    assert_eq!(
        verdicts(&doc, "s3_bucket_no_public_read"),
        expect(&[(PRIVATE, "eu-west-1", "PASS"), (LAKE, "eu-west-1", "PASS")])
    );
}
