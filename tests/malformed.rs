//! Malformed and oversized input, table-driven: each case gives its exact error (file, line,
//! reason) and exit code, and never a panic.

mod common;

use common::*;

/// Whether a line of stderr ends with `message`, or, when `message` ends with `...` (a long
/// list of expected values), holds what comes before it. What precedes the message on the line
/// is the `error: ` prefix or the log prefix, and the temporary directory of the file.
fn says(line: &str, message: &str) -> bool {
    match message.strip_suffix("...") {
        Some(start) => line.contains(start),
        None => line.ends_with(message),
    }
}

struct Case {
    name: &'static str,
    file: &'static str,
    content: Vec<u8>,
    args: fn(&str) -> Vec<String>,
    code: i32,
    message: String,
}

fn s(v: &[&str]) -> Vec<String> {
    v.iter().map(|x| x.to_string()).collect()
}

#[test]
fn malformed_inputs_give_exact_errors_and_exit_codes() {
    let deep = format!(
        "{{\"schema_version\": 1, \"collected_at\": \"2026-01-01T00:00:00Z\", \"accounts\": {}{}}}",
        "[".repeat(5_000),
        "]".repeat(5_000)
    );
    // 100,000 levels of nesting, in each format and in fields that take any JSON value: every
    // parser stops at its depth limit (128) with an error naming the file, never a stack
    // overflow.
    const N: usize = 100_000;
    let nest = |open: &str, close: &str| format!("{}{}", open.repeat(N), close.repeat(N));
    let arrays = nest("[", "]");
    // Each anchor nests the previous alias 100 levels deeper: 300 lines, 30,000 levels.
    let alias_chain: String = (0..300)
        .map(|i| {
            let inner = if i == 0 {
                "x".to_string()
            } else {
                format!("*a{}", i - 1)
            };
            format!(
                "        - &a{i} {}{inner}{}\n",
                "[".repeat(100),
                "]".repeat(100)
            )
        })
        .collect();
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
            message: "snap.json:1:186: unknown variant `s3_buckett`, expected one of `account`, ...".into(),
        },
        Case {
            name: "deeply nested snapshot",
            file: "deep.json",
            content: deep.into(),
            args: |f| s(&["scan", "--inventory", f]),
            code: 2,
            message: "deep.json:1:76: invalid type: sequence, expected a string".into(),
        },
        Case {
            name: "snapshot nested 100,000 deep in a policy document",
            file: "deep.json",
            content: format!("{{\"schema_version\": 1, \"collected_at\": \"2026-01-01T00:00:00Z\", \"accounts\": [{{\"account_id\": \"111111111111\", \"regions\": [{{\"region\": \"us-east-1\", \"resources\": [{{\"resource_type\": \"iam_policy\", \"meta\": {{\"id\": \"p\"}}, \"document\": {arrays}}}]}}]}}]}}").into(),
            args: |f| s(&["scan", "--inventory", f]),
            code: 2,
            message: "deep.json:1:342: recursion limit exceeded".into(),
        },
        Case {
            name: "baseline nested 100,000 deep in evidence",
            file: "base.json",
            content: format!("{{\"kind\": \"stance-result\", \"results\": [{{\"evidence\": {arrays}}}]}}").into(),
            args: |f| vec!["scan".into(), "--baseline".into(), f.into(), "--inventory".into(), demo_path()],
            code: 2,
            message: "base.json:1:176: recursion limit exceeded".into(),
        },
        Case {
            name: "suppressions nested 100,000 deep",
            file: "s.yaml",
            content: format!("suppressions: {arrays}\n").into(),
            args: |f| vec!["scan".into(), "--suppressions".into(), f.into(), "--inventory".into(), demo_path()],
            code: 2,
            message: "s.yaml:1:270: recursion limit exceeded".into(),
        },
        Case {
            name: "config nested 100,000 deep",
            file: "c.toml",
            content: format!("[scan]\nselect = {arrays}\n").into(),
            args: |f| vec!["--config".into(), f.into(), "scan".into(), "--inventory".into(), demo_path()],
            code: 2,
            message: "c.toml:2:90: cannot recurse further; max recursion depth met".into(),
        },
        Case {
            name: "config with a 100,000-part dotted table name",
            file: "c.toml",
            content: format!("[{}]\n", vec!["a"; N].join(".")).into(),
            args: |f| vec!["--config".into(), f.into(), "scan".into(), "--inventory".into(), demo_path()],
            code: 2,
            message: "c.toml: recursion limit".into(),
        },
        Case {
            name: "CloudFormation JSON nested 100,000 deep",
            file: "tpl.json",
            content: format!("{{\"AWSTemplateFormatVersion\": \"2010-09-09\", \"Resources\": {arrays}}}").into(),
            args: |f| s(&["scan", "--iac", f]),
            code: 4,
            message: "tpl.json:1:311: recursion limit exceeded".into(),
        },
        Case {
            name: "CloudFormation YAML nested 100,000 deep (block sequences)",
            file: "tpl.yaml",
            content: format!("AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      Tags:\n        {}x\n", "- ".repeat(N)).into(),
            args: |f| s(&["scan", "--iac", f]),
            code: 4,
            message: "tpl.yaml:7:257: nesting deeper than 128 levels".into(),
        },
        Case {
            name: "CloudFormation YAML nested 30,000 deep through chained aliases",
            file: "tpl.yaml",
            content: format!("AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      Tags:\n{alias_chain}").into(),
            args: |f| s(&["scan", "--iac", f]),
            code: 4,
            message: "tpl.yaml:8:115: alias expands to nesting deeper than 128 levels".into(),
        },
        Case {
            name: "Terraform plan nested 100,000 deep",
            file: "plan.json",
            content: format!("{{\"format_version\": \"1.2\", \"planned_values\": {arrays}}}").into(),
            args: |f| s(&["scan", "--iac", f]),
            code: 4,
            message: "plan.json:1:171: recursion limit exceeded".into(),
        },
        Case {
            name: "baseline that is not a result",
            file: "base.json",
            content: "{\"kind\": \"something-else\"}".into(),
            args: |f| vec!["scan".into(), "--baseline".into(), f.into(), "--inventory".into(), demo_path()],
            code: 2,
            message: "base.json: not a stance result (expected \"kind\": \"stance-result\"; an inventory snapshot goes to --inventory)".into(),
        },
        Case {
            name: "suppressions with a bad glob",
            file: "s.yaml",
            content: "suppressions:\n  - resource: \"arn:[\"\n    reason: r\n    owner: o\n".into(),
            args: |f| vec!["scan".into(), "--suppressions".into(), f.into(), "--inventory".into(), demo_path()],
            code: 2,
            message: "s.yaml:2: invalid resource pattern \"arn:[\": error parsing glob 'arn:[': unclosed character class; missing ']'".into(),
        },
        Case {
            name: "suppressions that are not YAML",
            file: "s.yaml",
            content: "suppressions: [\n  - {\n".into(),
            args: |f| vec!["scan".into(), "--suppressions".into(), f.into(), "--inventory".into(), demo_path()],
            code: 2,
            message: "s.yaml:2:3: \"-\" is only valid inside a block".into(),
        },
        Case {
            name: "config with an unknown key",
            file: "c.toml",
            content: "[aws]\nregion = \"eu-west-1\"\n".into(),
            args: |f| vec!["--config".into(), f.into(), "scan".into(), "--inventory".into(), demo_path()],
            code: 2,
            message: "c.toml:2:1: unknown field `region`, expected one of `profile`, ...".into(),
        },
        Case {
            name: "config that is not TOML",
            file: "c.toml",
            content: "[scan\nfail_on = \"new\"\n".into(),
            args: |f| vec!["--config".into(), f.into(), "scan".into(), "--inventory".into(), demo_path()],
            code: 2,
            message: "c.toml:1:6: unclosed table, expected `]`".into(),
        },
        Case {
            name: "bad shard",
            file: "unused.txt",
            content: Vec::new(),
            args: |_| s(&["scan", "--shard", "4/3", "--regions", "us-east-1"]),
            code: 2,
            message: "--shard must be K/N with 1 <= K <= N, not \"4/3\"".into(),
        },
        Case {
            name: "bad account id",
            file: "unused.txt",
            content: Vec::new(),
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
            message: "tpl.yaml:5:30: unclosed bracket '['".into(),
        },
        Case {
            name: "snapshot that is not UTF-8",
            file: "snap.json",
            content: b"{\"schema_version\": 1, \"x\": \"\xff\"}".to_vec(),
            args: |f| s(&["scan", "--inventory", f]),
            code: 2,
            message: "snap.json: not UTF-8 text (invalid byte at offset 28)".into(),
        },
        Case {
            name: "snapshot with a wrong type",
            file: "snap.json",
            content: "{\n  \"schema_version\": 1,\n  \"collected_at\": \"2026-01-01T00:00:00Z\",\n  \"accounts\": \"none\"\n}\n".into(),
            args: |f| s(&["scan", "--inventory", f]),
            code: 2,
            message: "snap.json:4:20: invalid type: string \"none\", expected a sequence".into(),
        },
        Case {
            name: "empty snapshot",
            file: "snap.json",
            content: Vec::new(),
            args: |f| s(&["scan", "--inventory", f]),
            code: 2,
            message: "snap.json:1:0: EOF while parsing a value".into(),
        },
        Case {
            name: "missing snapshot",
            file: "unused.txt",
            content: Vec::new(),
            args: |f| vec!["scan".into(), "--inventory".into(), format!("{f}.missing")],
            code: 2,
            message: "unused.txt.missing: cannot read: No such file or directory (os error 2)".into(),
        },
        Case {
            name: "baseline syntax error",
            file: "base.json",
            content: "{\"kind\": \"stance-result\",\n \"schema_version\": 1,\n \"results\": [}\n".into(),
            args: |f| vec!["scan".into(), "--baseline".into(), f.into(), "--inventory".into(), demo_path()],
            code: 2,
            message: "base.json:3:14: expected value".into(),
        },
        Case {
            name: "Terraform plan cut short",
            file: "plan.json",
            content: "{\n \"format_version\": \"1.2\",\n \"planned_values\": {\n".into(),
            args: |f| s(&["scan", "--iac", f]),
            code: 4,
            message: "plan.json:4:0: EOF while parsing an object".into(),
        },
        Case {
            name: "CloudFormation JSON syntax error",
            file: "tpl.json",
            content: "{\n \"Resources\": {\n  \"B\": {\"Type\": \"AWS::S3::Bucket\"\n }\n}\n".into(),
            args: |f| s(&["scan", "--iac", f]),
            code: 4,
            message: "tpl.json:1:1: unclosed bracket '{'".into(),
        },
        Case {
            name: "suppression without a reason",
            file: "s.yaml",
            content: "suppressions:\n  - check: s3_bucket_versioning_enabled\n    owner: o\n".into(),
            args: |f| vec!["scan".into(), "--suppressions".into(), f.into(), "--inventory".into(), demo_path()],
            code: 2,
            message: "s.yaml:3:5: missing field `reason`".into(),
        },
        Case {
            name: "check file with a Rego syntax error",
            file: "broken.rego",
            content: "# METADATA\n# title: t\n# description: d\n# custom:\n#   id: broken\n#   severity: low\n#   scope: resource\n#   resource_types: [s3_bucket]\n#   remediation: r\npackage my.broken\n\ncompliant if {\n  input.x ==\n}\n".into(),
            args: |f| vec!["scan".into(), "--inventory".into(), demo_path(), "--checks-dir".into(), parent(f)],
            code: 2,
            message: "broken.rego:14:1: expecting expression".into(),
        },
        Case {
            name: "check file with an unknown severity",
            file: "x.rego",
            content: "# METADATA\n# title: t\n# description: d\n# custom:\n#   id: broken\n#   severity: low\n#   scope: resource\n#   resource_types: [s3_bucket]\n#   remediation: r\npackage my.broken\n\ncompliant if {\n  input.x == 1\n}\n".replace("severity: low", "severity: urgent").into(),
            args: |f| vec!["checks".into(), "list".into(), "--checks-dir".into(), parent(f)],
            code: 2,
            message: "x.rego:6: invalid METADATA: unknown variant `urgent`, expected one of informational, low, medium, high, critical".into(),
        },
        Case {
            name: "unknown output format",
            file: "unused.txt",
            content: Vec::new(),
            args: |_| vec!["scan".into(), "-o".into(), "pdf=x.pdf".into(), "--inventory".into(), demo_path()],
            code: 2,
            message: "unknown output format `pdf` (expected one of: json, sarif, asff, html, markdown, text)".into(),
        },
        Case {
            name: "unknown check or framework in --select",
            file: "unused.txt",
            content: Vec::new(),
            args: |_| vec!["scan".into(), "--select".into(), "no_such_check".into(), "--inventory".into(), demo_path()],
            code: 2,
            message: "`no_such_check` is neither a check id nor a framework (see `stance checks list`)".into(),
        },
        Case {
            name: "unknown framework",
            file: "unused.txt",
            content: Vec::new(),
            args: |_| vec!["scan".into(), "--framework".into(), "cis-aws-v9".into(), "--inventory".into(), demo_path()],
            code: 2,
            message: "unknown framework `cis-aws-v9` for --framework".into(),
        },
        Case {
            name: "bad --fail-on value",
            file: "unused.txt",
            content: Vec::new(),
            args: |_| vec!["scan".into(), "--fail-on".into(), "sometimes".into(), "--inventory".into(), demo_path()],
            code: 2,
            message: "invalid value 'sometimes' for '--fail-on <FAIL_ON>'".into(),
        },
        Case {
            name: "unknown flag",
            file: "unused.txt",
            content: Vec::new(),
            args: |_| vec!["scan".into(), "--bogus".into(), "--inventory".into(), demo_path()],
            code: 2,
            message: "unexpected argument '--bogus' found".into(),
        },
        Case {
            name: "config over 1 MiB",
            file: "c.toml",
            content: format!("# {}\n", "x".repeat(1 << 20)).into(),
            args: |f| vec!["--config".into(), f.into(), "scan".into(), "--inventory".into(), demo_path()],
            code: 2,
            message: "c.toml: file is 1048579 bytes, over the 1048576-byte limit of a configuration file".into(),
        },
        Case {
            name: "config with a wrong type",
            file: "c.toml",
            content: "[scan]\nfail_on = 3\n".into(),
            args: |f| vec!["--config".into(), f.into(), "scan".into(), "--inventory".into(), demo_path()],
            code: 2,
            message: "c.toml:2:11: wanted string or table".into(),
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
            && err.lines().any(|line| says(line, &case.message))
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
}

fn demo_path() -> String {
    demo().display().to_string()
}

/// The directory holding `file`.
fn parent(file: &str) -> String {
    std::path::Path::new(file)
        .parent()
        .map(|p| p.display().to_string())
        .unwrap_or_default()
}

/// A 1 GiB file of each input kind (sparse: no disk space used) is refused by its size,
/// before a byte is read, with the same clear error.
#[test]
fn one_gigabyte_inputs_are_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let huge = |name: &str| {
        let path = dir.path().join(name);
        let file = std::fs::File::create(&path).unwrap();
        file.set_len(1 << 30).unwrap();
        path.display().to_string()
    };
    let demo = demo_path();
    let refused =
        "bytes, over the 536870912-byte input limit (set STANCE_MAX_INPUT_BYTES to raise it)";
    let cases: Vec<(Vec<String>, i32, &str)> = vec![
        (s(&["scan", "--inventory", &huge("snap.json")]), 2, refused),
        (
            s(&[
                "scan",
                "--inventory",
                &demo,
                "--baseline",
                &huge("base.json"),
            ]),
            2,
            refused,
        ),
        (
            s(&[
                "scan",
                "--inventory",
                &demo,
                "--suppressions",
                &huge("s.yaml"),
            ]),
            2,
            refused,
        ),
        (
            s(&["--config", &huge("c.toml"), "scan", "--inventory", &demo]),
            2,
            "bytes, over the 1048576-byte limit of a configuration file",
        ),
        // A template that cannot be read is a gap among the others: exit 4.
        (s(&["scan", "--iac", &huge("tpl.yaml")]), 4, refused),
    ];
    for (args, code, refused) in cases {
        let started = std::time::Instant::now();
        let out = run(stance().args(&args).arg("-q"));
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(code), "{args:?}: {err}");
        assert!(
            err.contains(&format!("file is {} {refused}", 1u64 << 30)),
            "{args:?}: {err}"
        );
        assert!(
            started.elapsed() < std::time::Duration::from_secs(20),
            "{args:?} took {:?}: the file was read",
            started.elapsed()
        );
    }
}

/// A pipe has no size to check: it is read up to the limit and refused past it.
#[test]
fn oversized_stream_is_refused_at_the_limit() {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_stance"))
        .env("STANCE_MAX_INPUT_BYTES", "1000")
        .args(["scan", "-q", "--inventory", "/dev/stdin"])
        .stdin(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    // Writes until stance stops reading; it must not wait for the end of the stream.
    let writer = std::thread::spawn(move || {
        use std::io::Write;
        let chunk = [b' '; 4096];
        for _ in 0..256 {
            if stdin.write_all(&chunk).is_err() {
                break;
            }
        }
    });
    let out = child.wait_with_output().unwrap();
    let _ = writer.join();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("/dev/stdin: file is more than 1000 bytes, over the 1000-byte input limit"),
        "{err}"
    );
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
