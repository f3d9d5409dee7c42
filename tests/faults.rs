//! Fault injection between stance and moto: transient faults change nothing, a service that
//! always fails becomes a gap while the rest completes, and a hanging region is bounded by the
//! per-call timeout and named in the gaps.

mod common;
#[path = "support/fault_proxy.rs"]
mod fault_proxy;
#[path = "support/moto.rs"]
mod moto;

use std::collections::BTreeSet;
use std::path::Path;
use std::time::{Duration, Instant};

use common::*;
use fault_proxy::{Fault, FaultProxy, RequestInfo, transient};
use serde_json::Value;

const ACCOUNTS: &str = "111111111111,222222222222";
const REGIONS: &str = "us-east-1,eu-west-1";

fn scan(endpoint: &str, out: &Path, extra: &[&str]) -> std::process::Output {
    run(stance()
        .env("AWS_ACCESS_KEY_ID", "stance-test")
        .env("AWS_SECRET_ACCESS_KEY", "stance-test-secret")
        .env("AWS_DEFAULT_REGION", "us-east-1")
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .args([
            "scan",
            "-q",
            "--fail-on",
            "never",
            "--endpoint-url",
            endpoint,
            "--accounts",
            ACCOUNTS,
            "--role-name",
            "StanceAudit",
            "--regions",
            REGIONS,
        ])
        .args(extra)
        .arg("-o")
        .arg(format!("json={}", out.display())))
}

fn verdicts(doc: &Value) -> BTreeSet<(String, String)> {
    doc["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["fingerprint"].as_str().unwrap().to_string(),
                r["status"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn faults_are_retried_bounded_or_reported() {
    let moto = moto::Moto::start();
    let dir = tempfile::tempdir().unwrap();
    moto.seed(ACCOUNTS, REGIONS, &dir.path().join("manifest.json"));

    let clean = dir.path().join("clean.json");
    let out = scan(&moto.endpoint(), &clean, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let clean_doc = read_json(&clean);

    // 20 % transient faults: throttling, 429, 500, 503 and connection resets.
    let proxy = FaultProxy::start(moto.port, transient(20));
    let faulty = dir.path().join("faulty.json");
    let out = scan(&proxy.endpoint(), &faulty, &["--max-attempts", "10"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let faulty_doc = read_json(&faulty);
    let injected = proxy.faults.load(std::sync::atomic::Ordering::Relaxed);
    assert!(injected > 30, "only {injected} faults injected");
    let (a, b) = (verdicts(&clean_doc), verdicts(&faulty_doc));
    let only_clean: Vec<_> = a.difference(&b).take(5).collect();
    let only_faulty: Vec<_> = b.difference(&a).take(5).collect();
    assert!(
        only_clean.is_empty() && only_faulty.is_empty(),
        "transient faults changed the findings: clean-only {only_clean:?}, faulty-only {only_faulty:?}, new gaps {:?}",
        faulty_doc["gaps"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|g| !clean_doc["gaps"].as_array().unwrap().contains(g))
            .collect::<Vec<_>>()
    );
    assert_eq!(clean_doc["gaps"], faulty_doc["gaps"]);
    let retries = faulty_doc["scan"]["retries"].as_u64().unwrap();
    assert!(
        retries >= injected / 2,
        "{retries} retries reported for {injected} faults"
    );
    drop(proxy);

    // A service that always fails: its gap is reported, its checks are NOT_EVALUATED, every
    // other verdict is unchanged.
    let proxy = FaultProxy::start(
        moto.port,
        Box::new(|i: &RequestInfo| {
            if i.service == "kms" {
                Fault::ServerError(500)
            } else {
                Fault::Pass
            }
        }),
    );
    let broken = dir.path().join("broken.json");
    let out = scan(&proxy.endpoint(), &broken, &["--max-attempts", "2"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let doc = read_json(&broken);
    for account in ACCOUNTS.split(',') {
        for region in REGIONS.split(',') {
            assert!(
                doc["gaps"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|g| g["account_id"] == account
                        && g["region"] == region
                        && g["service"] == "kms"),
                "no kms gap for {account} {region}"
            );
        }
    }
    for r in doc["results"].as_array().unwrap() {
        let check = r["check_id"].as_str().unwrap();
        if check == "kms_key_rotation_enabled"
            || check == "kms_key_not_pending_deletion"
            || check == "kms_key_policy_not_public"
        {
            assert_eq!(r["status"], "NOT_EVALUATED", "{r}");
        }
    }
    let unaffected = |d: &Value| -> BTreeSet<(String, String)> {
        d["results"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| !r["check_id"].as_str().unwrap().starts_with("kms_key"))
            .map(|r| {
                (
                    r["fingerprint"].as_str().unwrap().to_string(),
                    r["status"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    assert_eq!(unaffected(&clean_doc), unaffected(&doc));
    let out = scan(
        &proxy.endpoint(),
        &broken,
        &["--max-attempts", "2", "--strict"],
    );
    assert_eq!(out.status.code(), Some(3), "--strict with gaps exits 3");
    drop(proxy);

    // A region that hangs: the per-call timeout bounds the scan and the gaps name the region.
    let proxy = FaultProxy::start(
        moto.port,
        Box::new(|i: &RequestInfo| {
            if i.region == "eu-west-1" {
                Fault::Delay(Duration::from_secs(60))
            } else {
                Fault::Pass
            }
        }),
    );
    let hanging = dir.path().join("hanging.json");
    let started = Instant::now();
    let out = scan(
        &proxy.endpoint(),
        &hanging,
        &[
            "--max-attempts",
            "2",
            "--call-timeout",
            "2",
            "--concurrency",
            "32",
        ],
    );
    let elapsed = started.elapsed();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        elapsed < Duration::from_secs(50),
        "scan took {elapsed:?} despite a 2 s call timeout"
    );
    let doc = read_json(&hanging);
    let gaps = doc["gaps"].as_array().unwrap();
    assert!(
        gaps.iter()
            .any(|g| g["region"] == "eu-west-1"
                && g["error"].as_str().unwrap().contains("timed out")),
        "{gaps:?}"
    );
    assert!(
        gaps.iter().all(
            |g| g["region"] != "us-east-1" || clean_doc["gaps"].as_array().unwrap().contains(g)
        ),
        "us-east-1 must be unaffected"
    );
    // us-east-1 verdicts are those of the clean run.
    let in_region = |d: &Value, region: &str| -> BTreeSet<(String, String)> {
        d["results"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["resource"]["region"] == region)
            .map(|r| {
                (
                    r["fingerprint"].as_str().unwrap().to_string(),
                    r["status"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    assert_eq!(
        in_region(&clean_doc, "us-east-1"),
        in_region(&doc, "us-east-1")
    );
}
