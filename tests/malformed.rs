//! Malformed and oversized input, table-driven: each case gives its exact error (file, line,
//! reason) and exit code, and never a panic.

mod common;

use common::*;

struct Case {
    name: &'static str,
    file: &'static str,
    content: String,
    args: fn(&str) -> Vec<String>,
    code: i32,
    message: String,
}

fn s(v: &[&str]) -> Vec<String> {
    v.iter().map(|x| x.to_string()).collect()
}

#[test]
fn malformed_inputs_give_exact_errors_and_exit_codes() {
    let demo = demo().display().to_string();
    let deep = format!(
        "{{\"schema_version\": 1, \"collected_at\": \"2026-01-01T00:00:00Z\", \"accounts\": {}{}}}",
        "[".repeat(5_000),
        "]".repeat(5_000)
    );
    let cases = vec![
        Case {
            name: "snapshot syntax error",
            file: "snap.json",
            content: "{\n  \"schema_version\": 1,\n  \"accounts\": [,]\n}\n".into(),
            args: |f| s(&["scan", "--inventory", f]),
            code: 2,
            message: "snap.json:3:16: expected value".into(),
        },
        Case {
            name: "snapshot from the future",
            file: "snap.json",
            content: "{\"schema_version\": 2, \"collected_at\": \"2026-01-01T00:00:00Z\", \"accounts\": []}".into(),
            args: |f| s(&["scan", "--inventory", f]),
            code: 2,
            message: "snap.json: unsupported snapshot schema_version 2 (this stance reads version 1)".into(),
        },
        Case {
            name: "snapshot with an unknown resource type",
            file: "snap.json",
            content: "{\"schema_version\": 1, \"collected_at\": \"2026-01-01T00:00:00Z\", \"accounts\": [{\"account_id\": \"111111111111\", \"regions\": [{\"region\": \"us-east-1\", \"resources\": [{\"resource_type\": \"s3_buckett\", \"meta\": {\"id\": \"x\"}}]}]}]}".into(),
            args: |f| s(&["scan", "--inventory", f]),
            code: 2,
            message: "unknown variant `s3_buckett`".into(),
        },
        Case {
            name: "deeply nested snapshot",
            file: "deep.json",
            content: deep,
            args: |f| s(&["scan", "--inventory", f]),
            code: 2,
            message: "deep.json:1:".into(),
        },
        Case {
            name: "baseline that is not a result",
            file: "base.json",
            content: "{\"kind\": \"something-else\"}".into(),
            args: |f| vec!["scan".into(), "--baseline".into(), f.into(), "--inventory".into(), demo_path()],
            code: 2,
            message: "base.json: not a stance result".into(),
        },
        Case {
            name: "suppressions with a bad glob",
            file: "s.yaml",
            content: "suppressions:\n  - resource: \"arn:[\"\n    reason: r\n    owner: o\n".into(),
            args: |f| vec!["scan".into(), "--suppressions".into(), f.into(), "--inventory".into(), demo_path()],
            code: 2,
            message: "s.yaml:2: invalid resource pattern".into(),
        },
        Case {
            name: "suppressions that are not YAML",
            file: "s.yaml",
            content: "suppressions: [\n  - {\n".into(),
            args: |f| vec!["scan".into(), "--suppressions".into(), f.into(), "--inventory".into(), demo_path()],
            code: 2,
            message: "s.yaml:".into(),
        },
        Case {
            name: "config with an unknown key",
            file: "c.toml",
            content: "[aws]\nregion = \"eu-west-1\"\n".into(),
            args: |f| vec!["--config".into(), f.into(), "scan".into(), "--inventory".into(), demo_path()],
            code: 2,
            message: "c.toml:2:1: unknown field `region`, expected one of".into(),
        },
        Case {
            name: "config that is not TOML",
            file: "c.toml",
            content: "[scan\nfail_on = \"new\"\n".into(),
            args: |f| vec!["--config".into(), f.into(), "scan".into(), "--inventory".into(), demo_path()],
            code: 2,
            message: "c.toml:1:".into(),
        },
        Case {
            name: "bad shard",
            file: "unused.txt",
            content: String::new(),
            args: |_| s(&["scan", "--shard", "4/3", "--regions", "us-east-1"]),
            code: 2,
            message: "--shard must be K/N with 1 <= K <= N, not \"4/3\"".into(),
        },
        Case {
            name: "bad account id",
            file: "unused.txt",
            content: String::new(),
            args: |_| s(&["scan", "--accounts", "12345", "--regions", "us-east-1"]),
            code: 2,
            message: "--accounts: \"12345\" is not a 12-digit account id".into(),
        },
        Case {
            name: "malformed CloudFormation among the templates",
            file: "tpl.yaml",
            content: "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties: {BucketName: [unclosed\n".into(),
            args: |f| s(&["scan", "--iac", f]),
            code: 4,
            message: "tpl.yaml:".into(),
        },
    ];
    let mut failures = Vec::new();
    for case in cases {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join(case.file);
        std::fs::write(&file, &case.content).unwrap();
        let args = (case.args)(&file.display().to_string());
        let out = run(stance().args(&args).arg("-q"));
        let err = stderr(&out);
        let ok = out.status.code() == Some(case.code)
            && err.contains(&case.message)
            && !err.contains("panicked");
        if !ok {
            failures.push(format!(
                "{}: exit {:?} (want {}), stderr: {err}",
                case.name,
                out.status.code(),
                case.code
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
    let _ = demo;
}

fn demo_path() -> String {
    demo().display().to_string()
}

#[test]
fn oversized_input_is_refused_before_reading() {
    let out = run(stance()
        .env("STANCE_MAX_INPUT_BYTES", "1000")
        .args(["scan", "--inventory"])
        .arg(demo()));
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("over the 1000-byte input limit (set STANCE_MAX_INPUT_BYTES to raise it)"),
        "{err}"
    );
}
