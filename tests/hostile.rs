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

/// A CloudFormation template whose names, tags, descriptions and suppression reason carry the
/// same strings. A JSON string literal is also a valid YAML double-quoted scalar.
fn hostile_template(dir: &Path) -> std::path::PathBuf {
    let hostile = serde_json::to_string(HOSTILE_NAME).unwrap();
    let template = format!(
        r#"AWSTemplateFormatVersion: "2010-09-09"
Resources:
  HostileBucket:
    Type: AWS::S3::Bucket
    Metadata:
      stance:
        suppress:
          - check: s3_bucket_access_logging_enabled
            reason: {hostile}
    Properties:
      BucketName: {hostile}
      Tags:
        - Key: owner
          Value: "</td><script>alert(2)</script>\e]0;pwned\a"
  HostileGroup:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupName: {hostile}
      GroupDescription: "\e]0;pwned\a <b>description</b>"
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 22
          ToPort: 22
          CidrIp: 0.0.0.0/0
          Description: {hostile}
"#
    );
    let path = dir.join("hostile.yaml");
    std::fs::write(&path, template).unwrap();
    path
}

/// A managed resource of a Terraform plan's `planned_values`.
fn resource(kind: &str, name: &str, values: serde_json::Value) -> serde_json::Value {
    json!({"address": format!("{kind}.{name}"), "mode": "managed", "type": kind, "name": name,
           "provider_name": "registry.terraform.io/hashicorp/aws", "values": values,
           "sensitive_values": {}})
}

/// A Terraform plan (`terraform show -json`) with the same strings in its values.
fn hostile_plan(dir: &Path) -> std::path::PathBuf {
    let plan = json!({
        "format_version": "1.2",
        "terraform_version": "1.9.5",
        "planned_values": {"root_module": {"resources": [
            resource("aws_s3_bucket", "hostile", json!({"bucket": HOSTILE_NAME,
                "tags": {"owner": "</td><script>alert(2)</script>\u{1b}]0;pwned\u{7}"}})),
            resource("aws_security_group", "hostile", json!({"name": HOSTILE_NAME,
                "description": "\u{1b}]0;pwned\u{7} <b>description</b>",
                "ingress": [{"protocol": "tcp", "from_port": 22, "to_port": 22,
                             "cidr_blocks": ["0.0.0.0/0"], "description": HOSTILE_NAME}]})),
        ]}},
    });
    let path = dir.join("hostile.tfplan.json");
    std::fs::write(&path, serde_json::to_string(&plan).unwrap()).unwrap();
    path
}

/// Scans `source` (a snapshot, template or plan) into every human-facing output and asserts
/// that the hostile strings arrive in each, inert.
fn assert_scan_renders_inert(source_flag: &str, source: &Path) {
    let dir = tempfile::tempdir().unwrap();
    let p = |n: &str| dir.path().join(n);
    let out = run(stance()
        .args(["scan", "--fail-on", "never", source_flag])
        .arg(source)
        .args(["-o", &format!("html={}", p("r.html").display())])
        .args(["-o", &format!("sarif={}", p("r.sarif").display())])
        .args(["-o", &format!("markdown={}", p("r.md").display())])
        .args(["-o", &format!("text={}", p("r.txt").display())]));
    assert!(out.status.success(), "{}", stderr(&out));
    let read = |n: &str| std::fs::read_to_string(p(n)).unwrap();
    let source = source.display();

    let html = read("r.html");
    assert!(!html.contains("<img src=x"), "{source}: raw <img> in HTML");
    assert!(
        !html.contains("<script>alert(2)"),
        "{source}: raw <script> in HTML"
    );
    assert!(
        html.contains("&lt;img src=x onerror=alert(1)&gt;"),
        "{source}"
    );
    assert_eq!(
        html.matches("<script>").count(),
        1,
        "{source}: only the report's own script"
    );
    // Inert in a browser anyway, but not in a terminal that prints the file.
    assert!(
        !html
            .chars()
            .any(|c| c.is_control() && !matches!(c, '\n' | '\t')),
        "{source}: control character in HTML"
    );

    // SARIF: link syntax escaped, control characters gone.
    let sarif = read("r.sarif");
    assert!(
        !sarif.contains("\\u001b") && !sarif.contains("\\u0007"),
        "{source}: escape sequences in SARIF"
    );
    assert!(
        !sarif.contains("[click](https://evil.example)"),
        "{source}: live markdown link in SARIF"
    );
    let doc: serde_json::Value = serde_json::from_str(&sarif).unwrap();
    let results = doc["runs"][0]["results"].as_array().unwrap();
    assert!(
        results.iter().any(|r| r["message"]["text"]
            .as_str()
            .unwrap()
            .contains("<img src=x onerror=alert(1)>\\[click\\]")),
        "{source}: the hostile name is not in any SARIF message"
    );
    for r in results {
        let text = r["message"]["text"].as_str().unwrap();
        assert!(
            !text.chars().any(|c| c.is_control() && c != '\n'),
            "{source}: {text:?}"
        );
    }

    // Markdown (GitHub job summary): no live HTML, link or table break.
    let md = read("r.md");
    assert!(
        !md.replace("\\<", "").contains("<img"),
        "{source}: unescaped <img> in markdown: {md}"
    );
    assert!(!md.contains("[click]("), "{source}: {md}");
    assert!(!md.contains('\u{1b}'), "{source}: {md}");
    assert!(md.contains("\\<img"), "{source}: {md}");

    // Terminal and text outputs: no escape sequences reach the terminal.
    assert!(!read("r.txt").contains('\u{1b}'), "{source}");
    assert!(
        !stdout(&out).contains('\u{1b}') && !stdout(&out).contains('\u{7}'),
        "{source}: terminal output carries an escape sequence"
    );
}

#[test]
fn untrusted_strings_in_a_snapshot_render_inert_everywhere() {
    let dir = tempfile::tempdir().unwrap();
    assert_scan_renders_inert("--inventory", &hostile_snapshot(dir.path()));
}

#[test]
fn untrusted_template_and_plan_values_render_inert_everywhere() {
    let dir = tempfile::tempdir().unwrap();
    assert_scan_renders_inert("--iac", &hostile_template(dir.path()));
    assert_scan_renders_inert("--iac", &hostile_plan(dir.path()));
}

/// Asserts that no canary appears in a run's standard output, its standard error (the trace
/// logs) or any of `files` it wrote in `dir`.
fn assert_no_canary(out: &std::process::Output, dir: &Path, files: &[&str], canaries: &[String]) {
    let mut haystacks = vec![
        ("stdout".to_string(), stdout(out)),
        ("stderr (trace logs)".to_string(), stderr(out)),
    ];
    for f in files {
        haystacks.push((f.to_string(), std::fs::read_to_string(dir.join(f)).unwrap()));
    }
    for (name, text) in &haystacks {
        for canary in canaries {
            assert!(
                !text.contains(canary.as_str()),
                "{canary} leaked into {name}"
            );
        }
    }
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
    let seeded = moto::support_script(
        "seed_secrets.py",
        [
            "--endpoint",
            &moto.endpoint(),
            "--account",
            "111111111111",
            "--role-name",
            "StanceAudit",
            "--region",
            "us-east-1",
        ],
    );
    let mut canaries: Vec<String> = String::from_utf8_lossy(&seeded)
        .lines()
        .map(str::to_string)
        .collect();
    assert_eq!(canaries.len(), 4);
    let secret_key = "stance-canary-secret-access-key-3d1f";
    let session_token = "stance-canary-session-token-a81e";
    canaries.push(secret_key.to_string());
    canaries.push(session_token.to_string());
    // The account is scanned through a role: the session tokens moto issues for it all start
    // with this prefix (moto/sts/utils.py), and must not appear either.
    canaries.push("FQoGZXIvYXdzEBYaD".to_string());
    let p = |n: &str| dir.path().join(n);
    let out = run(stance()
        .env("AWS_ACCESS_KEY_ID", "AKIASTANCECANARY0001")
        .env("AWS_SECRET_ACCESS_KEY", secret_key)
        .env("AWS_SESSION_TOKEN", session_token)
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
        .env("AWS_SESSION_TOKEN", session_token)
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
    assert!(
        stderr(&out).len() > 10_000,
        "trace logging produced too little to be a meaningful test"
    );
    assert_no_canary(
        &out,
        dir.path(),
        &[
            "r.json",
            "r.sarif",
            "r.asff",
            "r.html",
            "r.md",
            "inventory.json",
        ],
        &canaries,
    );
    // The names of the variables are kept (they are useful and not secret); the values are not.
    assert!(
        std::fs::read_to_string(p("inventory.json"))
            .unwrap()
            .contains("DB_PASSWORD")
    );
}

#[test]
fn secrets_in_templates_and_plans_never_reach_logs_or_outputs() {
    let dir = tempfile::tempdir().unwrap();
    let p = |n: &str| dir.path().join(n);
    // Each value sits in a field that holds secrets or code; every resource that holds one is
    // mapped, so the values pass through the parsers and the model.
    let template = r##"AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  DbPassword:
    Type: String
    NoEcho: true
    Default: canary-cfn-parameter-2e6a
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      Role: arn:aws:iam::111111111111:role/app
      Code: {ZipFile: "print('canary-cfn-inline-code-77aa')"}
      Environment:
        Variables:
          DB_PASSWORD: canary-cfn-lambda-env-41c9
  Box:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-12345678
      UserData: {"Fn::Base64": "#!/bin/sh\nexport TOKEN=canary-cfn-user-data-9e02\n"}
  Vault:
    Type: AWS::SecretsManager::Secret
    Properties:
      SecretString: canary-cfn-secret-string-5b7d
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: mysql
      DBInstanceClass: db.t3.micro
      MasterUsername: app
      MasterUserPassword: !Ref DbPassword
  Task:
    Type: AWS::ECS::TaskDefinition
    Properties:
      ContainerDefinitions:
        - Name: app
          Image: app:1
          Environment:
            - Name: API_TOKEN
              Value: canary-cfn-container-env-d470
"##;
    std::fs::write(p("app.yaml"), template).unwrap();
    let plan = json!({
        "format_version": "1.2",
        "terraform_version": "1.9.5",
        "planned_values": {"root_module": {"resources": [
            resource("aws_lambda_function", "fn", json!({"function_name": "fn", "runtime": "python3.12",
                "environment": [{"variables": {"DB_PASSWORD": "canary-tf-lambda-env-8d21"}}]})),
            resource("aws_instance", "box", json!({"ami": "ami-1",
                "user_data": "export TOKEN=canary-tf-user-data-61fe"})),
            resource("aws_db_instance", "db", json!({"engine": "mysql",
                "instance_class": "db.t3.micro", "username": "app",
                "password": "canary-tf-db-password-0a4b"})),
            resource("aws_iam_user", "ci", json!({"name": "ci"})),
            resource("aws_iam_access_key", "ci", json!({"user": "ci", "status": "Active",
                "secret": "canary-tf-access-key-secret-93c5"})),
            resource("aws_iam_user_login_profile", "ci", json!({"user": "ci",
                "password": "canary-tf-login-password-c71e"})),
            resource("aws_ecs_task_definition", "task", json!({"family": "app",
                "container_definitions": serde_json::to_string(&json!([{"name": "app",
                    "image": "app:1",
                    "environment": [{"name": "API_TOKEN", "value": "canary-tf-container-env-5f09"}]}]))
                    .unwrap()})),
        ]}},
    });
    std::fs::write(p("plan.json"), serde_json::to_string_pretty(&plan).unwrap()).unwrap();
    let canaries: Vec<String> = [template.to_string(), plan.to_string()]
        .iter()
        .flat_map(|text| {
            text.match_indices("canary-")
                .map(|(at, _)| {
                    text[at..]
                        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
                        .next()
                        .unwrap()
                        .to_string()
                })
                .collect::<Vec<_>>()
        })
        .collect();
    assert_eq!(canaries.len(), 12, "{canaries:?}");

    let out = run(stance()
        .env("RUST_LOG", "trace")
        .args(["scan", "-vvv", "--fail-on", "never", "--iac"])
        .arg(p("app.yaml"))
        .arg("--iac")
        .arg(p("plan.json"))
        .args(["-o", &format!("json={}", p("r.json").display())])
        .args(["-o", &format!("sarif={}", p("r.sarif").display())])
        .args(["-o", &format!("asff={}", p("r.asff").display())])
        .args(["-o", &format!("html={}", p("r.html").display())])
        .args(["-o", &format!("markdown={}", p("r.md").display())])
        .args(["-o", &format!("text={}", p("r.txt").display())]));
    assert!(out.status.success(), "{}", stderr(&out));

    // Every resource that carries a canary was mapped and judged.
    let result: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(p("r.json")).unwrap()).unwrap();
    let ids: std::collections::BTreeSet<&str> = result["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["resource"]["id"].as_str())
        .collect();
    for mapped in [
        "#Fn",
        "#Box",
        "#Vault",
        "#Db",
        "#Task",
        "aws_lambda_function.fn",
        "aws_instance.box",
        "aws_db_instance.db",
        "aws_iam_user.ci",
        "aws_ecs_task_definition.task",
    ] {
        assert!(
            ids.iter().any(|id| id.ends_with(mapped)),
            "{mapped} not among the judged resources: {ids:?}"
        );
    }

    assert_no_canary(
        &out,
        dir.path(),
        &["r.json", "r.sarif", "r.asff", "r.html", "r.md", "r.txt"],
        &canaries,
    );
}

#[test]
fn untrusted_file_names_reach_stderr_inert() {
    let dir = tempfile::tempdir().unwrap();
    // A file name is as untrusted as a template value (a pull request chooses both); the
    // messages that quote it must not carry its escape sequences to the terminal.
    let name = "tpl\u{1b}]0;pwned\u{7}\u{1b}[2J.yaml";
    std::fs::write(
        dir.path().join(name),
        "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties: {a: [}\n",
    )
    .unwrap();
    // Without NO_COLOR, as a user runs it: a log read from a file or a CI system carries no
    // colour sequences either.
    let parse_error = run(stance()
        .env_remove("NO_COLOR")
        .args(["-v", "scan", "--fail-on", "never", "--iac"])
        .arg(dir.path().join(name)));
    assert_eq!(
        parse_error.status.code(),
        Some(4),
        "{}",
        stderr(&parse_error)
    );
    let missing = run(stance()
        .args(["scan", "--inventory"])
        .arg(dir.path().join(name.replace("yaml", "json"))));
    assert_eq!(missing.status.code(), Some(2), "{}", stderr(&missing));
    for (what, out) in [("parse error", &parse_error), ("missing file", &missing)] {
        let err = stderr(out);
        assert!(
            err.contains("pwned"),
            "{what}: the file is not named: {err}"
        );
        assert!(
            !err.contains('\u{1b}') && !err.contains('\u{7}'),
            "{what}: a control character reached stderr: {err:?}"
        );
    }
}
