//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use serde_json::Value;

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The demo snapshot.
pub fn demo() -> PathBuf {
    root().join("examples/demo/inventory.json")
}

/// A `stance` command with a clean environment: no CI or GitHub variables leak in, logs are
/// quiet and colours off, so outputs are deterministic.
pub fn stance() -> Command {
    let mut cmd = Command::cargo_bin("stance").expect("binary built");
    for (key, _) in std::env::vars() {
        if key == "CI" || key.starts_with("GITHUB_") || key.starts_with("AWS_") || key == "RUST_LOG"
        {
            cmd.env_remove(&key);
        }
    }
    cmd.env("NO_COLOR", "1").env("STANCE_NO_PROGRESS", "1");
    cmd
}

/// Runs a command and returns its output without asserting.
pub fn run(cmd: &mut Command) -> Output {
    cmd.output().expect("stance runs")
}

/// Reads a JSON file.
pub fn read_json(path: &Path) -> Value {
    let text =
        std::fs::read_to_string(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("parse {}: {e}", path.display()))
}

/// The results of a JSON result file for one check.
pub fn results_of<'a>(doc: &'a Value, check: &str) -> Vec<&'a Value> {
    doc["results"]
        .as_array()
        .expect("results array")
        .iter()
        .filter(|r| r["check_id"] == check)
        .collect()
}

/// The status of `check` on the resource whose id contains `resource`.
pub fn status_of(doc: &Value, check: &str, resource: &str) -> String {
    let hits: Vec<&Value> = results_of(doc, check)
        .into_iter()
        .filter(|r| {
            r["resource"]["id"]
                .as_str()
                .is_some_and(|id| id.contains(resource))
        })
        .collect();
    assert_eq!(
        hits.len(),
        1,
        "expected one {check} result on {resource}, got {}",
        hits.len()
    );
    hits[0]["status"].as_str().unwrap_or_default().to_string()
}

/// Whether a program is on PATH.
pub fn have(program: &str) -> bool {
    std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("command -v {program}"))
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false)
}

/// stderr as text.
pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// stdout as text.
pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Validates ASFF findings with botocore's SecurityHub model (tests/support/validate_asff.py),
/// in BatchImportFindings-sized batches written under `dir`.
pub fn assert_valid_asff(findings: &[Value], dir: &Path) {
    let validator = root().join("tests/support/validate_asff.py");
    for (i, batch) in findings.chunks(100).enumerate() {
        let path = dir.join(format!("asff-batch{i}.json"));
        std::fs::write(&path, serde_json::to_string(batch).unwrap()).unwrap();
        let out = std::process::Command::new("python3")
            .arg(&validator)
            .arg(&path)
            .output()
            .expect("python3 runs");
        assert!(
            out.status.success(),
            "batch {i}:\n{}{}",
            stdout(&out),
            stderr(&out)
        );
    }
}
