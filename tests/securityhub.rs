//! `--securityhub-import` end to end: the real AWS SDK sends the demo scan's ASFF findings to
//! moto_server's Security Hub, and boto3 reads them back account by account, region by region.
//! The demo spans 3 accounts × 3 regions with more than 100 findings in each, so every
//! destination takes several BatchImportFindings calls. Failures (AccessDenied, throttling) are
//! injected by the fault proxy in front of moto.

mod common;
#[path = "support/fault_proxy.rs"]
mod fault_proxy;
#[path = "support/moto.rs"]
mod moto;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Output;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use common::*;
use fault_proxy::{Fault, FaultProxy, RequestInfo};
use serde_json::Value;

const ACCOUNTS: &str = "111111111111,222222222222,333333333333";
const REGIONS: &str = "us-east-1,eu-west-1,ap-southeast-2";
const ROLE: &str = "StanceImport";

type Destinations = BTreeMap<(String, String), Vec<Value>>;

/// Scans the demo snapshot with `--securityhub-import` against `endpoint`.
fn scan_and_import(endpoint: &str, asff: &Path, extra: &[&str]) -> Output {
    run(stance()
        .env("AWS_ACCESS_KEY_ID", "stance-test")
        .env("AWS_SECRET_ACCESS_KEY", "stance-test-secret")
        .env("AWS_DEFAULT_REGION", "us-east-1")
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .args([
            "scan",
            "--fail-on",
            "never",
            "--securityhub-import",
            "--inventory",
        ])
        .arg(demo())
        .args(["--endpoint-url", endpoint])
        .args(extra)
        .arg("-o")
        .arg(format!("asff={}", asff.display())))
}

/// The ASFF findings of a file, by (account, region).
fn by_destination(findings: &[Value]) -> Destinations {
    let mut out = Destinations::new();
    for f in findings {
        let key = (
            f["AwsAccountId"].as_str().unwrap().to_string(),
            f["Region"].as_str().unwrap().to_string(),
        );
        out.entry(key).or_default().push(f.clone());
    }
    out
}

/// Every finding moto's Security Hub holds, by (account, region), read with boto3.
fn read_back(moto: &moto::Moto) -> Destinations {
    let out = moto::support_script(
        "securityhub_findings.py",
        [
            "--endpoint",
            &moto.endpoint(),
            "--accounts",
            ACCOUNTS,
            "--regions",
            REGIONS,
            "--role-name",
            ROLE,
        ],
    );
    let doc: Value = serde_json::from_slice(&out).unwrap();
    let mut found = Destinations::new();
    for (account, regions) in doc.as_object().unwrap() {
        for (region, findings) in regions.as_object().unwrap() {
            let list = findings.as_array().unwrap().clone();
            if !list.is_empty() {
                found.insert((account.clone(), region.clone()), list);
            }
        }
    }
    found
}

fn ids(findings: &[Value]) -> BTreeSet<String> {
    findings
        .iter()
        .map(|f| f["Id"].as_str().unwrap().to_string())
        .collect()
}

fn failed_ids(findings: &[Value]) -> BTreeSet<String> {
    findings
        .iter()
        .filter(|f| f["Compliance"]["Status"] == "FAILED")
        .map(|f| f["Id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn demo_findings_land_in_security_hub_per_account_and_region_in_batches_of_100() {
    let moto = moto::Moto::start();
    let dir = tempfile::tempdir().unwrap();
    let asff = dir.path().join("asff.json");
    let offset = moto.log_offset();
    let out = scan_and_import(&moto.endpoint(), &asff, &["--role-name", ROLE]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));

    let rendered = read_json(&asff).as_array().unwrap().clone();
    let expected = by_destination(&rendered);
    assert_eq!(expected.len(), 9, "3 accounts × 3 regions");
    assert!(
        expected.values().all(|f| f.len() > 100),
        "every destination needs more than one batch"
    );
    let calls: usize = expected.values().map(|f| f.len().div_ceil(100)).sum();
    let summary = format!(
        "Security Hub import: {n} of {n} findings imported into 9 account/region(s) with {calls} BatchImportFindings calls\n",
        n = rendered.len()
    );
    assert!(stdout(&out).contains(&summary), "{}", stdout(&out));

    // Each account's Security Hub, region by region, holds exactly that destination's findings,
    // byte for byte as rendered: the conversion to the SDK's types carried every field.
    let found = read_back(&moto);
    assert_eq!(
        found.keys().collect::<Vec<_>>(),
        expected.keys().collect::<Vec<_>>()
    );
    for (key, want) in &expected {
        let got = &found[key];
        assert_eq!(ids(got), ids(want), "{key:?}");
        assert_eq!(failed_ids(got), failed_ids(want), "{key:?}");
        let want_by_id: BTreeMap<String, &Value> = want
            .iter()
            .map(|f| (f["Id"].as_str().unwrap().to_string(), f))
            .collect();
        for f in got {
            let w = want_by_id[f["Id"].as_str().unwrap()];
            assert_eq!(f, w, "{key:?}: read back differs from the ASFF output");
        }
    }
    let failed: usize = expected.values().map(|f| failed_ids(f).len()).sum();
    assert!(failed > 400, "{failed} FAILED findings");

    // Batches of at most 100: as many calls as the minimum that allows; the only write is
    // BatchImportFindings.
    let log = dir.path().join("requests.jsonl");
    moto.log_since(offset, &log);
    let moto::RecordedRequests {
        counts, mutating, ..
    } = moto::recorded_requests(&log);
    assert_eq!(
        counts.get("securityhub:BatchImportFindings").copied(),
        Some(calls as u64),
        "{counts:?}"
    );
    assert!(
        mutating
            .iter()
            .all(|m| m.starts_with("securityhub:BatchImportFindings ")),
        "{mutating:?}"
    );

    // Deterministic ids: importing again updates the same findings, it adds none.
    let out = scan_and_import(&moto.endpoint(), &asff, &["--role-name", ROLE, "-q"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let again = read_back(&moto);
    for (key, want) in &expected {
        assert_eq!(again[key].len(), want.len(), "{key:?}");
    }
}

#[test]
fn access_denied_and_throttling_are_reported_and_the_rest_is_imported() {
    let moto = moto::Moto::start();
    let throttled = Arc::new(AtomicU64::new(0));
    let plan = {
        let throttled = throttled.clone();
        move |info: &RequestInfo| {
            if info.service != "securityhub" {
                return Fault::Pass;
            }
            match info.region.as_str() {
                "eu-west-1" => Fault::AccessDenied,
                // The first few calls in us-east-1 are throttled: the SDK retries them.
                "us-east-1" if throttled.fetch_add(1, Ordering::Relaxed) < 3 => Fault::Throttle,
                _ => Fault::Pass,
            }
        }
    };
    let proxy = FaultProxy::start(moto.port, Box::new(plan));
    let dir = tempfile::tempdir().unwrap();
    let asff = dir.path().join("asff.json");
    let out = scan_and_import(&proxy.endpoint(), &asff, &["--role-name", ROLE]);
    assert_eq!(
        out.status.code(),
        Some(5),
        "findings not imported exit 5: {}",
        stderr(&out)
    );
    // The reports were written all the same.
    let rendered = read_json(&asff).as_array().unwrap().clone();
    let expected = by_destination(&rendered);
    let denied: usize = expected
        .iter()
        .filter(|((_, region), _)| region == "eu-west-1")
        .map(|(_, f)| f.len())
        .sum();
    let text = stdout(&out);
    assert!(
        text.contains(&format!(
            "Security Hub import: {} of {} findings imported into 6 of 9 account/region(s)",
            rendered.len() - denied,
            rendered.len()
        )),
        "{text}"
    );
    assert!(text.contains(&format!("; {denied} failed\n")), "{text}");
    for account in ACCOUNTS.split(',') {
        let n = expected[&(account.to_string(), "eu-west-1".to_string())].len();
        assert!(
            text.contains(&format!(
                "  {account} eu-west-1: {n} findings not imported: AccessDeniedException: User is not authorized"
            )),
            "{text}"
        );
    }
    assert!(
        stderr(&out).contains("AccessDeniedException"),
        "the failure is logged: {}",
        stderr(&out)
    );
    // Only the first call of each denied destination was made.
    let denied_calls = proxy
        .log
        .lock()
        .unwrap()
        .iter()
        .filter(|(_, f)| *f == Fault::AccessDenied)
        .count();
    assert_eq!(denied_calls, 3);
    assert_eq!(
        proxy
            .log
            .lock()
            .unwrap()
            .iter()
            .filter(|(_, f)| *f == Fault::Throttle)
            .count(),
        3
    );

    // Everything else arrived, throttled calls included.
    let found = read_back(&moto);
    for (key, want) in &expected {
        if key.1 == "eu-west-1" {
            assert!(!found.contains_key(key), "{key:?} was denied");
        } else {
            assert_eq!(ids(&found[key]), ids(want), "{key:?}");
        }
    }

    // Without --role-name only the caller's own account can be reached: the others are named,
    // with the way out.
    let out = scan_and_import(&moto.endpoint(), &asff, &["-q"]);
    assert_eq!(out.status.code(), Some(5), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains(&format!(
            "Security Hub import: 0 of {n} findings imported into 0 of 9 account/region(s) with 0 BatchImportFindings calls; {n} failed",
            n = rendered.len()
        )),
        "{err}"
    );
    assert!(
        err.contains("account 111111111111 is not the caller's (123456789012): give --role-name"),
        "{err}"
    );
}
