//! The command line end to end: check listing and testing, snapshot scans, bad input, exit codes.

mod common;

use common::*;
use serde_json::Value;

#[test]
fn checks_list_json_has_mapped_checks() {
    let out = run(stance().args(["checks", "list", "--format", "json"]));
    assert!(out.status.success(), "{}", stderr(&out));
    let list: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert!(list.len() >= 12, "only {} checks", list.len());
    for check in &list {
        for key in [
            "id",
            "title",
            "severity",
            "scope",
            "resource_types",
            "frameworks",
        ] {
            assert!(check.get(key).is_some(), "{} lacks {key}", check["id"]);
        }
        let frameworks = check["frameworks"].as_object().unwrap();
        assert!(
            frameworks
                .keys()
                .any(|k| k.starts_with("cis-aws") || k == "fsbp"),
            "{} has no CIS or FSBP mapping",
            check["id"]
        );
    }
}

#[test]
fn builtin_check_tests_pass_and_a_broken_test_fails() {
    let out = run(stance().args(["checks", "test"]));
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    assert!(stdout(&out).contains(" 0 failed"), "{}", stdout(&out));

    // Copy the checks, break one assertion, and expect exit 1 naming the test.
    let dir = tempfile::tempdir().unwrap();
    let src = root().join("checks/iam");
    for entry in std::fs::read_dir(&src).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
    }
    let test = dir.path().join("root_no_access_keys_test.rego");
    let text = std::fs::read_to_string(&test).unwrap();
    std::fs::write(&test, text.replace("root(0)", "root(3)")).unwrap();
    let out = run(stance()
        .args(["checks", "test", "--no-builtin-checks", "--checks-dir"])
        .arg(dir.path()));
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert!(
        stdout(&out).contains("test_pass_no_keys"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn a_check_without_a_failing_case_is_rejected() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("one_sided.rego"),
        "# METADATA\n# title: t\n# description: d\n# custom:\n#   id: my_one_sided\n#   severity: low\n#   scope: resource\n#   resource_types: [s3_bucket]\n#   remediation: r\npackage my.one_sided\n\ndefault compliant := false\n\ncompliant if input.versioning.status == \"Enabled\"\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("one_sided_test.rego"),
        "package my.one_sided_test\n\nimport data.my.one_sided as check\n\ntest_pass_x if check.compliant with input as {\"versioning\": {\"status\": \"Enabled\"}}\n",
    )
    .unwrap();
    let out = run(stance()
        .args(["checks", "test", "--no-builtin-checks", "--checks-dir"])
        .arg(dir.path()));
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert!(
        stdout(&out).contains(
            "check `my_one_sided` needs at least one failing case (a `test_fail_*` rule)"
        ),
        "{}",
        stdout(&out)
    );
}

#[test]
fn lint_follows_the_input_into_library_helpers() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("trails.rego"),
        "# Library: `doc` is an account-scope input.\npackage my.lib.trails\n\nmulti_region(doc) := {t |\n\tsome t in doc.resources.cloudtrail_trail\n\tt.is_multi_region_trial == true\n}\n\nbuckets(doc) := doc.resources.s3_buckets\n",
    )
    .unwrap();
    let out = run(stance()
        .args(["checks", "test", "--checks-dir"])
        .arg(dir.path()));
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    let text = stdout(&out);
    assert!(
        text.contains("trails.rego:6: `doc.resources.cloudtrail_trail[_].is_multi_region_trial` does not exist in the model of cloudtrail_trail"),
        "{text}"
    );
    assert!(
        text.contains(
            "trails.rego:9: `doc.resources.s3_buckets`: `s3_buckets` is not a resource type"
        ),
        "{text}"
    );
    // The built-in libraries read only what the model has.
    assert!(!text.contains("checks/lib/"), "{text}");
}

#[test]
fn lint_rejects_a_misspelled_field() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("typo.rego"),
        "# METADATA\n# title: t\n# description: d\n# custom:\n#   id: my_typo\n#   severity: low\n#   scope: resource\n#   resource_types: [s3_bucket]\n#   remediation: r\npackage my.typo\n\ndefault compliant := false\n\ncompliant if input.versioning.statuss == \"Enabled\"\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("typo_test.rego"),
        "package my.typo_test\n\nimport data.my.typo as check\n\ntest_pass_x if check.compliant with input as {\"versioning\": {\"statuss\": \"Enabled\"}}\n\ntest_fail_x if not check.compliant with input as {}\n",
    )
    .unwrap();
    let out = run(stance()
        .args(["checks", "test", "--no-builtin-checks", "--checks-dir"])
        .arg(dir.path()));
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains(
            "typo.rego:14: `input.versioning.statuss` does not exist in the model of s3_bucket"
        ),
        "{}",
        stdout(&out)
    );
}

#[test]
fn demo_scan_finds_the_demo_misconfigurations() {
    let dir = tempfile::tempdir().unwrap();
    let json = dir.path().join("out.json");
    let out = run(stance()
        .args(["scan", "--inventory"])
        .arg(demo())
        .arg("-o")
        .arg(format!("json={}", json.display())));
    assert_eq!(
        out.status.code(),
        Some(1),
        "findings exit 1: {}",
        stderr(&out)
    );
    let doc = read_json(&json);
    assert_eq!(doc["kind"], "stance-result");
    assert_eq!(doc["schema_version"], 1);
    // The sandbox account's root user has an access key; prod's does not.
    assert_eq!(
        status_of(&doc, "iam_root_no_access_keys", "333333333333:root"),
        "FAIL"
    );
    assert_eq!(
        status_of(&doc, "iam_root_no_access_keys", "111111111111:root"),
        "PASS"
    );
    // Sandbox has no password policy at all.
    assert_eq!(
        status_of(&doc, "iam_password_policy_min_length", "333333333333"),
        "FAIL"
    );
    assert_eq!(
        status_of(&doc, "iam_password_policy_min_length", "111111111111"),
        "PASS"
    );
    // Config records in every prod region, only in staging's home region, nowhere in sandbox.
    let config = results_of(&doc, "config_recorder_enabled");
    assert_eq!(config.len(), 9, "three accounts × three regions");
    for r in config {
        let (account, region) = (&r["resource"]["account_id"], &r["resource"]["region"]);
        let recording =
            account == "111111111111" || (account == "222222222222" && region == "us-east-1");
        assert_eq!(r["status"], if recording { "PASS" } else { "FAIL" }, "{r}");
    }
    // Every result has a stable 64-hex fingerprint and no result is an ERROR.
    for r in doc["results"].as_array().unwrap() {
        assert_eq!(r["fingerprint"].as_str().unwrap().len(), 64);
        assert_ne!(r["status"], "ERROR", "{r}");
    }
    // Failing less is not failing: --fail-on never exits 0.
    let out = run(stance()
        .args(["scan", "--fail-on", "never", "-q", "--inventory"])
        .arg(demo()));
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn fingerprints_are_stable_across_runs() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.json");
    let b = dir.path().join("b.json");
    for p in [&a, &b] {
        run(stance()
            .args(["scan", "-q", "--fail-on", "never", "--inventory"])
            .arg(demo())
            .arg("-o")
            .arg(format!("json={}", p.display())));
    }
    let fps = |p: &std::path::Path| -> Vec<String> {
        read_json(p)["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["fingerprint"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(fps(&a), fps(&b));
}

#[test]
fn malformed_snapshot_is_a_one_line_error_with_path_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, "{\n  \"schema_version\": 1,\n  \"collected_at\": \"2026-01-01T00:00:00Z\",\n  \"accounts\": [ ,\n}\n").unwrap();
    let out = run(stance().args(["scan", "--inventory"]).arg(&bad));
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(err.contains(&format!("{}:4:", bad.display())), "{err}");

    std::fs::write(&bad, "{\"schema_version\": 7, \"collected_at\": \"2026-01-01T00:00:00Z\", \"accounts\": [], \"new_thing\": 1}").unwrap();
    let out = run(stance().args(["scan", "--inventory"]).arg(&bad));
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("unsupported snapshot schema_version 7"),
        "{}",
        stderr(&out)
    );

    // A resource under the wrong account is caught, not silently re-homed.
    std::fs::write(
        &bad,
        r#"{"schema_version":1,"collected_at":"2026-01-01T00:00:00Z","accounts":[{"account_id":"111111111111","regions":[{"region":"global","resources":[{"resource_type":"iam_password_policy","meta":{"id":"p","account_id":"222222222222"},"exists":false}]}]}]}"#,
    )
    .unwrap();
    let out = run(stance().args(["scan", "--inventory"]).arg(&bad));
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("meta.account_id is \"222222222222\""),
        "{}",
        stderr(&out)
    );

    let out = run(stance().args(["scan", "--inventory", "/nonexistent/inventory.json"]));
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("/nonexistent/inventory.json: cannot read"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn rego_syntax_error_reports_file_line_col() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("broken.rego");
    std::fs::write(
        &bad,
        "# METADATA\n# title: t\n# description: d\n# custom:\n#   id: broken\n#   severity: low\n#   scope: resource\n#   resource_types: [s3_bucket]\n#   remediation: r\npackage my.broken\n\ncompliant if {\n  input.x ==\n}\n",
    )
    .unwrap();
    let out = run(stance()
        .args(["scan", "--inventory"])
        .arg(demo())
        .arg("--checks-dir")
        .arg(dir.path()));
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains(&format!("{}:14:1:", bad.display())), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "{err}");
}

#[test]
fn bad_metadata_and_unknown_functions_fail_at_load() {
    let dir = tempfile::tempdir().unwrap();
    let meta = "# METADATA\n# title: t\n# description: d\n# custom:\n#   id: x_check\n#   severity: urgent\n#   scope: resource\n#   resource_types: [s3_bucket]\n#   remediation: r\npackage my.x\n\ncompliant := true\n";
    std::fs::write(dir.path().join("x.rego"), meta).unwrap();
    let out = run(stance()
        .args(["checks", "list", "--checks-dir"])
        .arg(dir.path()));
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("x.rego:6:"), "{}", stderr(&out));

    std::fs::write(
        dir.path().join("x.rego"),
        meta.replace("urgent", "low")
            .replace("compliant := true", "compliant if no.such_builtin(input)"),
    )
    .unwrap();
    let out = run(stance()
        .args(["scan", "--inventory"])
        .arg(demo())
        .arg("--checks-dir")
        .arg(dir.path()));
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("x.rego:12:"), "{}", stderr(&out));
    assert!(stderr(&out).contains("no.such_builtin"), "{}", stderr(&out));
}

#[test]
fn usage_errors_exit_2() {
    let out = run(stance()
        .args(["scan", "--select", "no_such_check", "--inventory"])
        .arg(demo()));
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no_such_check"), "{}", stderr(&out));
    let out = run(stance()
        .args(["scan", "-o", "pdf=x.pdf", "--inventory"])
        .arg(demo()));
    assert_eq!(out.status.code(), Some(2));
    let out = run(stance()
        .args(["scan", "--framework", "cis-aws-v9"])
        .arg("--inventory")
        .arg(demo()));
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn select_and_framework_restrict_the_checks() {
    let dir = tempfile::tempdir().unwrap();
    let json = dir.path().join("r.json");
    let out = run(stance()
        .args([
            "scan",
            "-q",
            "--fail-on",
            "never",
            "--select",
            "fsbp:S3.8,iam_root_mfa_enabled",
            "--inventory",
        ])
        .arg(demo())
        .arg("-o")
        .arg(format!("json={}", json.display())));
    assert!(out.status.success(), "{}", stderr(&out));
    let doc = read_json(&json);
    let ids: std::collections::BTreeSet<&str> = doc["checks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert!(
        ids.contains("s3_bucket_public_access_block") && ids.contains("iam_root_mfa_enabled"),
        "{ids:?}"
    );
    assert!(ids.iter().all(|id| *id == "iam_root_mfa_enabled"
        || doc["checks"].as_array().unwrap().iter().any(|c| {
            c["id"] == *id
                && c["frameworks"]["fsbp"]
                    .as_array()
                    .is_some_and(|a| a.iter().any(|x| x == "S3.8"))
        })));

    let out = run(stance()
        .args([
            "scan",
            "-q",
            "--fail-on",
            "never",
            "--framework",
            "cis-aws-v3.0.0",
            "--inventory",
        ])
        .arg(demo())
        .arg("-o")
        .arg(format!("json={}", json.display())));
    assert!(out.status.success());
    let doc = read_json(&json);
    for c in doc["checks"].as_array().unwrap() {
        assert!(
            c["frameworks"]["cis-aws-v3.0.0"].is_array(),
            "{} is not a CIS v3 check",
            c["id"]
        );
    }

    // The summary shows the framework asked for, not the other frameworks its checks map to.
    let out = run(stance()
        .args([
            "scan",
            "--fail-on",
            "never",
            "--framework",
            "cis-aws-v5.0.0",
            "-o",
            "text=-",
            "--inventory",
        ])
        .arg(demo()));
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("CIS AWS Foundations Benchmark v5.0.0: "),
        "{text}"
    );
    for other in [
        "v3.0.0: ",
        "v4.0.1: ",
        "Foundational Security Best Practices: ",
    ] {
        assert!(!text.contains(other), "{other} in {text}");
    }
}

#[test]
fn committed_schemas_are_current() {
    for (which, file) in [
        ("inventory", "docs/schema/inventory.schema.json"),
        ("result", "docs/schema/result.schema.json"),
    ] {
        let out = run(stance().args(["schema", which]));
        assert!(out.status.success());
        let committed = std::fs::read_to_string(root().join(file)).unwrap();
        assert!(
            committed == stdout(&out),
            "{file} is stale: run `cargo run -- schema {which} > {file}`"
        );
    }
}

#[test]
fn committed_demo_snapshot_is_current() {
    let committed = std::fs::read_to_string(demo()).unwrap();
    assert!(
        committed == stance::demo::demo_snapshot_text(),
        "examples/demo/inventory.json is stale: run `cargo run --example generate_demo`"
    );
}

#[test]
fn config_file_applies_and_flags_override_it() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("stance.toml"),
        "[scan]\nfail_on = \"never\"\nframeworks = [\"fsbp\"]\noutputs = [\"json=reports/r.json\"]\n",
    )
    .unwrap();
    // Found in the working directory; its outputs resolve relative to it.
    let out = run(stance()
        .current_dir(dir.path())
        .args(["scan", "-q", "--inventory"])
        .arg(demo()));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let doc = read_json(&dir.path().join("reports/r.json"));
    assert_eq!(doc["scan"]["frameworks"][0], "fsbp");
    assert!(
        doc["checks"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["frameworks"]["fsbp"].is_array())
    );
    // A flag wins over the file.
    let out = run(stance()
        .current_dir(dir.path())
        .args(["scan", "-q", "--fail-on", "any", "--inventory"])
        .arg(demo()));
    assert_eq!(out.status.code(), Some(1));
    // --config names another file; a typo in a key is an error with its line.
    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, "[scan]\nfail_on = \"new\"\nmin_severty = \"high\"\n").unwrap();
    let out = run(stance()
        .arg("--config")
        .arg(&bad)
        .args(["scan", "-q", "--inventory"])
        .arg(demo()));
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains(&format!(
            "{}:3:1: unknown field `min_severty`",
            bad.display()
        )),
        "{}",
        stderr(&out)
    );
    std::fs::write(&bad, "[scan]\nfail_on = \"sometimes\"\n").unwrap();
    let out = run(stance()
        .arg("--config")
        .arg(&bad)
        .args(["scan", "-q", "--inventory"])
        .arg(demo()));
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains(&format!("{}:2:11:", bad.display())),
        "{}",
        stderr(&out)
    );
}

#[test]
fn each_flag_overrides_its_config_key() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("stance.toml"),
        "[scan]\nfail_on = \"never\"\nmin_severity = \"critical\"\nframeworks = [\"fsbp\"]\nignore = [\"s3_bucket_public_access_block\"]\noutputs = [\"json=file.json\", \"sarif=file.sarif\"]\nsarif_category = \"from-file\"\n",
    )
    .unwrap();
    let scan = |flags: &[&str]| {
        for f in ["file.json", "file.sarif", "flag.json"] {
            let _ = std::fs::remove_file(dir.path().join(f));
        }
        let out = run(stance()
            .current_dir(dir.path())
            .args(["scan", "-q", "--inventory"])
            .arg(demo())
            .args(flags));
        assert!(matches!(out.status.code(), Some(0 | 1)), "{}", stderr(&out));
        out.status.code().unwrap()
    };
    let json = |name: &str| read_json(&dir.path().join(name));
    let has_check = |doc: &Value, id: &str| {
        doc["checks"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["id"] == id)
    };

    // The file alone.
    assert_eq!(scan(&[]), 0);
    let doc = json("file.json");
    assert_eq!(doc["scan"]["frameworks"], serde_json::json!(["fsbp"]));
    assert!(!has_check(&doc, "s3_bucket_public_access_block"));
    assert!(
        json("file.sarif")["runs"][0]["automationDetails"]["id"]
            .as_str()
            .unwrap()
            .starts_with("stance/from-file/")
    );

    // --framework, --ignore, --sarif-category each replace their key.
    scan(&["--framework", "cis-aws-v4.0.1"]);
    assert_eq!(
        json("file.json")["scan"]["frameworks"],
        serde_json::json!(["cis-aws-v4.0.1"])
    );
    scan(&["--ignore", "iam_root_mfa_enabled"]);
    let doc = json("file.json");
    assert!(has_check(&doc, "s3_bucket_public_access_block"));
    assert!(!has_check(&doc, "iam_root_mfa_enabled"));
    scan(&["--sarif-category", "from-flag"]);
    assert!(
        json("file.sarif")["runs"][0]["automationDetails"]["id"]
            .as_str()
            .unwrap()
            .starts_with("stance/from-flag/")
    );

    // -o replaces the file's outputs.
    scan(&["-o", "json=flag.json"]);
    assert!(dir.path().join("flag.json").exists());
    assert!(!dir.path().join("file.json").exists());
    assert!(!dir.path().join("file.sarif").exists());

    // --fail-on replaces fail_on and keeps the file's min_severity; --min-severity replaces it.
    let doc = json("flag.json");
    let critical_failures = doc["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["status"] == "FAIL" && r["severity"] == "critical")
        .count();
    let high_failures = doc["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["status"] == "FAIL" && r["severity"] == "high")
        .count();
    assert!(high_failures > 0);
    assert_eq!(
        scan(&["--fail-on", "any"]),
        i32::from(critical_failures > 0)
    );
    assert_eq!(scan(&["--fail-on", "any", "--min-severity", "high"]), 1);
}

#[test]
fn no_strict_overrides_strict_in_the_config_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("stance.toml"),
        "[scan]\nstrict = true\nfail_on = \"never\"\n",
    )
    .unwrap();
    // The fixture inventory records a coverage gap.
    let inventory = root().join("tests/fixtures/snapshot-inventory.json");
    let scan = |extra: &[&str]| {
        run(stance()
            .current_dir(dir.path())
            .args(["scan", "-q", "--inventory"])
            .arg(&inventory)
            .args(extra))
        .status
        .code()
    };
    assert_eq!(scan(&[]), Some(3));
    assert_eq!(scan(&["--no-strict"]), Some(0));
    // The last of the two flags wins.
    assert_eq!(scan(&["--no-strict", "--strict"]), Some(3));
}

#[test]
fn committed_config_schema_is_current() {
    let out = run(stance().args(["schema", "config"]));
    let committed = std::fs::read_to_string(root().join("docs/schema/config.schema.json")).unwrap();
    assert!(
        committed == stdout(&out),
        "docs/schema/config.schema.json is stale: run `cargo run -- schema config > docs/schema/config.schema.json`"
    );
}

#[test]
fn generated_docs_are_current() {
    for (which, file) in [
        ("coverage", "docs/coverage.md"),
        ("checks", "docs/checks.md"),
    ] {
        let out = run(stance().args(["docs", which]));
        assert!(out.status.success(), "{}", stderr(&out));
        let committed = std::fs::read_to_string(root().join(file)).unwrap_or_default();
        assert!(
            committed == stdout(&out),
            "{file} is stale: run `cargo run -- docs {which} > {file}`"
        );
    }
}

#[test]
fn every_automated_cis_control_is_covered() {
    let out = run(stance().args(["docs", "coverage"]));
    let text = stdout(&out);
    for version in ["v3.0.0", "v4.0.1", "v5.0.0"] {
        let line = text
            .lines()
            .find(|l| l.starts_with(&format!("| CIS AWS Foundations Benchmark {version} ")))
            .unwrap();
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        let (covered, total) = cells[3].split_once(" of ").unwrap();
        assert_eq!(
            covered, total,
            "{version}: automated controls not all covered: {line}"
        );
    }
    let fsbp = text
        .lines()
        .find(|l| l.starts_with("| AWS Foundational Security Best Practices "))
        .unwrap();
    let covered: usize = fsbp
        .split('|')
        .nth(3)
        .unwrap()
        .trim()
        .split(" of ")
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!(covered >= 120, "FSBP coverage {covered} < 120");
}

#[test]
fn a_closed_output_pipe_is_neither_an_error_nor_a_panic() {
    // `stance scan ... 2>&1 | true`: both streams go to a pipe whose reader has already left
    // by the time the scan writes its summary. The exit code is still the findings' verdict.
    let bin = assert_cmd::cargo::cargo_bin("stance");
    let out = std::process::Command::new("bash")
        .arg("-c")
        .arg(r#""$0" scan --fail-on any --inventory "$1" 2>&1 | true; echo "${PIPESTATUS[0]}""#)
        .arg(&bin)
        .arg(demo())
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "1");
}

#[test]
fn shards_split_a_snapshot_and_merge_refuses_an_incomplete_set() {
    let dir = tempfile::tempdir().unwrap();
    let scan = |extra: &[&str], out: &str| {
        let path = dir.path().join(out);
        let o = run(stance()
            .args(["scan", "-q", "--fail-on", "never", "--inventory"])
            .arg(demo())
            .args(extra)
            .arg("-o")
            .arg(format!("json={}", path.display())));
        assert!(o.status.success(), "{}", stderr(&o));
        read_json(&path)
    };
    let fingerprints = |doc: &Value| -> Vec<String> {
        let mut f: Vec<String> = doc["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| format!("{} {}", r["fingerprint"], r["status"]))
            .collect();
        f.sort();
        f
    };
    let full = scan(&[], "full.json");
    let mut accounts = Vec::new();
    let mut results = Vec::new();
    for k in 1..=3 {
        let shard = scan(&["--shard", &format!("{k}/3")], &format!("shard{k}.json"));
        assert_eq!(shard["scan"]["shard"], format!("{k}/3"));
        for a in shard["scan"]["accounts"].as_array().unwrap() {
            accounts.push(a.as_str().unwrap().to_string());
        }
        results.extend(fingerprints(&shard));
    }
    // Every account in exactly one shard; together the shards judge what one run judges.
    accounts.sort();
    let all: Vec<String> = full["scan"]["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap().to_string())
        .collect();
    assert_eq!(accounts, all);
    results.sort();
    assert_eq!(results, fingerprints(&full));

    let merge = |names: &[&str], extra: &[&str]| {
        let mut cmd = stance();
        cmd.args(["merge", "-q", "--fail-on", "never"]);
        for n in names {
            cmd.arg(dir.path().join(n));
        }
        cmd.args(extra)
            .arg("-o")
            .arg(format!("json={}", dir.path().join("merged.json").display()));
        run(&mut cmd)
    };
    let out = merge(&["shard1.json", "shard2.json", "shard3.json"], &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        fingerprints(&read_json(&dir.path().join("merged.json"))),
        fingerprints(&full)
    );
    // A missing or repeated shard is refused: its accounts would look resolved, or count twice.
    let out = merge(&["shard1.json", "shard3.json"], &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("shard(s) 2/3 missing"),
        "{}",
        stderr(&out)
    );
    let out = merge(
        &["shard1.json", "shard2.json", "shard2.json", "shard3.json"],
        &[],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("are both shard 2/3"),
        "{}",
        stderr(&out)
    );
    let out = merge(&["shard1.json", "shard3.json"], &["--allow-partial"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // Results that are not shards are not constrained; a shard among them still needs its set.
    let out = merge(&["full.json", "full.json"], &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = merge(&["full.json", "shard1.json"], &[]);
    assert_eq!(out.status.code(), Some(2));

    // Templates belong to no account: sharding them is a usage error.
    let out = run(stance().args([
        "scan",
        "-q",
        "--iac",
        &root().join("examples/iac").display().to_string(),
        "--shard",
        "1/2",
    ]));
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("--shard splits the scan by account"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_closed_stdout_pipe_keeps_the_exit_code_and_says_nothing() {
    // `stance scan | head -1`: the reader goes away before the summary is printed.
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("stance"))
        .args(["scan", "--fail-on", "any", "--inventory"])
        .arg(demo())
        .env("NO_COLOR", "1")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1), "findings still fail the run");
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}
