//! AWS Security Finding Format (ASFF), ready for Security Hub `BatchImportFindings`.
//!
//! Every evaluated (check, target) becomes one finding with `Compliance.Status` PASSED, FAILED
//! or NOT_AVAILABLE; resolved baseline findings are sent ARCHIVED so Security Hub closes them.
//! Ids are deterministic (`stance/<fingerprint>`), so re-imports update rather than duplicate.

use std::io::Write;

use serde_json::{Map, Value, json};

use crate::check::metadata::{CheckMeta, Severity, framework_title};
use crate::finding::{Finding, ResolvedFinding, ScanResult, Status, Target};
use crate::model::GLOBAL_REGION;
use crate::model::time::Timestamp;

/// Findings per BatchImportFindings call.
pub const BATCH_SIZE: usize = 100;

/// The region Security Hub files global resources under, per partition.
pub fn home_region(partition: &str) -> &'static str {
    match partition {
        "aws-cn" => "cn-north-1",
        "aws-us-gov" => "us-gov-west-1",
        _ => "us-east-1",
    }
}

fn region_of(target: &Target) -> String {
    if target.region.is_empty() || target.region == GLOBAL_REGION {
        home_region(&target.partition).to_string()
    } else {
        target.region.clone()
    }
}

fn label(s: Severity) -> &'static str {
    match s {
        Severity::Critical => "CRITICAL",
        Severity::High => "HIGH",
        Severity::Medium => "MEDIUM",
        Severity::Low => "LOW",
        Severity::Informational => "INFORMATIONAL",
    }
}

fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

fn types_of(check: &CheckMeta) -> Vec<String> {
    let mut types = Vec::new();
    if check.frameworks.keys().any(|k| k.starts_with("cis-aws")) {
        types.push("Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark".to_string());
    }
    if check.frameworks.contains_key("fsbp") || types.is_empty() {
        types.push("Software and Configuration Checks/AWS Security Best Practices".to_string());
    }
    types
}

fn related_requirements(check: &CheckMeta) -> Vec<String> {
    check
        .controls()
        .filter(|(fw, _)| *fw != "fsbp")
        .map(|(fw, id)| format!("{}/{id}", framework_title(fw)))
        .take(32)
        .collect()
}

fn resource_json(target: &Target) -> Value {
    let asff_type = crate::model::resource_type(&target.resource_type)
        .map(|t| t.asff_type)
        .unwrap_or("AwsAccount");
    let (kind, id) = match target.resource_type.as_str() {
        "account" | "region" => (
            "AwsAccount",
            format!("AWS::::Account:{}", target.account_id),
        ),
        _ if asff_type == "AwsAccount" => (
            "AwsAccount",
            format!("AWS::::Account:{}", target.account_id),
        ),
        _ => (
            asff_type,
            target.arn.clone().unwrap_or_else(|| target.id.clone()),
        ),
    };
    let mut r = json!({
        "Type": kind,
        "Id": truncate(&id, 512),
        "Partition": if target.partition.is_empty() { "aws" } else { target.partition.as_str() },
        "Region": region_of(target),
    });
    if !target.tags.is_empty() {
        let tags: Map<String, Value> = target
            .tags
            .iter()
            .take(50)
            .map(|(k, v)| (truncate(k, 128), Value::String(truncate(v, 256))))
            .collect();
        r["Tags"] = Value::Object(tags);
    }
    if kind == "Other"
        || asff_type == "AwsAccount"
            && target.resource_type != "account"
            && target.resource_type != "region"
    {
        r["Details"] = json!({"Other": {"stance:resourceType": target.resource_type.clone(), "stance:id": truncate(&target.id, 1024)}});
    }
    r
}

#[allow(clippy::too_many_arguments)]
fn finding_json(
    check: &CheckMeta,
    target: &Target,
    fingerprint: &str,
    status: Option<Status>,
    message: Option<&str>,
    first_seen: Option<Timestamp>,
    updated: Timestamp,
    archived: bool,
) -> Value {
    let account = if target.account_id.len() == 12 {
        target.account_id.clone()
    } else {
        "000000000000".to_string()
    };
    let region = region_of(target);
    let partition = if target.partition.is_empty() {
        "aws"
    } else {
        target.partition.as_str()
    };
    let compliance_status = if archived {
        "PASSED"
    } else {
        match status {
            Some(Status::Pass) => "PASSED",
            Some(Status::Fail) => "FAILED",
            _ => "NOT_AVAILABLE",
        }
    };
    let mut compliance = json!({"Status": compliance_status});
    if let Some(fsbp) = check.frameworks.get("fsbp").and_then(|ids| ids.first()) {
        compliance["SecurityControlId"] = json!(fsbp);
    }
    let related = related_requirements(check);
    if !related.is_empty() {
        compliance["RelatedRequirements"] = json!(related);
    }
    if matches!(
        status,
        Some(Status::NotApplicable | Status::NotEvaluated | Status::Error)
    ) && !archived
    {
        let code = match status {
            Some(Status::NotApplicable) => "CONFIG_RETURNS_NOT_APPLICABLE",
            Some(Status::NotEvaluated) => "CONFIG_ACCESS_DENIED",
            _ => "INTERNAL_SERVICE_ERROR",
        };
        compliance["StatusReasons"] = json!([{
            "ReasonCode": code,
            "Description": truncate(message.unwrap_or("not evaluated"), 2048),
        }]);
    }
    let description = match (status, message) {
        (Some(Status::Pass), _) => format!("PASS: {}", check.title),
        (_, Some(m)) => m.to_string(),
        _ => check.description.clone(),
    };
    let created = first_seen.unwrap_or(updated);
    let mut f = json!({
        "SchemaVersion": "2018-10-08",
        "Id": format!("stance/{fingerprint}"),
        "ProductArn": format!("arn:{partition}:securityhub:{region}:{account}:product/{account}/default"),
        "ProductName": "stance",
        "CompanyName": "stance",
        "GeneratorId": truncate(&format!("stance/{}", check.id), 512),
        "AwsAccountId": account,
        "Region": region,
        "Types": types_of(check),
        "CreatedAt": created.to_string(),
        "UpdatedAt": updated.to_string(),
        "FirstObservedAt": created.to_string(),
        "LastObservedAt": updated.to_string(),
        "Severity": {"Label": label(check.severity), "Original": check.severity.as_str()},
        "Title": truncate(&check.title, 256),
        "Description": truncate(&description, 1024),
        "Remediation": {"Recommendation": {"Text": truncate(&check.remediation, 512)}},
        "ProductFields": {
            "stance/CheckId": check.id,
            "stance/Fingerprint": fingerprint,
            "stance/ResourceType": target.resource_type,
        },
        "Resources": [resource_json(target)],
        "Compliance": compliance,
        "RecordState": if archived { "ARCHIVED" } else { "ACTIVE" },
        "Workflow": {"Status": if archived || compliance_status == "PASSED" { "RESOLVED" } else { "NEW" }},
    });
    if let Some(url) = check.references.first() {
        f["Remediation"]["Recommendation"]["Url"] = json!(url);
    }
    f
}

/// Every finding of the result (and resolved baseline findings) as ASFF.
pub fn findings(result: &ScanResult) -> Vec<Value> {
    let updated = result.scan.started_at;
    let mut out: Vec<Value> = result
        .findings
        .iter()
        .map(|f: &Finding| {
            let mut v = finding_json(
                result.check_of(f),
                result.target_of(f),
                &result.fingerprint_of(f),
                Some(f.status),
                f.message.as_deref(),
                f.first_seen,
                updated,
                false,
            );
            if let Some(s) = f
                .suppression
                .and_then(|i| result.suppressions.get(i as usize))
            {
                v["Workflow"] = json!({"Status": "SUPPRESSED"});
                v["Note"] = json!({
                    "Text": truncate(&format!("Suppressed: {} ({})", s.reason, s.origin), 512),
                    "UpdatedBy": truncate(&s.owner, 512),
                    "UpdatedAt": updated.to_string(),
                });
            }
            v
        })
        .collect();
    let checks: std::collections::HashMap<&str, &CheckMeta> =
        result.checks.iter().map(|c| (c.id.as_str(), c)).collect();
    // A resolved finding whose resource still exists passes now: its current record (same Id,
    // PASSED) already closes it, so it only inherits the first-seen date; an ARCHIVED copy would
    // repeat the Id in one BatchImportFindings call.
    let current: std::collections::HashMap<String, usize> = if result.resolved.is_empty() {
        Default::default()
    } else {
        out.iter()
            .enumerate()
            .filter_map(|(i, v)| {
                v["ProductFields"]["stance/Fingerprint"]
                    .as_str()
                    .map(|fp| (fp.to_string(), i))
            })
            .collect()
    };
    let mut first_seen_of_current = Vec::new();
    for r in &result.resolved {
        if let Some(&i) = current.get(&r.fingerprint) {
            if let Some(first) = r.first_seen {
                first_seen_of_current.push((i, first.to_string()));
            }
            continue;
        }
        let ResolvedFinding {
            check_id,
            target,
            fingerprint,
            first_seen,
            message,
            ..
        } = r;
        if let Some(check) = checks.get(check_id.as_str()) {
            out.push(finding_json(
                check,
                target,
                fingerprint,
                None,
                message.as_deref(),
                *first_seen,
                updated,
                true,
            ));
        }
    }
    for (i, first) in first_seen_of_current {
        out[i]["CreatedAt"] = json!(first);
        out[i]["FirstObservedAt"] = json!(first);
    }
    out
}

/// Writes the ASFF findings as one JSON array.
pub fn write(result: &ScanResult, out: &mut dyn Write) -> std::io::Result<()> {
    let list = findings(result);
    serde_json::to_writer_pretty(&mut *out, &list).map_err(std::io::Error::other)?;
    out.write_all(b"\n")
}
