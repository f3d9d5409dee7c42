//! Output formats validated against their real schemas: SARIF 2.1.0 (the OASIS JSON schema plus
//! GitHub code scanning's constraints) and ASFF (botocore's Security Hub model), both through
//! Python validators that `.ci/run` installs.

mod common;

use std::path::Path;
use std::process::Command;

use common::*;
use serde_json::Value;

fn demo_outputs(dir: &Path, extra: &[&str]) -> (Value, Value, String) {
    let sarif = dir.join("r.sarif");
    let asff = dir.join("r.asff.json");
    let html = dir.join("r.html");
    let out = run(stance()
        .args(["scan", "-q", "--fail-on", "never", "--inventory"])
        .arg(demo())
        .args(extra)
        .arg("-o")
        .arg(format!("sarif={}", sarif.display()))
        .arg("-o")
        .arg(format!("asff={}", asff.display()))
        .arg("-o")
        .arg(format!("html={}", html.display())));
    assert!(out.status.success(), "{}", stderr(&out));
    (
        read_json(&sarif),
        read_json(&asff),
        std::fs::read_to_string(&html).unwrap(),
    )
}

fn python(script: &str, args: &[&str]) -> std::process::Output {
    Command::new("python3")
        .arg("-c")
        .arg(script)
        .args(args)
        .output()
        .expect("python3 runs")
}

#[test]
fn sarif_is_valid_and_fits_github_code_scanning() {
    let dir = tempfile::tempdir().unwrap();
    let (sarif, _, _) = demo_outputs(dir.path(), &[]);
    let path = dir.path().join("r.sarif");
    let schema = root().join("tests/support/sarif-schema-2.1.0.json");
    let check = r#"
import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
doc = json.load(open(sys.argv[2]))
errors = list(jsonschema.Draft4Validator(schema).iter_errors(doc))
for e in errors[:10]:
    print(e.message, list(e.path))
sys.exit(1 if errors else 0)
"#;
    let out = python(check, &[schema.to_str().unwrap(), path.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "SARIF schema errors:\n{}{}",
        stdout(&out),
        stderr(&out)
    );

    // GitHub code scanning constraints.
    assert_eq!(sarif["version"], "2.1.0");
    let runs = sarif["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1);
    let run0 = &runs[0];
    let category = run0["automationDetails"]["id"].as_str().unwrap();
    assert!(category.starts_with("stance/aws-"), "{category}");
    let rules = run0["tool"]["driver"]["rules"].as_array().unwrap();
    let results = run0["results"].as_array().unwrap();
    assert!(!results.is_empty() && results.len() <= 25_000);
    for rule in rules {
        let props = &rule["properties"];
        let score: f64 = props["security-severity"]
            .as_str()
            .unwrap()
            .parse()
            .unwrap();
        assert!((0.0..=10.0).contains(&score));
        assert!(props["tags"].as_array().unwrap().len() <= 10);
        assert!(rule["shortDescription"]["text"].is_string());
        assert!(rule["fullDescription"]["text"].is_string());
        assert!(rule["help"]["text"].is_string() && rule["help"]["markdown"].is_string());
        assert!(
            rule["help"]["markdown"]
                .as_str()
                .unwrap()
                .contains("Remediation")
        );
        assert!(
            props["compliance"]
                .as_array()
                .unwrap()
                .iter()
                .all(Value::is_string)
        );
    }
    for r in results {
        let index = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], r["ruleId"]);
        let fp = r["partialFingerprints"]["stanceFingerprint/v1"]
            .as_str()
            .unwrap();
        assert_eq!(fp.len(), 64);
        let loc = &r["locations"][0]["physicalLocation"];
        assert_eq!(loc["artifactLocation"]["uri"], "stance.toml");
        assert!(loc["region"]["startLine"].as_u64().unwrap() >= 1);
        assert!(
            r["message"]["text"]
                .as_str()
                .unwrap()
                .contains("resource: ")
        );
        assert!(r["locations"][0]["logicalLocations"][0]["fullyQualifiedName"].is_string());
    }
    // A rule per fired check, and only those.
    let fired: std::collections::BTreeSet<&str> = results
        .iter()
        .map(|r| r["ruleId"].as_str().unwrap())
        .collect();
    assert_eq!(fired.len(), rules.len());
    // The compliance strings use the agreed forms.
    let all: Vec<&str> = rules
        .iter()
        .flat_map(|r| r["properties"]["compliance"].as_array().unwrap())
        .filter_map(Value::as_str)
        .collect();
    assert!(all.contains(&"FSBP S3.8"), "{all:?}");
    assert!(
        all.contains(&"CIS AWS Foundations Benchmark v3.0.0/2.1.4"),
        "{all:?}"
    );
}

#[test]
fn sarif_anchor_and_category_are_configurable() {
    let dir = tempfile::tempdir().unwrap();
    let (sarif, _, _) = demo_outputs(
        dir.path(),
        &[
            "--sarif-anchor",
            "infra/aws/README.md",
            "--sarif-category",
            "prod-org",
        ],
    );
    let run0 = &sarif["runs"][0];
    assert_eq!(run0["automationDetails"]["id"], "stance/prod-org/");
    assert_eq!(
        run0["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "infra/aws/README.md"
    );
}

#[test]
fn asff_is_valid_for_batch_import_findings() {
    let dir = tempfile::tempdir().unwrap();
    let (_, asff, _) = demo_outputs(dir.path(), &[]);
    let findings = asff.as_array().unwrap();
    assert!(findings.len() > 100);
    // Validate in BatchImportFindings-sized batches with botocore's own model.
    assert_valid_asff(findings, dir.path());
    // Deterministic ids, the default product of the finding's account, compliance fields.
    let mut ids = std::collections::BTreeSet::new();
    for f in findings {
        assert!(
            ids.insert(f["Id"].as_str().unwrap().to_string()),
            "duplicate Id {}",
            f["Id"]
        );
        let account = f["AwsAccountId"].as_str().unwrap();
        let region = f["Region"].as_str().unwrap();
        assert_eq!(
            f["ProductArn"],
            format!("arn:aws:securityhub:{region}:{account}:product/{account}/default")
        );
        assert!(
            ["PASSED", "FAILED", "NOT_AVAILABLE"]
                .contains(&f["Compliance"]["Status"].as_str().unwrap())
        );
    }
    let s3 = findings
        .iter()
        .find(|f| f["GeneratorId"] == "stance/s3_bucket_public_access_block")
        .unwrap();
    assert_eq!(s3["Compliance"]["SecurityControlId"], "S3.8");
    assert!(
        s3["Compliance"]["RelatedRequirements"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r == "CIS AWS Foundations Benchmark v3.0.0/2.1.4")
    );
    assert_eq!(s3["Resources"][0]["Type"], "AwsS3Bucket");
}

#[test]
fn html_is_self_contained_and_escapes_untrusted_text() {
    let dir = tempfile::tempdir().unwrap();
    let (_, _, html) = demo_outputs(dir.path(), &[]);
    // Offline: no external scripts, styles or fonts.
    for needle in ["src=\"http", "href=\"http", "@import", "url(http"] {
        assert!(
            !html.contains(needle),
            "report references an external resource: {needle}"
        );
    }
    // The demo carries an instance named `<script>alert("stance-xss")</script>`: it must appear
    // only escaped.
    assert!(
        !html.contains("<script>alert("),
        "untrusted tag rendered as markup"
    );
    assert!(
        html.contains("&lt;script&gt;alert("),
        "escaped name missing"
    );
    assert_eq!(
        html.matches("<script>").count(),
        1,
        "exactly one script: the report's own"
    );
}

#[test]
fn sarif_over_the_result_limit_keeps_the_most_severe_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let json = dir.path().join("r.json");
    let out = run(stance()
        .args(["scan", "-q", "--fail-on", "never", "--inventory"])
        .arg(demo())
        .arg("-o")
        .arg(format!("json={}", json.display())));
    assert!(out.status.success(), "{}", stderr(&out));
    let result = stance::report::json::read(&json).unwrap();
    let full = stance::report::sarif::build(&result, &Default::default());
    let all = full["runs"][0]["results"].as_array().unwrap().len();
    let options = stance::report::sarif::SarifOptions {
        max_results: Some(25),
        ..Default::default()
    };
    let cut = stance::report::sarif::build(&result, &options);
    let run = &cut["runs"][0];
    let kept = run["results"].as_array().unwrap();
    assert_eq!(kept.len(), 25);
    // Severity of a result, through its rule.
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let score = |r: &Value| -> f64 {
        let rule = &rules[r["ruleIndex"].as_u64().unwrap() as usize];
        rule["properties"]["security-severity"]
            .as_str()
            .unwrap()
            .parse()
            .unwrap()
    };
    let lowest_kept = kept.iter().map(score).fold(f64::MAX, f64::min);
    let full_rules = full["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    let kept_fingerprints: std::collections::HashSet<&Value> =
        kept.iter().map(|r| &r["partialFingerprints"]).collect();
    for r in full["runs"][0]["results"].as_array().unwrap() {
        if !kept_fingerprints.contains(&r["partialFingerprints"]) {
            let rule = &full_rules[r["ruleIndex"].as_u64().unwrap() as usize];
            let dropped: f64 = rule["properties"]["security-severity"]
                .as_str()
                .unwrap()
                .parse()
                .unwrap();
            assert!(
                dropped <= lowest_kept,
                "dropped {dropped} > kept {lowest_kept}"
            );
        }
    }
    // Only the rules of kept results are described, and the cut is announced.
    assert!(rules.len() < full_rules.len());
    let notes = run["invocations"][0]["toolExecutionNotifications"]
        .as_array()
        .unwrap();
    let note = notes
        .iter()
        .find(|n| n["descriptor"]["id"] == "results-truncated")
        .expect("a results-truncated notification");
    assert!(
        note["message"]["text"]
            .as_str()
            .unwrap()
            .starts_with(&format!("{} least severe results were left out", all - 25)),
        "{note}"
    );
}
