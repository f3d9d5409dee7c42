//! Findings: the status of one check on one target, and the scan result that holds them all.
//!
//! A scan result is compact: findings refer to their check and target by index, so its size
//! grows with the inventory and the number of results, never with copies of resources. The
//! same structure is rebuilt from a JSON result file (baselines, shard merges, `stance diff`),
//! so every renderer works the same on a fresh scan and on a stored one.

use std::collections::BTreeMap;
use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::check::metadata::{CheckMeta, Severity};
use crate::model::time::Timestamp;
use crate::model::{Gap, ResourceMeta, Source};

/// Outcome of one check on one target.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Status {
    /// The target complies.
    Pass,
    /// The target does not comply.
    Fail,
    /// The check does not apply to this target (e.g. a rotation check on an asymmetric key,
    /// or a value unknown until deploy).
    NotApplicable,
    /// The data the check needs could not be collected (a coverage gap).
    NotEvaluated,
    /// The check itself failed to evaluate.
    Error,
}

impl Status {
    /// All statuses in display order.
    pub const ALL: [Status; 5] = [
        Status::Fail,
        Status::Pass,
        Status::NotApplicable,
        Status::NotEvaluated,
        Status::Error,
    ];

    /// The upper-case name used in outputs.
    pub fn as_str(&self) -> &'static str {
        match self {
            Status::Pass => "PASS",
            Status::Fail => "FAIL",
            Status::NotApplicable => "NOT_APPLICABLE",
            Status::NotEvaluated => "NOT_EVALUATED",
            Status::Error => "ERROR",
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How a finding compares with the baseline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum BaselineState {
    /// Failing now, not failing in the baseline.
    New,
    /// Failing now and in the baseline.
    Unchanged,
    /// Failing in the baseline, passing or gone now.
    Resolved,
}

impl BaselineState {
    /// The lowercase name.
    pub fn as_str(&self) -> &'static str {
        match self {
            BaselineState::New => "new",
            BaselineState::Unchanged => "unchanged",
            BaselineState::Resolved => "resolved",
        }
    }
}

/// Where a target is declared in a file (infrastructure as code).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Location {
    /// Path of the file.
    pub file: String,
    /// 1-based line.
    pub line: u32,
}

/// What a finding is about: a resource, or an account or region for scope-level checks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Target {
    /// Stable id (ARN or pseudo-id).
    pub id: String,
    /// ARN, when the target has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub arn: Option<String>,
    /// Model resource type (`s3_bucket`), or `account` / `region` for scope targets.
    pub resource_type: String,
    /// Account id (empty for IaC resources not bound to an account).
    pub account_id: String,
    /// Region or `global`.
    pub region: String,
    /// Partition.
    pub partition: String,
    /// Name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Tags.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub tags: BTreeMap<String, String>,
    /// Declaration in an IaC file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    /// Lines of individual properties in the IaC file, by dotted path.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub property_lines: BTreeMap<String, u32>,
}

impl Target {
    /// The target of a resource.
    pub fn from_meta(resource_type: &str, meta: &ResourceMeta) -> Self {
        let location = match &meta.source {
            Source::Iac { file, line, .. } => Some(Location {
                file: file.clone(),
                line: *line,
            }),
            _ => None,
        };
        Self {
            id: meta.id.clone(),
            arn: meta.arn.clone(),
            resource_type: resource_type.to_string(),
            account_id: meta.account_id.clone(),
            region: meta.region.clone(),
            partition: meta.partition.clone(),
            name: meta.name.clone(),
            tags: meta.tags.clone(),
            location,
            property_lines: meta.lines.clone(),
        }
    }

    /// The target of an account-scope (`region == None`) or region-scope check.
    pub fn scope(account_id: &str, partition: &str, region: Option<&str>) -> Self {
        Self {
            id: format!("AWS::::Account:{account_id}"),
            arn: None,
            resource_type: if region.is_some() {
                "region"
            } else {
                "account"
            }
            .to_string(),
            account_id: account_id.to_string(),
            region: region.unwrap_or(crate::model::GLOBAL_REGION).to_string(),
            partition: partition.to_string(),
            name: None,
            tags: BTreeMap::new(),
            location: None,
            property_lines: BTreeMap::new(),
        }
    }
}

/// The stable fingerprint of a (check, target) pair: sha256 over check id, partition, account,
/// region and target id, hex-encoded. Messages, timestamps and line numbers are left out so a
/// finding keeps its identity across runs and unrelated edits.
pub fn fingerprint(check_id: &str, target: &Target) -> String {
    let mut hasher = Sha256::new();
    for part in [
        check_id,
        &target.partition,
        &target.account_id,
        &target.region,
        &target.id,
    ] {
        hasher.update(part.as_bytes());
        hasher.update([0u8]);
    }
    let digest = hasher.finalize();
    let mut hex = String::with_capacity(64);
    for byte in digest {
        hex.push(char::from(b"0123456789abcdef"[usize::from(byte >> 4)]));
        hex.push(char::from(b"0123456789abcdef"[usize::from(byte & 0xf)]));
    }
    hex
}

/// One result: a check's status on a target.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// Index into [`ScanResult::checks`].
    pub check: u32,
    /// Index into [`ScanResult::targets`].
    pub target: u32,
    /// Status.
    pub status: Status,
    /// Why it failed, is not applicable or not evaluated; `None` on PASS.
    pub message: Option<Box<str>>,
    /// Facts the check reported to support the verdict.
    pub evidence: Option<Box<serde_json::Value>>,
    /// Line of the offending property in an IaC file, when known (else the resource's line).
    pub line: Option<u32>,
    /// Comparison with the baseline, when one was given.
    pub baseline: Option<BaselineState>,
    /// Severity in the baseline, when it differed.
    pub baseline_severity: Option<Severity>,
    /// When the finding was first seen failing (carried from the baseline).
    pub first_seen: Option<Timestamp>,
    /// Index into [`ScanResult::suppressions`] of the suppression that matched.
    pub suppression: Option<u32>,
}

impl Finding {
    /// A finding with no baseline or suppression information.
    pub fn new(check: u32, target: u32, status: Status, message: Option<String>) -> Self {
        Self {
            check,
            target,
            status,
            message: message.map(String::into_boxed_str),
            evidence: None,
            line: None,
            baseline: None,
            baseline_severity: None,
            first_seen: None,
            suppression: None,
        }
    }
}

/// A source the scan read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct SourceInfo {
    /// `aws`, `snapshot`, `cloudformation`, `terraform`.
    pub kind: String,
    /// File path, profile or endpoint, as given.
    pub location: String,
}

/// An applied suppression (from the suppressions file or inline in a template).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct SuppressionInfo {
    /// Why the findings are accepted.
    pub reason: String,
    /// Who owns the decision.
    pub owner: String,
    /// Expiry date, after which the suppression stops applying.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires: Option<String>,
    /// Where the suppression is declared (`file:line`).
    pub origin: String,
    /// The suppression has expired and no longer applies.
    #[serde(default)]
    pub expired: bool,
}

/// A finding of the baseline that no longer fails.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ResolvedFinding {
    /// Check id.
    pub check_id: String,
    /// The target as it was in the baseline.
    pub target: Target,
    /// Severity in the baseline.
    pub severity: Severity,
    /// Message in the baseline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// Fingerprint.
    pub fingerprint: String,
    /// When it was first seen failing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_seen: Option<Timestamp>,
}

/// Facts about the scan run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ScanInfo {
    /// When the scan started.
    pub started_at: Timestamp,
    /// Wall time of the whole scan in milliseconds.
    pub duration_ms: u64,
    /// When the inventory was collected.
    pub collected_at: Timestamp,
    /// Sources read.
    pub sources: Vec<SourceInfo>,
    /// Accounts scanned.
    pub accounts: Vec<String>,
    /// Regions scanned (excluding `global`).
    pub regions: Vec<String>,
    /// Number of resources in the inventory.
    pub resource_count: u64,
    /// Frameworks the scan was restricted to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub frameworks: Vec<String>,
    /// AWS API calls made (live scans).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_calls: Option<u64>,
    /// Retries made after throttling or transient errors (live scans).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retries: Option<u64>,
    /// The shard of the scan (`K/N`), when sharded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shard: Option<String>,
    /// The baseline compared against.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<String>,
}

/// Everything a scan produced: what every renderer reads.
#[derive(Debug, Clone)]
pub struct ScanResult {
    /// Scan facts.
    pub scan: ScanInfo,
    /// The checks evaluated, by index.
    pub checks: Vec<CheckMeta>,
    /// The targets judged, by index.
    pub targets: Vec<Target>,
    /// The findings, in a stable order.
    pub findings: Vec<Finding>,
    /// What could not be collected.
    pub gaps: Vec<Gap>,
    /// Baseline findings that no longer fail.
    pub resolved: Vec<ResolvedFinding>,
    /// Suppressions applied, by index.
    pub suppressions: Vec<SuppressionInfo>,
}

impl ScanResult {
    /// The check of a finding.
    pub fn check_of(&self, finding: &Finding) -> &CheckMeta {
        &self.checks[finding.check as usize]
    }

    /// The target of a finding.
    pub fn target_of(&self, finding: &Finding) -> &Target {
        &self.targets[finding.target as usize]
    }

    /// The fingerprint of a finding.
    pub fn fingerprint_of(&self, finding: &Finding) -> String {
        fingerprint(&self.check_of(finding).id, self.target_of(finding))
    }

    /// Counts of findings per status.
    pub fn status_counts(&self) -> BTreeMap<Status, usize> {
        let mut counts = BTreeMap::new();
        for f in &self.findings {
            *counts.entry(f.status).or_default() += 1;
        }
        counts
    }

    /// Puts findings in canonical order: by account, region, resource type, resource id, then
    /// check id. A single run and the merge of its shards then list findings identically.
    pub fn sort_canonical(&mut self) {
        let targets = &self.targets;
        let checks = &self.checks;
        self.findings.sort_by(|a, b| {
            let (ta, tb) = (&targets[a.target as usize], &targets[b.target as usize]);
            (
                &ta.account_id,
                &ta.region,
                &ta.resource_type,
                &ta.id,
                &checks[a.check as usize].id,
            )
                .cmp(&(
                    &tb.account_id,
                    &tb.region,
                    &tb.resource_type,
                    &tb.id,
                    &checks[b.check as usize].id,
                ))
        });
        self.gaps.sort_by(Gap::order);
    }

    /// Failing findings that are not suppressed.
    pub fn open_failures(&self) -> impl Iterator<Item = &Finding> {
        self.findings
            .iter()
            .filter(|f| f.status == Status::Fail && f.suppression.is_none())
    }

    /// Findings whose check's severity differs from the baseline's, with the baseline's.
    pub fn severity_changes(&self) -> impl Iterator<Item = (&Finding, Severity)> {
        self.findings
            .iter()
            .filter_map(|f| Some((f, f.baseline_severity?)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprint_is_stable_and_field_separated() {
        let t = Target::scope("111111111111", "aws", Some("us-east-1"));
        let a = fingerprint("check_a", &t);
        assert_eq!(a.len(), 64);
        assert_eq!(a, fingerprint("check_a", &t));
        assert_ne!(a, fingerprint("check_b", &t));
        // Field boundaries matter: "ab"+"c" differs from "a"+"bc".
        let mut t2 = t.clone();
        t2.region = "us-east-".into();
        t2.id = format!("1{}", t.id);
        assert_ne!(a, fingerprint("check_a", &t2));
    }
}
