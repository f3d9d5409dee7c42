//! Hostile data: untrusted strings render inert in every output, and secrets (credentials,
//! environment variable values, user data, secret strings) never reach logs or outputs.

mod common;
#[path = "support/moto.rs"]
mod moto;

use std::path::Path;

use common::*;
use serde_json::json;

const HOSTILE_NAME: &str =
    "<img src=x onerror=alert(1)>[click](https://evil.example)\u{1b}[31mred\u{1b}[0m|`code`";

/// A snapshot whose names and tags carry HTML, markdown and ANSI escape sequences.
fn hostile_snapshot(dir: &Path) -> std::path::PathBuf {
    let inv = json!({
        "schema_version": 1,
        "collected_at": "2026-11-01T00:00:00Z",
        "accounts": [{
            "account_id": "111111111111",
            "regions": [{"region": "us-east-1", "resources": [
                {
                    "resource_type": "s3_bucket",
                    "meta": {"id": "arn:aws:s3:::hostile", "arn": "arn:aws:s3:::hostile", "name": HOSTILE_NAME,
                             "tags": {"owner": HOSTILE_NAME, "<script>": "</td><script>alert(2)</script>"}},
                },
                {
                    "resource_type": "ec2_security_group",
                    "meta": {"id": "sg-hostile", "name": HOSTILE_NAME},
                    "group_id": "sg-1\u{1b}]0;pwned\u{7}", "group_name": HOSTILE_NAME,
                    "ingress": [{"protocol": "tcp", "from_port": 22, "to_port": 22, "ipv4_ranges": ["0.0.0.0/0"]}]
                }
            ]}]
        }]
    });
    let path = dir.join("hostile.json");
    std::fs::write(&path, serde_json::to_string(&inv).unwrap()).unwrap();
    path
}

#[test]
fn untrusted_strings_render_inert_everywhere() {
    let dir = tempfile::tempdir().unwrap();
    let snap = hostile_snapshot(dir.path());
    let p = |n: &str| dir.path().join(n);
    let out = run(stance()
        .args(["scan", "--fail-on", "never", "--inventory"])
        .arg(&snap)
        .args(["-o", &format!("html={}", p("r.html").display())])
        .args(["-o", &format!("sarif={}", p("r.sarif").display())])
        .args(["-o", &format!("markdown={}", p("r.md").display())])
        .args(["-o", &format!("text={}", p("r.txt").display())]));
    assert!(out.status.success(), "{}", stderr(&out));
    let read = |n: &str| std::fs::read_to_string(p(n)).unwrap();

    let html = read("r.html");
    assert!(!html.contains("<img src=x"), "raw <img> in HTML");
    assert!(!html.contains("<script>alert(2)"), "raw <script> in HTML");
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert_eq!(
        html.matches("<script>").count(),
        1,
        "only the report's own script"
    );

    // SARIF: link syntax escaped, control characters gone.
    let sarif = read("r.sarif");
    assert!(!sarif.contains("\\u001b"), "escape sequences in SARIF");
    assert!(
        !sarif.contains("[click](https://evil.example)"),
        "live markdown link in SARIF"
    );
    let doc: serde_json::Value = serde_json::from_str(&sarif).unwrap();
    for r in doc["runs"][0]["results"].as_array().unwrap() {
        let text = r["message"]["text"].as_str().unwrap();
        assert!(
            !text.chars().any(|c| c.is_control() && c != '\n'),
            "{text:?}"
        );
    }

    // Markdown (GitHub job summary): no live HTML, link or table break.
    let md = read("r.md");
    assert!(
        !md.replace("\\<", "").contains("<img"),
        "unescaped <img> in markdown: {md}"
    );
    assert!(!md.contains("[click]("), "{md}");
    assert!(!md.contains('\u{1b}'));
    assert!(md.contains("\\<img"));

    // Terminal and text outputs: no escape sequences reach the terminal.
    assert!(!read("r.txt").contains('\u{1b}'));
    assert!(
        !stdout(&out).contains('\u{1b}'),
        "terminal output carries an escape sequence"
    );
}

#[test]
fn secrets_never_reach_logs_or_outputs() {
    let moto = moto::Moto::start();
    let dir = tempfile::tempdir().unwrap();
    moto.seed(
        "111111111111",
        "us-east-1",
        &dir.path().join("manifest.json"),
    );
    let seeded = std::process::Command::new("python3")
        .env("AWS_ACCESS_KEY_ID", "seed")
        .env("AWS_SECRET_ACCESS_KEY", "seed")
        .env("AWS_DEFAULT_REGION", "us-east-1")
        .arg(root().join("tests/support/seed_secrets.py"))
        .args([
            "--endpoint",
            &moto.endpoint(),
            "--account",
            "111111111111",
            "--role-name",
            "StanceAudit",
            "--region",
            "us-east-1",
        ])
        .output()
        .unwrap();
    assert!(
        seeded.status.success(),
        "{}",
        String::from_utf8_lossy(&seeded.stderr)
    );
    let mut canaries: Vec<String> = String::from_utf8_lossy(&seeded.stdout)
        .lines()
        .map(str::to_string)
        .collect();
    assert_eq!(canaries.len(), 4);
    let secret_key = "stance-canary-secret-access-key-3d1f";
    canaries.push(secret_key.to_string());
    let p = |n: &str| dir.path().join(n);
    let out = run(stance()
        .env("AWS_ACCESS_KEY_ID", "AKIASTANCECANARY0001")
        .env("AWS_SECRET_ACCESS_KEY", secret_key)
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env("RUST_LOG", "trace")
        .args([
            "scan",
            "-vvv",
            "--fail-on",
            "never",
            "--endpoint-url",
            &moto.endpoint(),
            "--accounts",
            "111111111111",
            "--role-name",
            "StanceAudit",
            "--regions",
            "us-east-1",
        ])
        .args(["-o", &format!("json={}", p("r.json").display())])
        .args(["-o", &format!("sarif={}", p("r.sarif").display())])
        .args(["-o", &format!("asff={}", p("r.asff").display())])
        .args(["-o", &format!("html={}", p("r.html").display())])
        .args(["-o", &format!("markdown={}", p("r.md").display())]));
    assert!(out.status.success(), "{}", stderr(&out));
    let inv = run(stance()
        .env("AWS_ACCESS_KEY_ID", "AKIASTANCECANARY0001")
        .env("AWS_SECRET_ACCESS_KEY", secret_key)
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .args([
            "inventory",
            "--endpoint-url",
            &moto.endpoint(),
            "--accounts",
            "111111111111",
            "--role-name",
            "StanceAudit",
            "--regions",
            "us-east-1",
            "-o",
        ])
        .arg(p("inventory.json")));
    assert!(inv.status.success(), "{}", stderr(&inv));
    let mut haystacks = vec![
        ("stdout".to_string(), stdout(&out)),
        ("stderr (trace logs)".to_string(), stderr(&out)),
    ];
    for f in [
        "r.json",
        "r.sarif",
        "r.asff",
        "r.html",
        "r.md",
        "inventory.json",
    ] {
        haystacks.push((f.to_string(), std::fs::read_to_string(p(f)).unwrap()));
    }
    assert!(
        stderr(&out).len() > 10_000,
        "trace logging produced too little to be a meaningful test"
    );
    for (name, text) in &haystacks {
        for canary in &canaries {
            assert!(
                !text.contains(canary.as_str()),
                "{canary} leaked into {name}"
            );
        }
    }
    // The names of the variables are kept (they are useful and not secret); the values are not.
    assert!(
        std::fs::read_to_string(p("inventory.json"))
            .unwrap()
            .contains("DB_PASSWORD")
    );
}
