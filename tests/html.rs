//! The HTML report in a real browser: headless Chromium through ChromeDriver (installed by
//! .ci/run). It renders without console errors, a filter click narrows the table, and a
//! resource name carrying `<script>` shows as text without running.

mod common;

use common::*;
use serde_json::Value;

#[test]
fn html_report_works_in_headless_chromium() {
    assert!(
        have("chromium") && have("chromedriver"),
        "chromium and chromedriver must be installed (.ci/run installs them)"
    );
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("report.html");
    let out = run(stance()
        .args(["scan", "-q", "--fail-on", "never", "--inventory"])
        .arg(demo())
        .arg("-o")
        .arg(format!("html={}", html.display())));
    assert!(out.status.success(), "{}", stderr(&out));
    let out = std::process::Command::new("python3")
        .arg(root().join("tests/support/html_check.py"))
        .arg(&html)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    let seen: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        seen["console_errors"],
        serde_json::json!([]),
        "console errors: {}",
        seen["console_errors"]
    );
    let (initial, after) = (
        seen["rows_initial"].as_u64().unwrap(),
        seen["rows_after_click"].as_u64().unwrap(),
    );
    assert!(
        initial > 0 && after > 0 && after < initial,
        "filter click: {initial} -> {after}"
    );
    assert_eq!(seen["clicked_all_critical"], true);
    let text = seen["xss_text"]
        .as_str()
        .expect("the hostile name is in the table");
    assert!(
        text.contains("<script>alert(\"stance-xss\")</script>"),
        "{text}"
    );
    assert_eq!(seen["alert_open"], false, "the hostile name must not run");
}
