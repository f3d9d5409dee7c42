//! Baseline round trips, `stance diff` and suppressions.

mod common;

use std::path::Path;

use common::*;
use serde_json::{Value, json};

fn scan(inventory: &Path, extra: &[&str], json_out: &Path) -> std::process::Output {
    run(stance()
        .args(["scan", "-q", "--inventory"])
        .arg(inventory)
        .args(extra)
        .arg("-o")
        .arg(format!("json={}", json_out.display())))
}

fn count(doc: &Value, state: &str) -> usize {
    doc["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["baseline"] == state)
        .count()
}

/// The demo with one failure fixed (EBS default encryption in sandbox us-east-1) and one added
/// (a prod KMS key without rotation).
fn changed_demo(dir: &Path) -> std::path::PathBuf {
    let mut inv = read_json(&demo());
    let mut fixed = 0;
    let mut added = false;
    for account in inv["accounts"].as_array_mut().unwrap() {
        let id = account["account_id"].as_str().unwrap().to_string();
        for region in account["regions"].as_array_mut().unwrap() {
            let name = region["region"].as_str().unwrap().to_string();
            let resources = region["resources"].as_array_mut().unwrap();
            for r in resources.iter_mut() {
                if r["resource_type"] == "ec2_ebs_encryption_default"
                    && id == "333333333333"
                    && name == "us-east-1"
                {
                    assert_eq!(r["enabled"], false, "the demo's sandbox starts unencrypted");
                    r["enabled"] = json!(true);
                    fixed += 1;
                }
            }
            if id == "111111111111" && name == "eu-west-1" {
                resources.push(json!({
                    "resource_type": "kms_key",
                    "meta": {"id": "arn:aws:kms:eu-west-1:111111111111:key/new-key", "arn": "arn:aws:kms:eu-west-1:111111111111:key/new-key"},
                    "key_id": "new-key", "key_manager": "CUSTOMER", "key_state": "Enabled",
                    "key_spec": "SYMMETRIC_DEFAULT", "key_usage": "ENCRYPT_DECRYPT", "origin": "AWS_KMS",
                    "rotation_enabled": false
                }));
                added = true;
            }
        }
    }
    assert_eq!(fixed, 1);
    assert!(added);
    let path = dir.join("changed.json");
    std::fs::write(&path, serde_json::to_string(&inv).unwrap()).unwrap();
    path
}

#[test]
fn baseline_round_trip_one_new_one_resolved() {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().join("base.json");
    let out = scan(&demo(), &["--fail-on", "never"], &base);
    assert!(out.status.success(), "{}", stderr(&out));
    let base_doc = read_json(&base);
    let base_failures = base_doc["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["status"] == "FAIL")
        .count();

    // Same inventory against its own baseline: nothing new, --fail-on new passes.
    let same = dir.path().join("same.json");
    let out = scan(
        &demo(),
        &["--baseline", base.to_str().unwrap(), "--fail-on", "new"],
        &same,
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let same_doc = read_json(&same);
    assert_eq!(count(&same_doc, "new"), 0);
    assert_eq!(count(&same_doc, "unchanged"), base_failures);
    assert_eq!(same_doc["resolved"].as_array().unwrap().len(), 0);

    // One fixed, one added: exactly one new and one resolved; --fail-on new fails.
    let changed = changed_demo(dir.path());
    let next = dir.path().join("next.json");
    let out = scan(
        &changed,
        &["--baseline", base.to_str().unwrap(), "--fail-on", "new"],
        &next,
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let doc = read_json(&next);
    assert_eq!(count(&doc, "new"), 1);
    let new: Vec<&Value> = doc["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["baseline"] == "new")
        .collect();
    assert_eq!(new[0]["check_id"], "kms_key_rotation_enabled");
    assert_eq!(count(&doc, "unchanged"), base_failures - 1);
    let resolved = doc["resolved"].as_array().unwrap();
    assert_eq!(resolved.len(), 1, "{resolved:?}");
    assert_eq!(resolved[0]["check_id"], "ec2_ebs_encryption_by_default");
    assert_eq!(doc["summary"]["baseline"]["new"], 1);
    assert_eq!(doc["summary"]["baseline"]["resolved"], 1);

    // Unchanged findings keep the first-seen time of the baseline.
    let first_base: &str = base_doc["scan"]["started_at"].as_str().unwrap();
    let unchanged = doc["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["baseline"] == "unchanged")
        .unwrap();
    assert_eq!(unchanged["first_seen"], first_base);

    // The new finding is high enough? --min-severity critical ignores it (it is medium).
    let out = scan(
        &changed,
        &[
            "--baseline",
            base.to_str().unwrap(),
            "--fail-on",
            "new",
            "--min-severity",
            "critical",
        ],
        &next,
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));

    // stance diff reaches the same verdict from the two results alone.
    let diff = dir.path().join("diff.json");
    let out = run(stance()
        .args(["diff", "-q", "--fail-on", "new"])
        .arg(&base)
        .arg(&next)
        .arg("-o")
        .arg(format!("json={}", diff.display())));
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let diff_doc = read_json(&diff);
    assert_eq!(count(&diff_doc, "new"), 1);
    assert_eq!(diff_doc["resolved"].as_array().unwrap().len(), 1);
}

#[test]
fn resolved_is_not_claimed_for_unscanned_checks() {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().join("base.json");
    scan(&demo(), &["--fail-on", "never"], &base);
    // A run restricted to one check must not call every other baseline failure resolved.
    let next = dir.path().join("next.json");
    let out = scan(
        &demo(),
        &[
            "--baseline",
            base.to_str().unwrap(),
            "--select",
            "iam_root_mfa_enabled",
            "--fail-on",
            "new",
        ],
        &next,
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(read_json(&next)["resolved"].as_array().unwrap().len(), 0);
}

#[test]
fn malformed_baseline_is_an_input_error() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.json");
    std::fs::write(
        &bad,
        "{\"kind\": \"stance-result\", \"schema_version\": 1, \"results\": [}",
    )
    .unwrap();
    let out = run(stance()
        .args(["scan", "--baseline"])
        .arg(&bad)
        .arg("--inventory")
        .arg(demo()));
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains(&format!("{}:1:", bad.display())),
        "{}",
        stderr(&out)
    );
    // An inventory snapshot passed as a baseline gets a pointed message.
    let out = run(stance()
        .args(["scan", "--baseline"])
        .arg(demo())
        .arg("--inventory")
        .arg(demo()));
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("not a stance result"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn suppressions_hide_from_the_exit_code_but_stay_visible() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("suppressions.yaml");
    std::fs::write(
        &file,
        "suppressions:\n  - check: iam_root_no_access_keys\n    account: \"333333333333\"\n    reason: break-glass key in a sealed envelope\n    owner: secops\n  - check: iam_root_mfa_enabled\n    reason: old exception\n    owner: secops\n    expires: 2020-01-01\n",
    )
    .unwrap();
    let json_out = dir.path().join("r.json");
    let sarif_out = dir.path().join("r.sarif");
    let asff_out = dir.path().join("r.asff.json");
    let html_out = dir.path().join("r.html");
    let out = run(stance()
        .args([
            "scan",
            "-q",
            "--select",
            "iam_root_no_access_keys,iam_root_mfa_enabled",
            "--suppressions",
        ])
        .arg(&file)
        .arg("--inventory")
        .arg(demo())
        .arg("-o")
        .arg(format!("json={}", json_out.display()))
        .arg("-o")
        .arg(format!("sarif={}", sarif_out.display()))
        .arg("-o")
        .arg(format!("asff={}", asff_out.display()))
        .arg("-o")
        .arg(format!("html={}", html_out.display())));
    // The expired entry does not hide the sandbox root's missing MFA: still exit 1, with a warning.
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let doc = read_json(&json_out);
    let keys: Vec<&Value> = results_of(&doc, "iam_root_no_access_keys")
        .into_iter()
        .filter(|r| r["status"] == "FAIL")
        .collect();
    assert_eq!(keys.len(), 1);
    assert_eq!(keys[0]["suppressed_by"], 0);
    assert_eq!(
        doc["suppressions"][0]["reason"],
        "break-glass key in a sealed envelope"
    );
    assert_eq!(doc["suppressions"][1]["expired"], true);
    let mfa: Vec<&Value> = results_of(&doc, "iam_root_mfa_enabled")
        .into_iter()
        .filter(|r| r["status"] == "FAIL")
        .collect();
    assert!(mfa.iter().all(|r| r.get("suppressed_by").is_none()));
    let sarif = read_json(&sarif_out);
    let suppressed: Vec<&Value> = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r.get("suppressions").is_some())
        .collect();
    assert_eq!(suppressed.len(), 1);
    assert_eq!(suppressed[0]["suppressions"][0]["status"], "accepted");
    // ASFF: the suppressed failure stays FAILED, its workflow SUPPRESSED with the reason.
    let asff = read_json(&asff_out);
    let suppressed: Vec<&Value> = asff
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["Workflow"]["Status"] == "SUPPRESSED")
        .collect();
    assert_eq!(suppressed.len(), 1);
    assert_eq!(
        suppressed[0]["GeneratorId"],
        "stance/iam_root_no_access_keys"
    );
    assert_eq!(suppressed[0]["AwsAccountId"], "333333333333");
    assert_eq!(suppressed[0]["Compliance"]["Status"], "FAILED");
    assert!(
        suppressed[0]["Note"]["Text"]
            .as_str()
            .unwrap()
            .contains("break-glass key in a sealed envelope")
    );
    // HTML: the row says suppressed and why; the suppressions table flags the expired entry.
    let html = std::fs::read_to_string(&html_out).unwrap();
    assert_eq!(
        html.matches("suppressed: break-glass key in a sealed envelope (owner secops)")
            .count(),
        1
    );
    let table = &html[html.find("<section id=\"suppressions\">").unwrap()..];
    assert!(table.contains("expired 2020-01-01"), "{table}");

    // With only the valid suppression's check selected, the run is clean.
    let out = run(stance()
        .args([
            "scan",
            "-q",
            "--select",
            "iam_root_no_access_keys",
            "--suppressions",
        ])
        .arg(&file)
        .arg("--inventory")
        .arg(demo()));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));

    // A malformed suppressions file names its line.
    std::fs::write(
        &file,
        "suppressions:\n  - check: x\n    reason: r\n    owner: o\n    expires: next week\n",
    )
    .unwrap();
    let out = run(stance()
        .args(["scan", "-q", "--suppressions"])
        .arg(&file)
        .arg("--inventory")
        .arg(demo()));
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("suppressions.yaml:2: expires must be a date"),
        "{}",
        stderr(&out)
    );
}

/// The demo changed as [`changed_demo`] does, and one failing S3 bucket deleted outright.
fn changed_demo_without_a_bucket(dir: &Path) -> (std::path::PathBuf, String) {
    let mut inv = read_json(&changed_demo(dir));
    let mut removed = None;
    for account in inv["accounts"].as_array_mut().unwrap() {
        for region in account["regions"].as_array_mut().unwrap() {
            let resources = region["resources"].as_array_mut().unwrap();
            if removed.is_none()
                && let Some(i) = resources
                    .iter()
                    .position(|r| r["resource_type"] == "s3_bucket")
            {
                let r = resources.remove(i);
                removed = Some(r["meta"]["arn"].as_str().unwrap().to_string());
            }
        }
    }
    let path = dir.join("changed-without-bucket.json");
    std::fs::write(&path, serde_json::to_string(&inv).unwrap()).unwrap();
    (path, removed.expect("the demo has S3 buckets"))
}

#[test]
fn baseline_diff_reaches_asff_sarif_and_html() {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().join("base.json");
    let out = scan(&demo(), &["--fail-on", "never"], &base);
    assert!(out.status.success(), "{}", stderr(&out));
    // Pretend the baseline judged s3_bucket_public_access_block (high) as low: its unchanged
    // failures must report the severity change.
    let mut base_doc = read_json(&base);
    for c in base_doc["checks"].as_array_mut().unwrap() {
        if c["id"] == "s3_bucket_public_access_block" {
            c["severity"] = json!("low");
        }
    }
    std::fs::write(&base, serde_json::to_string(&base_doc).unwrap()).unwrap();

    let (changed, bucket) = changed_demo_without_a_bucket(dir.path());
    let (next, asff, sarif, html) = (
        dir.path().join("next.json"),
        dir.path().join("asff.json"),
        dir.path().join("next.sarif"),
        dir.path().join("next.html"),
    );
    let out = run(stance()
        .args(["scan", "-q", "--fail-on", "never", "--inventory"])
        .arg(&changed)
        .arg("--baseline")
        .arg(&base)
        .arg("-o")
        .arg(format!("json={}", next.display()))
        .arg("-o")
        .arg(format!("asff={}", asff.display()))
        .arg("-o")
        .arg(format!("sarif={}", sarif.display()))
        .arg("-o")
        .arg(format!("html={}", html.display())));
    assert!(out.status.success(), "{}", stderr(&out));
    let doc = read_json(&next);
    let first_base = base_doc["scan"]["started_at"].as_str().unwrap();

    // ASFF: one record per Id. The fixed EBS setting still exists: its one record is PASSED
    // and ACTIVE, first observed when the baseline first saw it fail. The deleted bucket's
    // failures are ARCHIVED.
    let asff = read_json(&asff);
    let records = asff.as_array().unwrap();
    let mut ids = std::collections::BTreeSet::new();
    for r in records {
        assert!(
            ids.insert(r["Id"].as_str().unwrap()),
            "duplicate Id {}",
            r["Id"]
        );
    }
    let fixed: Vec<&Value> = records
        .iter()
        .filter(|r| {
            r["GeneratorId"] == "stance/ec2_ebs_encryption_by_default"
                && r["AwsAccountId"] == "333333333333"
                && r["Region"] == "us-east-1"
        })
        .collect();
    assert_eq!(fixed.len(), 1, "{fixed:?}");
    assert_eq!(fixed[0]["Compliance"]["Status"], "PASSED");
    assert_eq!(fixed[0]["RecordState"], "ACTIVE");
    assert_eq!(fixed[0]["CreatedAt"], first_base);
    let archived: Vec<&Value> = records
        .iter()
        .filter(|r| r["RecordState"] == "ARCHIVED")
        .collect();
    assert!(!archived.is_empty());
    for r in &archived {
        assert_eq!(r["Resources"][0]["Id"], bucket.as_str(), "{r}");
        assert_eq!(r["Workflow"]["Status"], "RESOLVED");
    }
    let resolved = doc["resolved"].as_array().unwrap();
    assert_eq!(resolved.len(), archived.len() + 1, "{resolved:?}");
    // Every record of a baseline run is valid for BatchImportFindings.
    assert_valid_asff(records, dir.path());

    // SARIF: every result carries its baseline state, and the states add up to the JSON's.
    let sarif = read_json(&sarif);
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let state = |s: &str| results.iter().filter(|r| r["baselineState"] == s).count();
    assert_eq!(state("new"), count(&doc, "new"));
    assert_eq!(state("new"), 1);
    assert_eq!(state("unchanged"), count(&doc, "unchanged"));
    assert_eq!(state("new") + state("unchanged"), results.len());

    // Severity changes: in the JSON and in the HTML diff view.
    let changed_severity: Vec<&Value> = doc["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["baseline_severity"] == "low")
        .collect();
    assert!(!changed_severity.is_empty());
    assert!(
        changed_severity
            .iter()
            .all(|r| r["check_id"] == "s3_bucket_public_access_block" && r["severity"] == "high")
    );
    let html = std::fs::read_to_string(&html).unwrap();
    let diff = &html[html.find("<section id=\"diff\">").unwrap()..];
    let diff = &diff[..diff.find("</section>").unwrap()];
    assert!(diff.contains("id=\"severity-changes\""), "{diff}");
    assert_eq!(
        diff.matches("<td>s3_bucket_public_access_block</td>")
            .count(),
        changed_severity.len()
    );
    assert!(
        diff.contains(&bucket),
        "the resolved bucket is listed in the diff view"
    );
}
