//! SARIF 2.1.0 for GitHub code scanning (and any SARIF viewer).
//!
//! - One rule per check that failed, with help text and markdown (description, remediation,
//!   controls), `security-severity` in GitHub's bands, tags and compliance references.
//! - One result per FAIL (suppressed ones carry a SARIF suppression), each with a stable
//!   `partialFingerprints` entry and a physical location: the template line for IaC findings,
//!   an anchor file the user names for live findings (with the ARN in the message and a
//!   logical location).
//! - `automationDetails.id` names the set of accounts (or `iac`) so uploads for different
//!   accounts do not replace each other; `baselineState` is set when a baseline was given.
//! - GitHub's limits (25,000 results per run, 10 MB gzipped) are respected by dropping the least
//!   severe results first, with a warning in the log and in the run's notifications.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;

use serde_json::{Value, json};

use crate::check::metadata::{CheckMeta, Severity, framework_title};
use crate::finding::{BaselineState, Finding, ScanResult, Status};
use crate::report::inert;

/// GitHub's maximum number of results per run.
pub const MAX_RESULTS: usize = 25_000;
/// GitHub's maximum gzipped upload size.
pub const MAX_GZIPPED_BYTES: usize = 10 * 1024 * 1024;

/// SARIF rendering options.
#[derive(Debug, Clone, Default)]
pub struct SarifOptions {
    /// Repository file that live findings are anchored to (line 1).
    pub anchor: String,
    /// Override of the automation category.
    pub category: Option<String>,
    /// Cap on results (defaults to [`MAX_RESULTS`]; lowered in tests).
    pub max_results: Option<usize>,
}

/// GitHub's security-severity score for a severity.
pub fn security_severity(s: Severity) -> &'static str {
    match s {
        Severity::Critical => "9.5",
        Severity::High => "8.0",
        Severity::Medium => "5.5",
        Severity::Low => "3.0",
        Severity::Informational => "0.0",
    }
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Critical | Severity::High => "error",
        Severity::Medium => "warning",
        Severity::Low | Severity::Informational => "note",
    }
}

/// Neutralises untrusted text for a SARIF plain-text message: control characters removed,
/// and the characters SARIF treats as link syntax escaped.
pub fn plain_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' | '[' | ']' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() && c != '\n' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// Escapes untrusted text for inclusion in markdown: every markdown and HTML metacharacter is
/// backslash-escaped so a resource name cannot inject links, images or markup.
pub fn markdown_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            // Inline metacharacters only: list and heading markers matter at line starts, and
            // untrusted text never starts a line in the reports.
            '\\' | '`' | '*' | '_' | '{' | '}' | '[' | ']' | '(' | ')' | '#' | '!' | '|' | '<'
            | '>' | '~' | '&' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Compliance references of a check as display strings.
pub fn compliance_refs(check: &CheckMeta) -> Vec<String> {
    check
        .controls()
        .map(|(fw, id)| match fw {
            "fsbp" => format!("FSBP {id}"),
            other => format!("{}/{id}", framework_title(other)),
        })
        .collect()
}

fn rule(check: &CheckMeta) -> Value {
    let refs = compliance_refs(check);
    let service = check.id.split('_').next().unwrap_or("aws").to_string();
    let mut tags: Vec<String> = vec![
        "security".into(),
        "cspm".into(),
        service,
        check.severity.as_str().into(),
    ];
    for fw in check.frameworks.keys() {
        if tags.len() >= 10 {
            break;
        }
        tags.push(fw.clone());
    }
    tags.truncate(10);
    let mut md = format!(
        "{}\n\n**Severity:** {}\n\n**Remediation**\n\n{}\n",
        check.description, check.severity, check.remediation
    );
    if !refs.is_empty() {
        md.push_str("\n**Controls**\n\n");
        for r in &refs {
            md.push_str(&format!("- {r}\n"));
        }
    }
    for r in &check.references {
        md.push_str(&format!("\n<{r}>\n"));
    }
    let text = format!(
        "{}\n\nRemediation: {}\n\nControls: {}",
        check.description,
        check.remediation,
        refs.join(", ")
    );
    json!({
        "id": check.id,
        "name": check.id.split('_').map(|w| {
            let mut c = w.chars();
            c.next().map(|f| f.to_uppercase().collect::<String>() + c.as_str()).unwrap_or_default()
        }).collect::<String>(),
        "shortDescription": {"text": check.title},
        "fullDescription": {"text": check.description},
        "help": {"text": text, "markdown": md},
        "helpUri": check.references.first().cloned().unwrap_or_else(|| format!("https://github.com/stance-dev/stance/blob/main/docs/checks.md#{}", check.id)),
        "defaultConfiguration": {"level": level(check.severity)},
        "properties": {
            "security-severity": security_severity(check.severity),
            "precision": "high",
            "problem.severity": match check.severity {
                Severity::Critical | Severity::High => "error",
                Severity::Medium => "warning",
                _ => "recommendation",
            },
            "tags": tags,
            "compliance": refs,
        }
    })
}

/// The automation category of a result: `iac` for templates only, else the account set.
pub fn category(result: &ScanResult) -> String {
    let accounts: BTreeSet<&str> = result
        .targets
        .iter()
        .map(|t| t.account_id.as_str())
        .filter(|a| !a.is_empty())
        .collect();
    if accounts.is_empty() {
        "iac".to_string()
    } else if accounts.len() <= 3 {
        format!("aws-{}", accounts.into_iter().collect::<Vec<_>>().join("-"))
    } else {
        // A stable short name for large account sets: the count and a digest of the ids.
        let joined = accounts.iter().copied().collect::<Vec<_>>().join(",");
        let digest =
            crate::finding::fingerprint(&joined, &crate::finding::Target::scope("", "", None));
        format!("aws-{}-accounts-{}", accounts.len(), &digest[..12])
    }
}

fn result_json(
    result: &ScanResult,
    f: &Finding,
    rule_index: usize,
    options: &SarifOptions,
) -> Value {
    let check = result.check_of(f);
    let target = result.target_of(f);
    let message = f.message.as_deref().unwrap_or(&check.title);
    let resource = target.arn.as_deref().unwrap_or(&target.id);
    let text = if target.account_id.is_empty() {
        format!(
            "{} (resource: {})",
            plain_text(message),
            plain_text(resource)
        )
    } else {
        format!(
            "{} (resource: {}; account {}, {})",
            plain_text(message),
            plain_text(resource),
            target.account_id,
            plain_text(&target.region)
        )
    };
    let (uri, line) = match &target.location {
        Some(loc) => (loc.file.clone(), f.line.unwrap_or(loc.line).max(1)),
        None => (options.anchor.clone(), 1),
    };
    let mut out = json!({
        "ruleId": check.id,
        "ruleIndex": rule_index,
        "level": level(check.severity),
        "message": {"text": text},
        "locations": [{
            "physicalLocation": {
                "artifactLocation": {"uri": uri.replace('\\', "/")},
                "region": {"startLine": line}
            },
            "logicalLocations": [{
                "name": plain_text(target.name.as_deref().unwrap_or(&target.id)),
                "fullyQualifiedName": plain_text(resource),
                "kind": "resource"
            }]
        }],
        "partialFingerprints": {"stanceFingerprint/v1": result.fingerprint_of(f)},
        "properties": {
            "resourceType": inert(&target.resource_type),
            "accountId": inert(&target.account_id),
            "region": inert(&target.region),
            "security-severity": security_severity(check.severity),
        }
    });
    if let Some(state) = f.baseline {
        out["baselineState"] = json!(match state {
            BaselineState::New => "new",
            BaselineState::Unchanged => "unchanged",
            BaselineState::Resolved => "absent",
        });
    }
    if let Some(index) = f.suppression
        && let Some(s) = result.suppressions.get(index as usize)
    {
        out["suppressions"] = json!([{
            "kind": "external",
            "status": "accepted",
            "justification": format!("{} (owner: {}; {})", plain_text(&s.reason), plain_text(&s.owner), s.origin),
        }]);
    }
    out
}

/// Builds the SARIF log.
pub fn build(result: &ScanResult, options: &SarifOptions) -> Value {
    let max = options.max_results.unwrap_or(MAX_RESULTS);
    let mut failures: Vec<&Finding> = result
        .findings
        .iter()
        .filter(|f| f.status == Status::Fail)
        .collect();
    // Most severe first, so truncation drops the least severe.
    failures.sort_by(|a, b| {
        result
            .check_of(b)
            .severity
            .cmp(&result.check_of(a).severity)
            .then(a.check.cmp(&b.check))
            .then(a.target.cmp(&b.target))
    });
    let mut notifications: Vec<Value> = result
        .gaps
        .iter()
        .map(|g| {
            json!({
                "level": "warning",
                "descriptor": {"id": "coverage-gap"},
                "message": {"text": plain_text(&format!("not evaluated: account {} {}", g.account_id, g.describe()))},
            })
        })
        .collect();
    if failures.len() > max {
        let dropped = failures.len() - max;
        tracing::warn!(
            dropped,
            max,
            "SARIF: too many results for GitHub code scanning; dropping the least severe"
        );
        notifications.push(json!({
            "level": "warning",
            "descriptor": {"id": "results-truncated"},
            "message": {"text": format!("{dropped} least severe results were left out to stay within GitHub's limit of {max} results per run; the JSON and HTML reports have them all")},
        }));
        failures.truncate(max);
    }
    let mut rule_index: BTreeMap<u32, usize> = BTreeMap::new();
    for f in &failures {
        let next = rule_index.len();
        rule_index.entry(f.check).or_insert(next);
    }
    let mut rules: Vec<(usize, Value)> = rule_index
        .iter()
        .map(|(check, index)| (*index, rule(&result.checks[*check as usize])))
        .collect();
    rules.sort_by_key(|(i, _)| *i);
    let results: Vec<Value> = failures
        .iter()
        .map(|f| result_json(result, f, rule_index[&f.check], options))
        .collect();
    let category = options.category.clone().unwrap_or_else(|| category(result));
    json!({
        "$schema": "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "stance",
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://github.com/stance-dev/stance",
                "rules": rules.into_iter().map(|(_, r)| r).collect::<Vec<_>>(),
            }},
            "automationDetails": {"id": format!("stance/{category}/")},
            "invocations": [{
                "executionSuccessful": true,
                "toolExecutionNotifications": notifications,
            }],
            "results": results,
            "properties": {
                "accounts": result.scan.accounts,
                "regions": result.scan.regions,
                "resourceCount": result.scan.resource_count,
            }
        }]
    })
}

fn gzipped_len(bytes: &[u8]) -> usize {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    if encoder.write_all(bytes).is_err() {
        return usize::MAX;
    }
    encoder.finish().map(|v| v.len()).unwrap_or(usize::MAX)
}

/// Writes the SARIF log, shrinking it until it fits GitHub's gzipped size limit.
pub fn write(
    result: &ScanResult,
    out: &mut dyn Write,
    options: &SarifOptions,
) -> std::io::Result<()> {
    let mut opts = options.clone();
    loop {
        let log = build(result, &opts);
        let bytes = serde_json::to_vec_pretty(&log).map_err(std::io::Error::other)?;
        let count = log["runs"][0]["results"].as_array().map_or(0, Vec::len);
        if bytes.len() < MAX_GZIPPED_BYTES || gzipped_len(&bytes) <= MAX_GZIPPED_BYTES || count == 0
        {
            out.write_all(&bytes)?;
            return out.write_all(b"\n");
        }
        opts.max_results = Some(count * 3 / 4);
    }
}
