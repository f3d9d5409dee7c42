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
    run(moto::live_scan(endpoint, ACCOUNTS, REGIONS)
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
    eprintln!(
        "transient faults: {injected} injected over {} requests, {retries} retries reported, {} verdicts identical to the clean run, {} gaps in both",
        proxy.requests.load(std::sync::atomic::Ordering::Relaxed),
        a.len(),
        clean_doc["gaps"].as_array().unwrap().len()
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
    eprintln!(
        "failing service: kms answered 500 to {} requests; {} other verdicts identical",
        proxy.faults.load(std::sync::atomic::Ordering::Relaxed),
        unaffected(&doc).len()
    );
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
    eprintln!(
        "hanging region: eu-west-1 delayed 60 s per call, scan done in {elapsed:.1?} with a 2 s call timeout; {} us-east-1 verdicts identical",
        in_region(&doc, "us-east-1").len()
    );
}

/// A scan or collection in progress, started directly (not through assert_cmd) so the test
/// can signal it.
fn spawn_live(endpoint: &str, args: &[&str]) -> std::process::Child {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_stance"));
    for (key, _) in std::env::vars() {
        if key == "CI" || key.starts_with("GITHUB_") || key.starts_with("AWS_") || key == "RUST_LOG"
        {
            cmd.env_remove(&key);
        }
    }
    cmd.env("NO_COLOR", "1")
        .env("STANCE_NO_PROGRESS", "1")
        .env("AWS_ACCESS_KEY_ID", "stance-test")
        .env("AWS_SECRET_ACCESS_KEY", "stance-test-secret")
        .env("AWS_DEFAULT_REGION", "us-east-1")
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .args(args)
        .args(["--endpoint-url", endpoint, "--regions", REGIONS])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("stance starts")
}

/// Sends `signal` once the proxy has seen 5 more requests than `before` (the run is certainly
/// collecting) and returns the exit code and stderr.
fn interrupt(
    mut child: std::process::Child,
    proxy: &FaultProxy,
    before: u64,
    signal: &str,
) -> (Option<i32>, String) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while proxy.requests.load(std::sync::atomic::Ordering::Relaxed) < before + 5 {
        assert!(Instant::now() < deadline, "the scan sent no requests");
        assert!(
            child.try_wait().unwrap().is_none(),
            "stance ended before the interruption"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let sent = std::process::Command::new("kill")
        .args(["-s", signal, &child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(sent.success());
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > Duration::from_secs(10) {
            let _ = child.kill();
            panic!("stance did not stop within 10 s of {signal}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let mut err = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut err).unwrap();
    (status.code(), err)
}

/// Every file under `dir`, relative names sorted.
fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn interrupted_runs_stop_with_no_partial_output() {
    let moto = moto::Moto::start();
    // Every call takes a second: the run is certainly mid-collection when the signal comes.
    let proxy = FaultProxy::start(
        moto.port,
        Box::new(|_: &RequestInfo| Fault::Delay(Duration::from_secs(1))),
    );
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path();
    // A report from an earlier run stands where the interrupted scan would write.
    let earlier = "{\"from\": \"an earlier complete run\"}\n";
    std::fs::write(out.join("result.json"), earlier).unwrap();

    let json = format!("json={}", out.join("result.json").display());
    let sarif = format!("sarif={}", out.join("result.sarif").display());
    let before = proxy.requests.load(std::sync::atomic::Ordering::Relaxed);
    let child = spawn_live(
        &proxy.endpoint(),
        &["scan", "--fail-on", "never", "-o", &json, "-o", &sarif],
    );
    let (code, err) = interrupt(child, &proxy, before, "INT");
    assert_eq!(code, Some(130), "SIGINT exits 130: {err}");
    assert!(
        err.contains("interrupted by SIGINT: stopped without writing the report"),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(
        files_in(out),
        ["result.json"],
        "no partial or temporary file"
    );
    assert_eq!(
        std::fs::read_to_string(out.join("result.json")).unwrap(),
        earlier,
        "the earlier report is untouched"
    );

    // SIGTERM (a CI runner cancelling the job) during a collection: exit 143, no snapshot.
    let snapshot = out.join("inventory.json");
    let before = proxy.requests.load(std::sync::atomic::Ordering::Relaxed);
    let child = spawn_live(
        &proxy.endpoint(),
        &["inventory", "-o", &snapshot.display().to_string()],
    );
    let (code, err) = interrupt(child, &proxy, before, "TERM");
    assert_eq!(code, Some(143), "SIGTERM exits 143: {err}");
    assert!(err.contains("interrupted by SIGTERM"), "{err}");
    assert_eq!(
        files_in(out),
        ["result.json"],
        "no partial or temporary file"
    );
}
