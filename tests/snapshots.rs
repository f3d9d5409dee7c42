//! Snapshot tests of every output format (insta): one scan of a small fixed snapshot inventory
//! (`tests/fixtures/snapshot-inventory.json`, cut from the demo and edited so that PASS, FAIL,
//! NOT_APPLICABLE and NOT_EVALUATED all occur, with a coverage gap) and a fixed selection of
//! checks, so a change to a renderer shows up as a reviewable diff under `tests/snapshots/`.
//! The schema tests (tests/formats.rs) say whether an output is valid; these say what it holds.
//!
//! What changes from run to run (the scan's clock, its duration, stance's version) is replaced
//! by a placeholder before comparing; the inventory is passed by a path relative to the
//! repository so no absolute path reaches the outputs. To update after an intended change:
//! `INSTA_UPDATE=always cargo test --test snapshots`, then review the diff.
//!
//! A second scan of the same inventory, restricted with `--framework cis-aws-v4.0.1` (all the
//! framework's checks, so that its controls read as a real report would show them), gives the
//! per-control views: the JSON result's `controls`, the markdown and the terminal summary.

mod common;

use std::path::Path;
use std::sync::OnceLock;

use common::*;
use serde_json::Value;

/// Relative to the repository root, where the scan runs.
const INVENTORY: &str = "tests/fixtures/snapshot-inventory.json";

/// A fixed selection, so that a check added to the catalogue does not change every snapshot:
/// account-level and regional checks, every status, every severity but informational.
const CHECKS: &str = "config_recorder_enabled,cloudtrail_multi_region_trail_enabled,\
s3_bucket_requires_tls,s3_bucket_mfa_delete_enabled,ec2_security_group_no_admin_ports_ipv4,\
ec2_security_group_authorized_ports,iam_user_console_mfa,iam_root_mfa_enabled,\
kms_key_rotation_enabled,ec2_ebs_encryption_by_default";

const TIMESTAMP: &str = "[timestamp]";
const VERSION: &str = "[version]";
const DURATION: &str = "[duration]";

/// Every output of one scan, volatile fields redacted.
#[derive(Debug, PartialEq)]
struct Outputs {
    result: Value,
    sarif: Value,
    asff: Value,
    html: String,
    markdown: String,
    text: String,
}

fn scan(dir: &Path) -> Outputs {
    let path = |name: &str| dir.join(name).display().to_string();
    let out = run(stance()
        .current_dir(root())
        .args(["scan", "-q", "--fail-on", "never", "--inventory", INVENTORY])
        .args(["--select", CHECKS])
        .args(["-o", &format!("json={}", path("r.json"))])
        .args(["-o", &format!("sarif={}", path("r.sarif"))])
        .args(["-o", &format!("asff={}", path("r.asff.json"))])
        .args(["-o", &format!("html={}", path("r.html"))])
        .args(["-o", &format!("markdown={}", path("r.md"))])
        .args(["-o", &format!("text={}", path("r.txt"))]));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = |name: &str| std::fs::read_to_string(dir.join(name)).unwrap();

    let mut result = read_json(&dir.join("r.json"));
    // The clock values the text formats print, read before they are redacted.
    let clock: Vec<String> = ["started_at", "collected_at"]
        .iter()
        .map(|k| result["scan"][k].as_str().unwrap().to_string())
        .collect();
    redact_result(&mut result);
    let mut sarif = read_json(&dir.join("r.sarif"));
    set(
        &mut sarif["runs"][0]["tool"]["driver"],
        "semanticVersion",
        VERSION,
    );
    let mut asff = read_json(&dir.join("r.asff.json"));
    for finding in asff.as_array_mut().unwrap() {
        for key in [
            "CreatedAt",
            "UpdatedAt",
            "FirstObservedAt",
            "LastObservedAt",
        ] {
            set(finding, key, TIMESTAMP);
        }
    }
    Outputs {
        result,
        sarif,
        asff,
        html: redact_text(&html_structure(&text("r.html")), &clock),
        markdown: redact_text(&text("r.md"), &clock),
        text: redact_duration(&redact_text(&text("r.txt"), &clock)),
    }
}

/// Replaces a field that must be present (a renamed field fails here, not silently).
fn set(object: &mut Value, key: &str, placeholder: &str) {
    let field = object
        .get_mut(key)
        .unwrap_or_else(|| panic!("{key} missing"));
    assert!(field.is_string() || field.is_number(), "{key}: {field}");
    *field = Value::from(placeholder);
}

fn redact_result(result: &mut Value) {
    set(&mut result["tool"], "version", VERSION);
    set(&mut result["scan"], "started_at", TIMESTAMP);
    set(&mut result["scan"], "collected_at", TIMESTAMP);
    set(&mut result["scan"], "duration_ms", DURATION);
    // A failure seen for the first time is first seen now (other results carry no date).
    for r in result["results"].as_array_mut().unwrap() {
        if r.get("first_seen").is_some() {
            set(r, "first_seen", TIMESTAMP);
        }
    }
}

fn redact_text(text: &str, clock: &[String]) -> String {
    let mut text = text.replace(env!("CARGO_PKG_VERSION"), VERSION);
    for t in clock {
        text = text.replace(t.as_str(), TIMESTAMP);
    }
    text
}

/// The terminal summary's `... checks in 0.4s`.
fn redact_duration(text: &str) -> String {
    let marker = " checks in ";
    let start = text.find(marker).expect("the summary gives the duration") + marker.len();
    let len = text[start..]
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .expect("a unit follows");
    assert!(len > 0, "no duration after {marker:?}");
    format!("{}{DURATION}{}", &text[..start], &text[start + len + 1..])
}

/// The page's markup without its inline stylesheet and script: those are fixed assets (and the
/// script is exercised in Chromium by tests/html.rs); the markup is what the scan fills in.
fn html_structure(html: &str) -> String {
    let cut = |text: &str, open: &str, close: &str| -> String {
        let start = text.find(open).unwrap_or_else(|| panic!("{open} missing"));
        let end = text[start..]
            .find(close)
            .unwrap_or_else(|| panic!("{close} missing"))
            + start
            + close.len();
        format!(
            "{}{open}[fixed asset]{close}{}",
            &text[..start],
            &text[end..]
        )
    };
    cut(&cut(html, "<style>", "</style>"), "<script>", "</script>")
}

fn outputs() -> &'static Outputs {
    static OUTPUTS: OnceLock<Outputs> = OnceLock::new();
    OUTPUTS.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        scan(dir.path())
    })
}

/// The framework of the `--framework` scan.
const FRAMEWORK: &str = "cis-aws-v4.0.1";

/// The per-control outputs of the `--framework` scan.
#[derive(Debug, PartialEq)]
struct FrameworkOutputs {
    /// The whole JSON result (redacted).
    result: Value,
    markdown: String,
    text: String,
}

fn framework_scan(dir: &Path) -> FrameworkOutputs {
    let path = |name: &str| dir.join(name).display().to_string();
    let out = run(stance()
        .current_dir(root())
        .args(["scan", "-q", "--fail-on", "never", "--inventory", INVENTORY])
        .args(["--framework", FRAMEWORK])
        .args(["-o", &format!("json={}", path("r.json"))])
        .args(["-o", &format!("markdown={}", path("r.md"))])
        .args(["-o", &format!("text={}", path("r.txt"))]));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = |name: &str| std::fs::read_to_string(dir.join(name)).unwrap();
    let mut result = read_json(&dir.join("r.json"));
    let clock: Vec<String> = ["started_at", "collected_at"]
        .iter()
        .map(|k| result["scan"][k].as_str().unwrap().to_string())
        .collect();
    redact_result(&mut result);
    FrameworkOutputs {
        result,
        markdown: redact_text(&text("r.md"), &clock),
        text: redact_duration(&redact_text(&text("r.txt"), &clock)),
    }
}

fn framework_outputs() -> &'static FrameworkOutputs {
    static OUTPUTS: OnceLock<FrameworkOutputs> = OnceLock::new();
    OUTPUTS.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        framework_scan(dir.path())
    })
}

/// The control ids of the framework, in the order of its list in `checks/frameworks/`.
fn framework_control_ids() -> Vec<String> {
    let file = root().join(format!("checks/frameworks/{FRAMEWORK}.csv"));
    csv::Reader::from_path(file)
        .unwrap()
        .records()
        .map(|r| r.unwrap()[0].to_string())
        .collect()
}

#[test]
fn a_second_scan_gives_the_same_outputs() {
    // Order and content must not depend on hash seeds or thread scheduling: a snapshot that
    // passed only by luck would fail at random later.
    let dir = tempfile::tempdir().unwrap();
    assert!(
        scan(dir.path()) == *outputs(),
        "outputs differ between two scans"
    );
    let dir = tempfile::tempdir().unwrap();
    assert!(
        framework_scan(dir.path()) == *framework_outputs(),
        "--framework outputs differ between two scans"
    );
}

#[test]
fn json_result() {
    insta::assert_json_snapshot!("result", outputs().result);
}

#[test]
fn sarif() {
    insta::assert_json_snapshot!("sarif", outputs().sarif);
}

#[test]
fn asff() {
    insta::assert_json_snapshot!("asff", outputs().asff);
}

#[test]
fn html_markup() {
    insta::assert_snapshot!("html", outputs().html);
}

#[test]
fn markdown_summary() {
    insta::assert_snapshot!("markdown", outputs().markdown);
}

#[test]
fn terminal_summary_without_colour() {
    let text = &outputs().text;
    assert!(!text.contains('\u{1b}'), "colour codes in the plain text");
    insta::assert_snapshot!("text", text);
}

#[test]
fn framework_controls_in_the_json_result() {
    let result = &framework_outputs().result;
    assert_eq!(result["scan"]["frameworks"], serde_json::json!([FRAMEWORK]));
    insta::assert_json_snapshot!("framework_controls", result["controls"]);
}

#[test]
fn framework_markdown_summary() {
    insta::assert_snapshot!("framework_markdown", framework_outputs().markdown);
}

#[test]
fn framework_terminal_summary() {
    let text = &framework_outputs().text;
    assert!(!text.contains('\u{1b}'), "colour codes in the plain text");
    insta::assert_snapshot!("framework_text", text);
}

#[test]
fn framework_controls_follow_the_framework_order_with_every_status() {
    let outputs = framework_outputs();
    let controls = outputs.result["controls"].as_array().unwrap();
    let order = framework_control_ids();
    let ids: Vec<&str> = controls.iter().map(|c| c["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids, order,
        "the JSON lists the controls in the framework's order"
    );
    assert!(controls.iter().all(|c| c["framework"] == FRAMEWORK));
    let with = |status: &str| -> Vec<&Value> {
        controls.iter().filter(|c| c["status"] == status).collect()
    };
    // A manual control no check covers: MANUAL, with guidance and no checks.
    let manual = with("MANUAL");
    assert!(!manual.is_empty());
    for c in &manual {
        assert!(c["guidance"].as_str().is_some_and(|g| !g.is_empty()), "{c}");
        assert_eq!(c["checks"], serde_json::json!([]), "{c}");
    }
    // The coverage gap (kms ListKeys denied) leaves CIS 3.6 (KMS key rotation) unevaluated.
    let not_evaluated = with("NOT_EVALUATED");
    assert!(
        not_evaluated.iter().any(|c| c["id"] == "3.6"),
        "{not_evaluated:?}"
    );
    for c in &not_evaluated {
        assert!(c["not_evaluated"].as_u64().unwrap() > 0, "{c}");
        assert_eq!(c["failing"], 0, "{c}");
    }
    for c in with("FAIL") {
        assert!(c["failing"].as_u64().unwrap() > 0, "{c}");
        assert!(!c["checks"].as_array().unwrap().is_empty(), "{c}");
    }
    assert!(!with("PASS").is_empty());

    // The markdown table and the terminal lines list the same controls in the same order,
    // with the same statuses.
    let status_of = |id: &str| -> &str {
        controls.iter().find(|c| c["id"] == id).unwrap()["status"]
            .as_str()
            .unwrap()
    };
    let rows: Vec<(&str, &str)> = outputs
        .markdown
        .lines()
        .filter_map(|l| {
            let cells: Vec<&str> = l.split('|').map(str::trim).collect();
            (cells.len() == 8 && order.iter().any(|id| id == cells[1]))
                .then(|| (cells[1], cells[2].trim_matches('*')))
        })
        .collect();
    assert_eq!(rows.iter().map(|r| r.0).collect::<Vec<_>>(), ids);
    for (id, status) in rows {
        assert_eq!(status, status_of(id), "markdown row of {id}");
    }
    let lines: Vec<(&str, &str)> = outputs
        .text
        .lines()
        .filter_map(|l| {
            let mut words = l.split_whitespace();
            let (id, status) = (words.next()?, words.next()?);
            (l.starts_with("  ") && order.iter().any(|o| o == id)).then_some((id, status))
        })
        .collect();
    assert_eq!(lines.iter().map(|r| r.0).collect::<Vec<_>>(), ids);
    for (id, status) in lines {
        assert_eq!(status, status_of(id), "terminal line of {id}");
    }
}

#[test]
fn framework_results_read_back_with_and_without_controls() {
    // `controls` is derived: a result read back (baselines, `stance merge`) is accepted with it
    // and without it, and writing it again recomputes the same controls.
    let dir = tempfile::tempdir().unwrap();
    let mut result = framework_outputs().result.clone();
    let expected = result["controls"].clone();
    // Unredact what the reader parses.
    result["scan"]["started_at"] = Value::from("2026-11-01T00:00:00Z");
    result["scan"]["collected_at"] = Value::from("2026-11-01T00:00:00Z");
    result["scan"]["duration_ms"] = Value::from(1);
    for r in result["results"].as_array_mut().unwrap() {
        if r.get("first_seen").is_some() {
            r["first_seen"] = Value::from("2026-11-01T00:00:00Z");
        }
    }
    let with = dir.path().join("with.json");
    std::fs::write(&with, result.to_string()).unwrap();
    result.as_object_mut().unwrap().remove("controls");
    let without = dir.path().join("without.json");
    std::fs::write(&without, result.to_string()).unwrap();
    for input in [&with, &without] {
        let merged = dir.path().join("merged.json");
        let out = run(stance()
            .args(["merge", "-q", "--fail-on", "never"])
            .arg(input)
            .args(["-o", &format!("json={}", merged.display())]));
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        assert_eq!(
            read_json(&merged)["controls"],
            expected,
            "{}",
            input.display()
        );
        // And as a baseline.
        let out = run(stance()
            .current_dir(root())
            .args(["scan", "-q", "--fail-on", "never", "--inventory", INVENTORY])
            .args(["--framework", FRAMEWORK, "--baseline"])
            .arg(input)
            .args(["-o", &format!("json={}", merged.display())]));
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        assert_eq!(
            read_json(&merged)["controls"],
            expected,
            "{}",
            input.display()
        );
    }
}
