//! Infrastructure as code: CloudFormation (YAML, JSON) and Terraform plans judged by the same
//! checks as live resources, with lines, unknowns, parse errors and inline suppressions.

mod common;

use std::path::Path;

use common::{read_json, results_of, root, run, stance, stderr};
use serde_json::Value;

const CFN_YAML: &str = "examples/iac/cloudformation/app.yaml";
const CFN_JSON: &str = "examples/iac/cloudformation/data.json";
const TF_MAIN: &str = "examples/iac/terraform/main.tf";

/// Scans `paths` from the repository root; returns (exit code, JSON result, SARIF).
fn scan(paths: &[&str], dir: &Path) -> (i32, Value, Value) {
    let json = dir.join("result.json");
    let sarif = dir.join("result.sarif");
    let mut cmd = stance();
    cmd.current_dir(root()).arg("scan");
    for p in paths {
        cmd.arg("--iac").arg(p);
    }
    cmd.arg("-o")
        .arg(format!("json={}", json.display()))
        .arg("-o")
        .arg(format!("sarif={}", sarif.display()))
        .arg("-q");
    let out = run(&mut cmd);
    let code = out.status.code().unwrap_or(-1);
    assert!(json.exists(), "no result written: {}", stderr(&out));
    (code, read_json(&json), read_json(&sarif))
}

/// The one result of `check` on the resource whose id ends with `resource`.
fn result<'a>(doc: &'a Value, check: &str, resource: &str) -> &'a Value {
    let hits: Vec<&Value> = results_of(doc, check)
        .into_iter()
        .filter(|r| {
            r["resource"]["id"]
                .as_str()
                .is_some_and(|id| id.ends_with(resource))
        })
        .collect();
    assert_eq!(hits.len(), 1, "{check} on {resource}: {hits:?}");
    hits[0]
}

/// Asserts status, finding line and resource location of a result.
fn assert_finding(
    doc: &Value,
    check: &str,
    resource: &str,
    status: &str,
    line: Option<u64>,
    file: &str,
    resource_line: u64,
) {
    let r = result(doc, check, resource);
    assert_eq!(r["status"], status, "{check} on {resource}: {r}");
    assert_eq!(r["line"].as_u64(), line, "{check} on {resource} line: {r}");
    assert_eq!(r["resource"]["location"]["file"], file, "{r}");
    assert_eq!(
        r["resource"]["location"]["line"].as_u64(),
        Some(resource_line),
        "{r}"
    );
}

fn status(doc: &Value, check: &str, resource: &str) -> String {
    result(doc, check, resource)["status"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

/// The SARIF result of `check` at `uri` (first one), as (uri, startLine).
fn sarif_location(sarif: &Value, check: &str, line: u64) -> Option<(String, u64)> {
    sarif["runs"][0]["results"]
        .as_array()?
        .iter()
        .find_map(|r| {
            let loc = &r["locations"][0]["physicalLocation"];
            let found = (
                loc["artifactLocation"]["uri"].as_str()?.to_string(),
                loc["region"]["startLine"].as_u64()?,
            );
            (r["ruleId"] == check && found.1 == line).then_some(found)
        })
}

#[test]
fn cloudformation_yaml_findings_point_at_properties() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (code, doc, sarif) = scan(&[CFN_YAML], dir.path());
    assert_eq!(code, 1, "failures exit 1");
    assert_eq!(doc["scan"]["sources"][0]["kind"], "cloudformation");
    // Known bad, with the line of the offending property.
    assert_finding(
        &doc,
        "s3_bucket_public_access_block",
        "#PublicBucket",
        "FAIL",
        Some(43),
        CFN_YAML,
        39,
    );
    assert_finding(
        &doc,
        "s3_bucket_no_public_read",
        "#PublicBucket",
        "FAIL",
        Some(52),
        CFN_YAML,
        39,
    );
    assert_finding(
        &doc,
        "ec2_security_group_no_admin_ports_ipv4",
        "#OpenSshGroup",
        "FAIL",
        Some(68),
        CFN_YAML,
        59,
    );
    assert_finding(
        &doc,
        "ec2_vpc_flow_logs_enabled",
        "#UnloggedVpc",
        "FAIL",
        None,
        CFN_YAML,
        93,
    );
    assert_finding(
        &doc,
        "ec2_instance_imdsv2_required",
        "#Imdsv1Instance",
        "FAIL",
        None,
        CFN_YAML,
        111,
    );
    assert_finding(
        &doc,
        "ec2_volume_encrypted",
        "#PlainVolume",
        "FAIL",
        None,
        CFN_YAML,
        116,
    );
    assert_finding(
        &doc,
        "kms_key_rotation_enabled",
        "#StaticKey",
        "FAIL",
        Some(143),
        CFN_YAML,
        140,
    );
    assert_finding(
        &doc,
        "cloudtrail_log_file_validation_enabled",
        "#Trail",
        "FAIL",
        Some(150),
        CFN_YAML,
        144,
    );
    // Known good.
    assert_eq!(
        status(&doc, "s3_bucket_public_access_block", "#GoodBucket"),
        "PASS"
    );
    assert_eq!(
        status(&doc, "s3_bucket_no_public_read", "#GoodBucket"),
        "PASS"
    );
    assert_eq!(
        status(&doc, "s3_bucket_access_logging_enabled", "#GoodBucket"),
        "PASS"
    );
    assert_eq!(status(&doc, "ec2_vpc_flow_logs_enabled", "#Vpc"), "PASS");
    assert_eq!(
        status(&doc, "ec2_instance_imdsv2_required", "#GoodInstance"),
        "PASS"
    );
    assert_eq!(
        status(&doc, "kms_key_rotation_enabled", "#RotatedKey"),
        "PASS"
    );
    assert_eq!(
        status(&doc, "kms_key_policy_not_public", "#RotatedKey"),
        "PASS"
    );
    // A GetAtt reference to a key counts as a key.
    assert_eq!(
        status(&doc, "cloudtrail_kms_encryption_enabled", "#Trail"),
        "PASS"
    );
    // SARIF: repository-relative URI and the property line.
    assert_eq!(
        sarif_location(&sarif, "ec2_security_group_no_admin_ports_ipv4", 68),
        Some((CFN_YAML.to_string(), 68))
    );
    assert_eq!(
        sarif_location(&sarif, "s3_bucket_public_access_block", 43),
        Some((CFN_YAML.to_string(), 43))
    );
}

#[test]
fn unresolved_values_are_not_applicable_never_fail() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (_, doc, _) = scan(&[CFN_YAML, CFN_JSON, "examples/iac/terraform"], dir.path());
    for (check, resource) in [
        ("ec2_security_group_no_admin_ports_ipv4", "#AdminGroup"),
        ("ec2_security_group_no_high_risk_ports", "#AdminGroup"),
        ("sqs_queue_encrypted", "#PrivateQueue"),
        (
            "ec2_security_group_no_admin_ports_ipv4",
            "aws_security_group.admin",
        ),
    ] {
        let r = result(&doc, check, resource);
        assert_eq!(r["status"], "NOT_APPLICABLE", "{check} on {resource}: {r}");
        assert!(
            r["message"]
                .as_str()
                .is_some_and(|m| m.starts_with("unresolved at plan time")),
            "{r}"
        );
    }
    // Nothing unknown ever fails: every FAIL is on a resource whose read fields are known.
    for r in doc["results"].as_array().expect("results") {
        if r["status"] == "FAIL" {
            assert!(
                !r["message"]
                    .as_str()
                    .unwrap_or_default()
                    .contains("unresolved"),
                "{r}"
            );
        }
    }
}

#[test]
fn cloudformation_json_findings() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (_, doc, sarif) = scan(&[CFN_JSON], dir.path());
    assert_finding(
        &doc,
        "rds_instance_storage_encrypted",
        "#PlainDb",
        "FAIL",
        Some(13),
        CFN_JSON,
        5,
    );
    assert_finding(
        &doc,
        "rds_instance_not_publicly_accessible",
        "#PlainDb",
        "FAIL",
        Some(12),
        CFN_JSON,
        5,
    );
    assert_finding(
        &doc,
        "iam_policy_no_full_admin",
        "#AdminPolicy",
        "FAIL",
        Some(32),
        CFN_JSON,
        29,
    );
    assert_eq!(
        status(&doc, "rds_instance_storage_encrypted", "#SecureDb"),
        "PASS"
    );
    assert_eq!(
        status(&doc, "rds_instance_not_publicly_accessible", "#SecureDb"),
        "PASS"
    );
    assert_eq!(
        status(&doc, "iam_policy_no_full_admin", "#ReadPolicy"),
        "PASS"
    );
    assert_eq!(status(&doc, "sqs_queue_not_public", "#PublicQueue"), "FAIL");
    assert_eq!(status(&doc, "sqs_queue_encrypted", "#PublicQueue"), "FAIL");
    assert_eq!(
        sarif_location(&sarif, "iam_policy_no_full_admin", 32),
        Some((CFN_JSON.to_string(), 32))
    );
}

#[test]
fn terraform_plan_findings_point_at_tf_lines() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (code, doc, sarif) = scan(&["examples/iac/terraform/plan.json"], dir.path());
    assert_eq!(code, 1);
    assert_eq!(doc["scan"]["sources"][0]["kind"], "terraform");
    // Joined related resources: the public access block of the bucket.
    assert_finding(
        &doc,
        "s3_bucket_public_access_block",
        "aws_s3_bucket.public",
        "FAIL",
        Some(27),
        TF_MAIN,
        23,
    );
    assert_finding(
        &doc,
        "ec2_security_group_no_admin_ports_ipv4",
        "aws_security_group.ssh",
        "FAIL",
        Some(39),
        TF_MAIN,
        35,
    );
    assert_finding(
        &doc,
        "ec2_instance_imdsv2_required",
        "aws_instance.web",
        "FAIL",
        Some(68),
        TF_MAIN,
        64,
    );
    assert_finding(
        &doc,
        "kms_key_rotation_enabled",
        "aws_kms_key.legacy",
        "FAIL",
        Some(89),
        TF_MAIN,
        87,
    );
    assert_finding(
        &doc,
        "cloudtrail_log_file_validation_enabled",
        "aws_cloudtrail.main",
        "FAIL",
        Some(96),
        TF_MAIN,
        92,
    );
    assert_finding(
        &doc,
        "iam_policy_no_full_admin",
        "aws_iam_policy.admin",
        "FAIL",
        Some(102),
        TF_MAIN,
        100,
    );
    assert_finding(
        &doc,
        "rds_instance_storage_encrypted",
        "aws_db_instance.main",
        "FAIL",
        Some(113),
        TF_MAIN,
        108,
    );
    assert_finding(
        &doc,
        "rds_instance_not_publicly_accessible",
        "aws_db_instance.main",
        "FAIL",
        Some(114),
        TF_MAIN,
        108,
    );
    // Child module: located in the module's own .tf, versioning joined from its resource.
    assert_finding(
        &doc,
        "s3_bucket_mfa_delete_enabled",
        "module.storage.aws_s3_bucket.this",
        "FAIL",
        Some(8),
        "examples/iac/terraform/modules/storage/main.tf",
        1,
    );
    // Known good.
    assert_eq!(
        status(&doc, "ec2_instance_imdsv2_required", "aws_instance.api"),
        "PASS"
    );
    assert_eq!(
        status(&doc, "kms_key_rotation_enabled", "aws_kms_key.main"),
        "PASS"
    );
    assert_eq!(
        status(&doc, "s3_bucket_public_access_block", "aws_s3_bucket.logs"),
        "PASS"
    );
    assert_eq!(
        status(
            &doc,
            "cloudtrail_kms_encryption_enabled",
            "aws_cloudtrail.main"
        ),
        "PASS"
    );
    assert_eq!(
        sarif_location(&sarif, "rds_instance_storage_encrypted", 113),
        Some((TF_MAIN.to_string(), 113))
    );
}

#[test]
fn plan_without_tf_files_points_at_the_plan() {
    let dir = tempfile::tempdir().expect("tempdir");
    let plan = dir.path().join("plan.json");
    std::fs::copy(root().join("examples/iac/terraform/plan.json"), &plan).expect("copy");
    let out_dir = tempfile::tempdir().expect("tempdir");
    let (_, doc, _) = scan(&[plan.to_str().expect("utf-8")], out_dir.path());
    let r = result(&doc, "kms_key_rotation_enabled", "aws_kms_key.legacy");
    assert_eq!(r["status"], "FAIL");
    assert_eq!(
        r["resource"]["location"]["file"],
        plan.to_str().expect("utf-8")
    );
    let text = std::fs::read_to_string(&plan).expect("read");
    let expected = text
        .lines()
        .position(|l| l.contains("\"address\": \"aws_kms_key.legacy\""))
        .expect("address in plan") as u64
        + 1;
    assert_eq!(r["resource"]["location"]["line"].as_u64(), Some(expected));
}

#[test]
fn inline_suppressions_are_reported_as_suppressed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (_, doc, _) = scan(&[CFN_YAML, "examples/iac/terraform"], dir.path());
    let suppressions = doc["suppressions"].as_array().expect("suppressions");
    let origin_of = |r: &Value| -> String {
        let index = r["suppressed_by"].as_u64().expect("suppressed") as usize;
        assert_eq!(suppressions[index]["owner"], "inline");
        suppressions[index]["origin"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    };
    // CloudFormation Metadata.
    let r = result(&doc, "s3_bucket_access_logging_enabled", "#LogBucket");
    assert_eq!(r["status"], "FAIL");
    assert_eq!(origin_of(r), format!("{CFN_YAML}:30"));
    // Terraform comment above the block.
    let r = result(
        &doc,
        "s3_bucket_access_logging_enabled",
        "aws_s3_bucket.logs",
    );
    assert_eq!(origin_of(r), format!("{TF_MAIN}:11"));
    // Terraform tag.
    let r = result(
        &doc,
        "s3_bucket_requires_tls",
        "module.storage.aws_s3_bucket.this",
    );
    assert_eq!(
        origin_of(r),
        "examples/iac/terraform/modules/storage/main.tf:3"
    );
    // Suppressions are specific to their check and resource.
    let r = result(&doc, "s3_bucket_requires_tls", "#LogBucket");
    assert!(r["suppressed_by"].is_null(), "{r}");
}

#[test]
fn account_scope_checks_do_not_run_on_templates() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (_, doc, _) = scan(&[CFN_YAML, "examples/iac/terraform"], dir.path());
    for r in doc["results"].as_array().expect("results") {
        let t = r["resource"]["resource_type"].as_str().unwrap_or_default();
        assert!(t != "account" && t != "region", "scope check ran: {r}");
    }
    assert!(results_of(&doc, "cloudtrail_multi_region_trail_enabled").is_empty());
    assert!(results_of(&doc, "guardduty_enabled").is_empty());
    assert_eq!(doc["scan"]["accounts"].as_array().map(Vec::len), Some(0));
}

#[test]
fn malformed_templates_are_reported_and_the_rest_is_scanned() {
    let dir = tempfile::tempdir().expect("tempdir");
    let broken_yaml = dir.path().join("broken.yaml");
    std::fs::write(
        &broken_yaml,
        "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: [unclosed\n      Tags: x\n",
    )
    .expect("write");
    let broken_json = dir.path().join("broken.json");
    std::fs::write(
        &broken_json,
        "{\n  \"Resources\": {\n    \"B\": {\"Type\": \"AWS::S3::Bucket\",\n      \"Properties\": {\"BucketName\": \"x\" \"Tags\": []}}\n  }\n}\n",
    )
    .expect("write");
    // Neither a template nor a plan: skipped silently.
    std::fs::write(
        dir.path().join("values.yaml"),
        "replicas: 2\nimage: {tag: latest}\n",
    )
    .expect("write");
    std::fs::write(dir.path().join("helm.yaml"), "key: {{ .Values.x }\n").expect("write");
    std::fs::copy(root().join(CFN_YAML), dir.path().join("good.yaml")).expect("copy");

    let out = tempfile::tempdir().expect("tempdir");
    let (code, doc, sarif) = scan(&[dir.path().to_str().expect("utf-8")], out.path());
    assert_eq!(code, 4, "partial input exits 4");
    let gaps: Vec<String> = doc["gaps"]
        .as_array()
        .expect("gaps")
        .iter()
        .map(|g| {
            assert_eq!(g["service"], "iac");
            assert_eq!(g["operation"], "parse");
            g["error"].as_str().unwrap_or_default().to_string()
        })
        .collect();
    assert_eq!(gaps.len(), 2, "{gaps:?}");
    let yaml_gap = gaps
        .iter()
        .find(|g| g.contains("broken.yaml"))
        .expect("yaml gap");
    assert!(
        yaml_gap.starts_with(&format!("{}:7:", broken_yaml.display())),
        "{yaml_gap}"
    );
    let json_gap = gaps
        .iter()
        .find(|g| g.contains("broken.json"))
        .expect("json gap");
    assert!(
        json_gap.starts_with(&format!("{}:4:", broken_json.display())),
        "{json_gap}"
    );
    // The good template was still scanned.
    assert_eq!(
        status(&doc, "kms_key_rotation_enabled", "#StaticKey"),
        "FAIL"
    );
    // SARIF shows the parse errors too.
    let text = sarif.to_string();
    assert!(text.contains("broken.yaml"), "SARIF lacks the parse error");
}

#[test]
fn parse_errors_exit_4_even_without_findings_and_name_the_file_on_stderr() {
    let dir = tempfile::tempdir().expect("tempdir");
    let broken = dir.path().join("t.yaml");
    std::fs::write(
        &broken,
        "Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties: {a: [}\n",
    )
    .expect("write");
    let mut cmd = stance();
    cmd.arg("scan")
        .arg("--iac")
        .arg(&broken)
        .arg("--fail-on")
        .arg("never");
    let out = run(&mut cmd);
    assert_eq!(out.status.code(), Some(4));
    let text = format!("{}{}", stderr(&out), common::stdout(&out));
    assert!(text.contains(&format!("{}:4:", broken.display())), "{text}");
}

#[test]
fn missing_iac_path_is_a_usage_error() {
    let out = run(stance()
        .arg("scan")
        .arg("--iac")
        .arg("/nonexistent/templates"));
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("/nonexistent/templates"));
}

#[test]
fn paths_are_relative_to_the_repository_root_from_any_directory() {
    let dir = tempfile::tempdir().expect("tempdir");
    let sarif = dir.path().join("r.sarif");
    let out = run(stance()
        .current_dir(root().join("examples"))
        .env_remove("GITHUB_WORKSPACE")
        .args([
            "scan",
            "-q",
            "--fail-on",
            "never",
            "--iac",
            "iac/cloudformation/app.yaml",
        ])
        .arg("-o")
        .arg(format!("sarif={}", sarif.display())));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let sarif = read_json(&sarif);
    let uris: std::collections::BTreeSet<&str> = sarif["runs"][0]["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|r| {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .expect("uri")
        })
        .collect();
    assert_eq!(uris.into_iter().collect::<Vec<_>>(), vec![CFN_YAML]);

    // On GitHub Actions the workspace is the root, wherever the scan starts.
    let json = dir.path().join("r.json");
    let out = run(stance()
        .current_dir(root().join("examples/iac"))
        .env("GITHUB_WORKSPACE", root().join("examples"))
        .args([
            "scan",
            "-q",
            "--fail-on",
            "never",
            "--iac",
            "cloudformation/app.yaml",
        ])
        .arg("-o")
        .arg(format!("json={}", json.display())));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let doc = read_json(&json);
    let r = result(&doc, "s3_bucket_requires_tls", "#LogBucket");
    assert_eq!(
        r["resource"]["location"]["file"],
        "iac/cloudformation/app.yaml"
    );
}

#[test]
fn inline_suppressions_without_a_reason_are_not_applied() {
    let dir = tempfile::tempdir().expect("tempdir");
    let template = dir.path().join("no-reason.yaml");
    std::fs::write(
        &template,
        "Resources:\n  Logs:\n    Type: AWS::S3::Bucket\n    Metadata:\n      stance:\n        suppress:\n          - check: s3_bucket_lifecycle_configured\n          - check: s3_bucket_requires_tls\n            reason: \"  \"\n",
    )
    .expect("write");
    let json = dir.path().join("r.json");
    let out = run(stance()
        .args(["scan", "--fail-on", "never", "--iac"])
        .arg(&template)
        .arg("-o")
        .arg(format!("json={}", json.display())));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let err = stderr(&out);
    for (check, line) in [
        ("s3_bucket_lifecycle_configured", 7),
        ("s3_bucket_requires_tls", 8),
    ] {
        assert!(
            err.contains(&format!(
                "{}:{line}: inline suppression of {check} gives no reason; not applied",
                template.display()
            )),
            "{err}"
        );
        let doc = read_json(&json);
        let r = result(&doc, check, "#Logs");
        assert_eq!(r["status"], "FAIL", "{r}");
        assert!(r["suppressed_by"].is_null(), "{r}");
    }
}

#[test]
fn sam_functions_skipped_directories_and_a_broken_plan() {
    let dir = tempfile::tempdir().expect("tempdir");
    let repo = dir.path().join("repo");
    for sub in [".terraform", "node_modules/pkg", ".git"] {
        std::fs::create_dir_all(repo.join(sub)).expect("mkdir");
    }
    // Broken files where the walk must not look.
    std::fs::write(repo.join(".terraform/plan.json"), "{\"format_version\": [").expect("write");
    std::fs::write(repo.join("node_modules/pkg/template.yaml"), "Resources: [").expect("write");
    std::fs::write(repo.join(".git/template.yaml"), "Resources: [").expect("write");
    std::fs::write(
        repo.join("sam.yaml"),
        "AWSTemplateFormatVersion: \"2010-09-09\"
Transform: AWS::Serverless-2016-10-31
Resources:
  OldFn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.7
      Handler: app.handler
      CodeUri: src/
  ElsewhereFn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src/
      VpcConfig:
        SubnetIds: [subnet-0123456789abcdef0, subnet-0123456789abcdef1]
        SecurityGroupIds: [sg-0123456789abcdef0]
  Table:
    Type: AWS::Serverless::SimpleTable
",
    )
    .expect("write");
    // A plan cut off mid-way: its error names the file, line and column.
    std::fs::write(
        repo.join("plan.json"),
        "{\n  \"format_version\": \"1.2\",\n  \"terraform_version\": \"1.9.0\",\n  \"planned_values\": {\n    \"root_module\": {\n      \"resources\": [\n        {\"address\": \"aws_s3_bucket.b\",,\n",
    )
    .expect("write");
    let json = dir.path().join("r.json");
    let out = run(stance()
        .current_dir(&repo)
        .args(["scan", "--fail-on", "never", "--iac", "."])
        .arg("-o")
        .arg(format!("json={}", json.display())));
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("plan.json:7:"),
        "the broken plan is named with its line: {}",
        stderr(&out)
    );
    let doc = read_json(&json);
    let gaps = doc["gaps"].as_array().expect("gaps");
    assert_eq!(
        gaps.len(),
        1,
        "only the broken plan, nothing under skipped dirs: {gaps:?}"
    );
    // SAM resources are judged like their CloudFormation counterparts, at their lines.
    let r = result(&doc, "lambda_function_supported_runtime", "#OldFn");
    assert_eq!(r["status"], "FAIL", "{r}");
    assert_eq!(r["resource"]["location"]["line"], 4);
    let r = result(&doc, "lambda_function_supported_runtime", "#ElsewhereFn");
    assert_eq!(r["status"], "PASS", "{r}");
    let r = result(&doc, "dynamodb_table_point_in_time_recovery", "#Table");
    assert_eq!(r["status"], "FAIL", "{r}");
    assert_eq!(r["resource"]["location"]["line"], 19);
    // Subnets the template does not declare have unknown zones: not a FAIL for one zone.
    let r = result(&doc, "lambda_function_multi_az", "#ElsewhereFn");
    assert_eq!(r["status"], "NOT_APPLICABLE", "{r}");
    assert!(
        r["message"]
            .as_str()
            .is_some_and(|m| m.starts_with("unresolved at plan time")),
        "{r}"
    );
}

#[test]
fn access_keys_created_with_a_user_are_judged() {
    let dir = tempfile::tempdir().expect("tempdir");
    let template = dir.path().join("users.yaml");
    std::fs::write(
        &template,
        "Resources:
  Deployer:
    Type: AWS::IAM::User
    Properties:
      UserName: deployer
      LoginProfile:
        Password: '{{resolve:secretsmanager:deployer}}'
  DeployerKey:
    Type: AWS::IAM::AccessKey
    Properties:
      UserName: !Ref Deployer
  DeployerSecondKey:
    Type: AWS::IAM::AccessKey
    Properties:
      UserName: deployer
  Robot:
    Type: AWS::IAM::User
  RobotKey:
    Type: AWS::IAM::AccessKey
    Properties:
      UserName: !Ref Robot
  RobotOldKey:
    Type: AWS::IAM::AccessKey
    Properties:
      UserName: !Ref Robot
      Status: Inactive
",
    )
    .expect("write");
    let plan = dir.path().join("plan.json");
    let resource = |address: &str, rtype: &str, values: Value| {
        serde_json::json!({"address": address, "mode": "managed", "type": rtype,
            "name": address.split('.').nth(1), "values": values})
    };
    let doc = serde_json::json!({
        "format_version": "1.2",
        "terraform_version": "1.9.0",
        "planned_values": {"root_module": {"resources": [
            resource("aws_iam_user.ci", "aws_iam_user", serde_json::json!({"name": "ci"})),
            resource("aws_iam_access_key.one", "aws_iam_access_key", serde_json::json!({"user": "ci", "status": "Active"})),
            resource("aws_iam_access_key.two", "aws_iam_access_key", serde_json::json!({"user": "ci", "status": null})),
        ]}},
    });
    std::fs::write(&plan, serde_json::to_string_pretty(&doc).expect("json")).expect("write");
    let out_dir = tempfile::tempdir().expect("tempdir");
    let (code, doc, _) = scan(
        &[
            template.to_str().expect("utf-8"),
            plan.to_str().expect("utf-8"),
        ],
        out_dir.path(),
    );
    assert_eq!(code, 1);
    // Two active keys, and keys set up beside a console password (CIS 1.11): both fail.
    let r = result(&doc, "iam_user_single_active_access_key", "#Deployer");
    assert_eq!(r["status"], "FAIL", "{r}");
    let r = result(&doc, "iam_user_no_unused_initial_access_keys", "#Deployer");
    assert_eq!(r["status"], "FAIL", "{r}");
    // One active and one inactive key: one active is allowed; no console password.
    let r = result(&doc, "iam_user_single_active_access_key", "#Robot");
    assert_eq!(r["status"], "PASS", "{r}");
    let r = result(&doc, "iam_user_no_unused_initial_access_keys", "#Robot");
    assert_eq!(r["status"], "NOT_APPLICABLE", "{r}");
    // Terraform: a key whose status the plan leaves null is Active by the provider's default.
    let r = result(&doc, "iam_user_single_active_access_key", "aws_iam_user.ci");
    assert_eq!(r["status"], "FAIL", "{r}");
}

#[test]
fn a_path_with_no_template_or_plan_is_named_in_a_warning() {
    let dir = tempfile::tempdir().expect("tempdir");
    let other = dir.path().join("package.json");
    std::fs::write(&other, "{\"name\": \"app\"}\n").expect("write");
    let hcl = dir.path().join("infra");
    std::fs::create_dir(&hcl).expect("mkdir");
    std::fs::write(hcl.join("main.tf"), "resource \"aws_s3_bucket\" \"b\" {}\n").expect("write");
    let out = run(stance()
        .args(["scan", "--fail-on", "never", "--iac"])
        .arg(&other)
        .arg("--iac")
        .arg(&hcl));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains(&format!(
            "--iac {}: neither a CloudFormation template nor a Terraform plan; Terraform is scanned through its plan",
            other.display()
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "--iac {}: no CloudFormation template or Terraform plan among its 0 .yaml",
            hcl.display()
        )),
        "{err}"
    );
    // A path that did yield a template is not warned about.
    let out =
        run(stance()
            .current_dir(root())
            .args(["scan", "--fail-on", "never", "--iac", CFN_YAML]));
    assert!(!stderr(&out).contains("WARN"), "{}", stderr(&out));
}
