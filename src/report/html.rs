//! The HTML report: one self-contained, offline file (no CDN, inline CSS and JS) rendered from
//! the tera template in `reports/report.html.tera`, embedded in the binary.
//!
//! Every string from the inventory (names, tags, messages) reaches the page only through tera's
//! HTML autoescaping, and the filter script reads `data-*` attributes and sets `textContent`,
//! never `innerHTML`, so a resource named `<script>` stays text. Control characters in those
//! strings (terminal escape sequences) are replaced after rendering.

use std::collections::BTreeMap;
use std::io::Write;

use serde::Serialize;

use crate::check::metadata::{FRAMEWORKS, Severity};
use crate::finding::{BaselineState, ScanResult, Status};
use crate::frameworks::{self, ControlState};

/// The embedded template.
const TEMPLATE: &str = include_str!("../../reports/report.html.tera");

/// Rows of passing or not-applicable results shown at most (failures are always all shown);
/// the JSON report has everything.
pub const MAX_QUIET_ROWS: usize = 5_000;

#[derive(Serialize)]
struct Row<'a> {
    check_id: &'a str,
    title: &'a str,
    severity: &'static str,
    severity_rank: u8,
    status: &'static str,
    message: &'a str,
    resource_id: &'a str,
    resource_name: &'a str,
    resource_type: &'a str,
    service: &'a str,
    account: &'a str,
    region: &'a str,
    location: String,
    baseline: &'static str,
    suppressed: String,
    controls: String,
    fingerprint: String,
}

#[derive(Serialize, Default)]
struct Counts {
    fail: usize,
    pass: usize,
    other: usize,
    critical: usize,
    high: usize,
    medium: usize,
    low: usize,
    informational: usize,
}

impl Counts {
    fn add(&mut self, status: Status, severity: Severity, suppressed: bool) {
        match status {
            Status::Fail if !suppressed => {
                self.fail += 1;
                match severity {
                    Severity::Critical => self.critical += 1,
                    Severity::High => self.high += 1,
                    Severity::Medium => self.medium += 1,
                    Severity::Low => self.low += 1,
                    Severity::Informational => self.informational += 1,
                }
            }
            Status::Pass => self.pass += 1,
            _ => self.other += 1,
        }
    }
}

#[derive(Serialize)]
struct Group {
    name: String,
    counts: Counts,
}

#[derive(Serialize)]
struct ControlRow {
    id: String,
    requirement: String,
    status: &'static str,
    checks: String,
    fail: usize,
    pass: usize,
    /// For MANUAL and NOT_COVERED controls: what to assess by hand.
    guidance: String,
}

#[derive(Serialize)]
struct FrameworkView {
    key: String,
    title: String,
    controls: Vec<ControlRow>,
    failing: usize,
    passing: usize,
    manual: usize,
    not_covered: usize,
}

#[derive(Serialize)]
struct CheckView<'a> {
    id: &'a str,
    title: &'a str,
    severity: &'static str,
    description: &'a str,
    remediation: &'a str,
    controls: String,
    fail: usize,
}

fn framework_views(result: &ScanResult) -> Vec<FrameworkView> {
    let wanted: Vec<&str> = if result.scan.frameworks.is_empty() {
        FRAMEWORKS
            .iter()
            .map(|(k, _)| *k)
            .filter(|k| result.checks.iter().any(|c| c.frameworks.contains_key(*k)))
            .collect()
    } else {
        result.scan.frameworks.iter().map(String::as_str).collect()
    };
    wanted
        .into_iter()
        .map(|fw| {
            let controls = frameworks::control_statuses(result, fw);
            let count = |state: ControlState| controls.iter().filter(|c| c.status == state).count();
            FrameworkView {
                key: fw.to_string(),
                title: crate::check::metadata::framework_title(fw).to_string(),
                failing: count(ControlState::Fail),
                passing: count(ControlState::Pass),
                manual: count(ControlState::Manual),
                not_covered: count(ControlState::NotCovered),
                controls: controls
                    .into_iter()
                    .map(|c| ControlRow {
                        // Guidance that only repeats the requirement is not shown twice.
                        guidance: c.guidance.filter(|g| *g != c.title).unwrap_or_default(),
                        id: c.id,
                        requirement: c.title,
                        status: c.status.as_str(),
                        checks: c.checks.join(", "),
                        fail: c.failing,
                        pass: c.passing,
                    })
                    .collect(),
            }
        })
        .collect()
}

/// Renders the report.
pub fn write(result: &ScanResult, out: &mut dyn Write) -> std::io::Result<()> {
    let mut tera = tera::Tera::new();
    tera.add_raw_template("report.html", TEMPLATE)
        .map_err(std::io::Error::other)?;
    let context = context(result);
    let html = tera
        .render("report.html", &context)
        .map_err(|e| std::io::Error::other(format!("{e:?}")))?;
    // Autoescaping makes markup in untrusted strings inert, but not terminal escape sequences:
    // a browser ignores them, a terminal running `cat report.html` would obey them. The
    // template holds no control character, so whatever is replaced came from the data.
    out.write_all(crate::report::inert_text(&html).as_bytes())
}

fn context(result: &ScanResult) -> tera::Context {
    let mut rows = Vec::new();
    let mut quiet = 0usize;
    let mut by_account: BTreeMap<&str, Counts> = BTreeMap::new();
    let mut by_region: BTreeMap<&str, Counts> = BTreeMap::new();
    let mut by_service: BTreeMap<&str, Counts> = BTreeMap::new();
    let mut totals = Counts::default();
    let mut fails_per_check = vec![0usize; result.checks.len()];
    let mut order: Vec<usize> = (0..result.findings.len()).collect();
    order.sort_by(|&a, &b| {
        let (fa, fb) = (&result.findings[a], &result.findings[b]);
        let rank = |s: Status| match s {
            Status::Fail => 0,
            Status::Error => 1,
            Status::NotEvaluated => 2,
            Status::Pass => 3,
            Status::NotApplicable => 4,
        };
        rank(fa.status)
            .cmp(&rank(fb.status))
            .then(
                result
                    .check_of(fb)
                    .severity
                    .cmp(&result.check_of(fa).severity),
            )
            .then(fa.check.cmp(&fb.check))
    });
    for &i in &order {
        let f = &result.findings[i];
        let check = result.check_of(f);
        let target = result.target_of(f);
        let service = target.resource_type.split('_').next().unwrap_or("");
        let suppressed = f.suppression.is_some();
        totals.add(f.status, check.severity, suppressed);
        by_account
            .entry(target.account_id.as_str())
            .or_default()
            .add(f.status, check.severity, suppressed);
        by_region.entry(target.region.as_str()).or_default().add(
            f.status,
            check.severity,
            suppressed,
        );
        by_service
            .entry(service)
            .or_default()
            .add(f.status, check.severity, suppressed);
        if f.status == Status::Fail && !suppressed {
            fails_per_check[f.check as usize] += 1;
        }
        if matches!(f.status, Status::Pass | Status::NotApplicable) {
            quiet += 1;
            if quiet > MAX_QUIET_ROWS {
                continue;
            }
        }
        rows.push(Row {
            check_id: &check.id,
            title: &check.title,
            severity: check.severity.as_str(),
            severity_rank: check.severity as u8,
            status: f.status.as_str(),
            message: f.message.as_deref().unwrap_or(""),
            resource_id: target.arn.as_deref().unwrap_or(&target.id),
            resource_name: target.name.as_deref().unwrap_or(""),
            resource_type: &target.resource_type,
            service,
            account: &target.account_id,
            region: &target.region,
            location: target
                .location
                .as_ref()
                .map(|l| format!("{}:{}", l.file, f.line.unwrap_or(l.line)))
                .unwrap_or_default(),
            baseline: f.baseline.map(|b| b.as_str()).unwrap_or(""),
            suppressed: f
                .suppression
                .and_then(|s| result.suppressions.get(s as usize))
                .map(|s| format!("{} (owner {})", s.reason, s.owner))
                .unwrap_or_default(),
            controls: crate::report::json::controls_of(check).join(" "),
            fingerprint: result.fingerprint_of(f),
        });
    }
    let groups = |m: BTreeMap<&str, Counts>| -> Vec<Group> {
        m.into_iter()
            .map(|(name, counts)| Group {
                name: if name.is_empty() {
                    "(none)".to_string()
                } else {
                    name.to_string()
                },
                counts,
            })
            .collect()
    };
    let mut checks: Vec<CheckView> = result
        .checks
        .iter()
        .enumerate()
        .map(|(i, c)| CheckView {
            id: &c.id,
            title: &c.title,
            severity: c.severity.as_str(),
            description: &c.description,
            remediation: &c.remediation,
            controls: crate::report::sarif::compliance_refs(c).join("; "),
            fail: fails_per_check[i],
        })
        .filter(|c| c.fail > 0)
        .collect();
    checks.sort_by(|a, b| b.fail.cmp(&a.fail).then(a.id.cmp(b.id)));
    let new_count = result
        .findings
        .iter()
        .filter(|f| f.baseline == Some(BaselineState::New))
        .count();
    let resolved: Vec<serde_json::Value> = result
        .resolved
        .iter()
        .map(|r| {
            serde_json::json!({
                "check_id": r.check_id,
                "severity": r.severity.as_str(),
                "resource_id": r.target.arn.clone().unwrap_or_else(|| r.target.id.clone()),
                "account": r.target.account_id,
                "region": r.target.region,
                "message": r.message.clone().unwrap_or_default(),
            })
        })
        .collect();
    let severity_changes: Vec<serde_json::Value> = result
        .severity_changes()
        .map(|(f, before)| {
            let check = result.check_of(f);
            let target = result.target_of(f);
            serde_json::json!({
                "check_id": check.id,
                "before": before.as_str(),
                "now": check.severity.as_str(),
                "resource_id": target.arn.clone().unwrap_or_else(|| target.id.clone()),
                "account": target.account_id,
                "region": target.region,
            })
        })
        .collect();
    let accounts: Vec<String> = result.scan.accounts.clone();
    let mut ctx = tera::Context::new();
    ctx.insert("version", env!("CARGO_PKG_VERSION"));
    ctx.insert("scan", &result.scan);
    ctx.insert("generated_at", &result.scan.started_at.to_string());
    ctx.insert("totals", &totals);
    ctx.insert(
        "suppressed",
        &result
            .findings
            .iter()
            .filter(|f| f.status == Status::Fail && f.suppression.is_some())
            .count(),
    );
    ctx.insert("rows", &rows);
    ctx.insert("rows_hidden", &quiet.saturating_sub(MAX_QUIET_ROWS));
    ctx.insert("by_account", &groups(by_account));
    ctx.insert("by_region", &groups(by_region));
    ctx.insert("by_service", &groups(by_service));
    ctx.insert("frameworks", &framework_views(result));
    ctx.insert("checks", &checks);
    ctx.insert("gaps", &result.gaps);
    ctx.insert("has_baseline", &result.scan.baseline.is_some());
    ctx.insert("new_count", &new_count);
    ctx.insert("resolved", &resolved);
    ctx.insert("severity_changes", &severity_changes);
    ctx.insert("suppressions", &result.suppressions);
    ctx.insert("accounts", &accounts);
    ctx
}
