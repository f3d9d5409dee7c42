//! Baseline comparison: which failures are new, unchanged or resolved since a previous result.
//!
//! Findings are matched by fingerprint only (check id, partition, account, region, resource
//! id), so an alert survives message rewording, line moves and severity changes. A baseline
//! failure counts as *resolved* only when this run could actually judge it: same check
//! selected, account scanned, no coverage gap over its data and no NOT_EVALUATED or ERROR
//! result for it. Otherwise it is simply not reported either way.

use std::collections::{HashMap, HashSet};

use crate::finding::{BaselineState, ResolvedFinding, ScanResult, Status};
use crate::model::time::Timestamp;

/// Compares `current` with `baseline`, filling each failure's [`BaselineState`],
/// `first_seen` and changed severity, and the list of resolved findings.
pub fn apply(current: &mut ScanResult, baseline: &ScanResult, baseline_name: &str) {
    let now = current.scan.started_at;
    let mut failing_before: HashMap<String, (usize, Option<Timestamp>)> = HashMap::new();
    for (i, f) in baseline.findings.iter().enumerate() {
        if f.status == Status::Fail {
            let first = f.first_seen.unwrap_or(baseline.scan.started_at);
            failing_before.insert(baseline.fingerprint_of(f), (i, Some(first)));
        }
    }
    let mut failing_now: HashSet<String> = HashSet::new();
    let mut unjudged: HashSet<String> = HashSet::new();
    for index in 0..current.findings.len() {
        let status = current.findings[index].status;
        if matches!(status, Status::NotEvaluated | Status::Error) {
            unjudged.insert(current.fingerprint_of(&current.findings[index]));
        }
        if status != Status::Fail {
            continue;
        }
        let fp = current.fingerprint_of(&current.findings[index]);
        let severity = current.check_of(&current.findings[index]).severity;
        failing_now.insert(fp.clone());
        let f = &mut current.findings[index];
        match failing_before.get(&fp) {
            Some((old_index, first_seen)) => {
                f.baseline = Some(BaselineState::Unchanged);
                f.first_seen = *first_seen;
                let old = &baseline.findings[*old_index];
                let old_severity = baseline.check_of(old).severity;
                if old_severity != severity {
                    f.baseline_severity = Some(old_severity);
                }
            }
            None => {
                f.baseline = Some(BaselineState::New);
                f.first_seen = Some(now);
            }
        }
    }

    let checks_now: HashSet<&str> = current.checks.iter().map(|c| c.id.as_str()).collect();
    let accounts_now: HashSet<&str> = current.scan.accounts.iter().map(String::as_str).collect();
    let mut resolved = Vec::new();
    for (fp, (old_index, first_seen)) in &failing_before {
        let old = &baseline.findings[*old_index];
        let check = baseline.check_of(old);
        let target = baseline.target_of(old);
        if failing_now.contains(fp)
            || unjudged.contains(fp)
            || !checks_now.contains(check.id.as_str())
        {
            continue;
        }
        // A target from an account (or IaC file set) this run did not look at is unknown.
        let account_scanned =
            target.account_id.is_empty() || accounts_now.contains(target.account_id.as_str());
        let gap_covers = current.gaps.iter().any(|g| {
            g.account_id == target.account_id
                && (g.region == "*"
                    || g.region == target.region
                    || g.region == crate::model::GLOBAL_REGION)
                && g.affects(&target.account_id, &g.region, &target.resource_type)
        });
        if !account_scanned || gap_covers {
            continue;
        }
        resolved.push(ResolvedFinding {
            check_id: check.id.clone(),
            target: target.clone(),
            severity: check.severity,
            message: old.message.as_deref().map(str::to_string),
            fingerprint: fp.clone(),
            first_seen: *first_seen,
        });
    }
    resolved.sort_by(|a, b| (&a.check_id, &a.target.id).cmp(&(&b.check_id, &b.target.id)));
    current.resolved = resolved;
    current.scan.baseline = Some(baseline_name.to_string());
}

/// Marks every failure as first seen now (no baseline): keeps `first_seen` meaningful in ASFF.
pub fn stamp_first_seen(current: &mut ScanResult) {
    let now = current.scan.started_at;
    for f in current
        .findings
        .iter_mut()
        .filter(|f| f.status == Status::Fail)
    {
        f.first_seen.get_or_insert(now);
    }
}
