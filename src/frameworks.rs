//! The control lists of the compliance frameworks stance maps checks to, embedded from
//! `checks/frameworks/*.csv`. They validate check metadata and drive the per-control views
//! (coverage tables, `--framework` reports), so a control no check covers is still listed.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;
use std::sync::LazyLock;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::check::metadata::{FRAMEWORKS, Severity};
use crate::finding::{ScanResult, Status};

/// One control of a framework.
#[derive(Debug, Clone)]
pub struct Control {
    /// Control id (`2.1.4`, `S3.8`).
    pub id: String,
    /// Section heading (CIS) or resource type (FSBP).
    pub section: String,
    /// The benchmark marks the control as manual (assessed by a person).
    pub manual: bool,
    /// What the control requires.
    pub requirement: String,
    /// FSBP severity.
    pub severity: Option<Severity>,
    /// Related Security Hub control ids (CIS).
    pub securityhub_controls: Vec<String>,
}

#[derive(Deserialize)]
struct CisRow {
    id: String,
    section: String,
    assessment: String,
    #[allow(dead_code)]
    level: String,
    requirement: String,
    securityhub_controls: String,
}

#[derive(Deserialize)]
struct FsbpRow {
    id: String,
    severity: Severity,
    resource_type: String,
    requirement: String,
    #[allow(dead_code)]
    config_rule: String,
}

const CIS_V3: &str = include_str!("../checks/frameworks/cis-aws-v3.0.0.csv");
const CIS_V4: &str = include_str!("../checks/frameworks/cis-aws-v4.0.1.csv");
const CIS_V5: &str = include_str!("../checks/frameworks/cis-aws-v5.0.0.csv");
const FSBP: &str = include_str!("../checks/frameworks/fsbp.csv");
const NOT_COVERED: &str = include_str!("../checks/frameworks/not-covered.csv");

fn parse_cis(text: &str) -> Vec<Control> {
    csv::Reader::from_reader(text.as_bytes())
        .deserialize::<CisRow>()
        .filter_map(Result::ok)
        .map(|r| Control {
            id: r.id,
            section: r.section,
            manual: r.assessment != "automated",
            requirement: r.requirement,
            severity: None,
            securityhub_controls: r
                .securityhub_controls
                .split(';')
                .map(|s| s.split_whitespace().next().unwrap_or("").to_string())
                .filter(|s| !s.is_empty())
                .collect(),
        })
        .collect()
}

fn parse_fsbp(text: &str) -> Vec<Control> {
    csv::Reader::from_reader(text.as_bytes())
        .deserialize::<FsbpRow>()
        .filter_map(Result::ok)
        .map(|r| Control {
            id: r.id,
            section: r.resource_type,
            manual: false,
            requirement: r.requirement,
            severity: Some(r.severity),
            securityhub_controls: Vec::new(),
        })
        .collect()
}

static CONTROLS: LazyLock<Vec<(&'static str, Vec<Control>)>> = LazyLock::new(|| {
    vec![
        ("cis-aws-v3.0.0", parse_cis(CIS_V3)),
        ("cis-aws-v4.0.1", parse_cis(CIS_V4)),
        ("cis-aws-v5.0.0", parse_cis(CIS_V5)),
        ("fsbp", parse_fsbp(FSBP)),
    ]
});

/// The controls of a framework, in document order; empty for an unknown framework.
pub fn controls(framework: &str) -> &'static [Control] {
    CONTROLS
        .iter()
        .find(|(k, _)| *k == framework)
        .map(|(_, c)| c.as_slice())
        .unwrap_or(&[])
}

/// Whether `id` is a control of `framework`.
pub fn is_control(framework: &str, id: &str) -> bool {
    controls(framework).iter().any(|c| c.id == id)
}

/// Whether `key` names a known framework.
pub fn is_framework(key: &str) -> bool {
    FRAMEWORKS.iter().any(|(k, _)| *k == key)
}

/// (framework, control id) → why no check covers the control.
static NOT_COVERED_REASONS: LazyLock<BTreeMap<(String, String), String>> = LazyLock::new(|| {
    csv::Reader::from_reader(NOT_COVERED.as_bytes())
        .records()
        .filter_map(Result::ok)
        .filter_map(|r| {
            Some((
                (r.get(0)?.to_string(), r.get(1)?.to_string()),
                r.get(2)?.to_string(),
            ))
        })
        .collect()
});

/// Why no check covers a control (`checks/frameworks/not-covered.csv`), when recorded.
pub fn not_covered_reason(framework: &str, id: &str) -> Option<&'static str> {
    NOT_COVERED_REASONS
        .get(&(framework.to_string(), id.to_string()))
        .map(String::as_str)
}

/// Status of one control in a scan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ControlState {
    /// At least one resource fails a check of the control (suppressed failures aside).
    Fail,
    /// No failure, but a check of the control could not be evaluated on some resource
    /// (a coverage gap or a check error).
    NotEvaluated,
    /// Every resource the control's checks judged passes (or its failure is suppressed).
    Pass,
    /// The control's checks do not apply to any resource.
    NotApplicable,
    /// The control's checks ran but found no resource to judge.
    NoResources,
    /// No check of the scan covers the control, and the benchmark assesses it manually: see
    /// the guidance.
    Manual,
    /// No check of the scan covers this automated control.
    NotCovered,
}

impl ControlState {
    /// All states in display order.
    pub const ALL: [ControlState; 7] = [
        ControlState::Fail,
        ControlState::NotEvaluated,
        ControlState::Pass,
        ControlState::Manual,
        ControlState::NotCovered,
        ControlState::NotApplicable,
        ControlState::NoResources,
    ];

    /// The states of every report's tally (the others only when they occur).
    pub const MAIN: [ControlState; 4] = [
        ControlState::Pass,
        ControlState::Fail,
        ControlState::NotEvaluated,
        ControlState::Manual,
    ];

    /// The upper-case name used in outputs.
    pub fn as_str(&self) -> &'static str {
        match self {
            ControlState::Fail => "FAIL",
            ControlState::NotEvaluated => "NOT_EVALUATED",
            ControlState::Pass => "PASS",
            ControlState::NotApplicable => "NOT_APPLICABLE",
            ControlState::NoResources => "NO_RESOURCES",
            ControlState::Manual => "MANUAL",
            ControlState::NotCovered => "NOT_COVERED",
        }
    }
}

impl fmt::Display for ControlState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One control of a framework as a scan found it: the row of the per-control views (`controls`
/// in the JSON result, the markdown and terminal tables, the HTML framework section).
///
/// Resource counts are of distinct resources (or account and region scopes), each counted once
/// under its worst result: open failure, then not evaluated, then pass.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ControlStatus {
    /// Framework key (`cis-aws-v4.0.1`, `fsbp`).
    pub framework: String,
    /// Control id (`2.1.4`, `S3.8`).
    pub id: String,
    /// What the control requires.
    pub title: String,
    /// Status.
    pub status: ControlState,
    /// Ids of the scan's checks that cover the control, sorted.
    pub checks: Vec<String>,
    /// Resources with an open (unsuppressed) failure.
    pub failing: usize,
    /// Resources whose failures are all suppressed.
    pub suppressed: usize,
    /// Resources not failing that a check could not evaluate.
    pub not_evaluated: usize,
    /// Resources passing every check that judged them.
    pub passing: usize,
    /// What to assess by hand and why stance cannot, for MANUAL and NOT_COVERED controls.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guidance: Option<String>,
}

/// The worst result of a resource under one control (higher is worse).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Worst {
    NotApplicable,
    Pass,
    Suppressed,
    NotEvaluated,
    Fail,
}

/// Counts of controls per state: `N PASS`, `N FAIL`, `N NOT_EVALUATED`, `N MANUAL`, then the
/// other states that occur.
pub fn state_counts(controls: &[ControlStatus]) -> Vec<(ControlState, usize)> {
    let mut counts: Vec<(ControlState, usize)> = ControlState::MAIN
        .iter()
        .chain(
            ControlState::ALL
                .iter()
                .filter(|s| !ControlState::MAIN.contains(s)),
        )
        .map(|&s| (s, controls.iter().filter(|c| c.status == s).count()))
        .collect();
    counts.retain(|(s, n)| *n > 0 || ControlState::MAIN.contains(s));
    counts
}

/// The status of every control of `framework`, in the framework's order, from the checks and
/// results of `result`. A control no check of the result covers is MANUAL or NOT_COVERED
/// (checks left out with `--select` count as not covering it). Empty for an unknown framework.
pub fn control_statuses(result: &ScanResult, framework: &str) -> Vec<ControlStatus> {
    let controls = controls(framework);
    let position: HashMap<&str, usize> = controls
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.as_str(), i))
        .collect();
    let mut checks: Vec<BTreeSet<&str>> = vec![BTreeSet::new(); controls.len()];
    // Check index → positions of the controls it covers.
    let covers: Vec<Vec<usize>> = result
        .checks
        .iter()
        .map(|check| {
            let ids = check.frameworks.get(framework).map(Vec::as_slice);
            let covered: Vec<usize> = ids
                .unwrap_or_default()
                .iter()
                .filter_map(|id| position.get(id.as_str()).copied())
                .collect();
            for &i in &covered {
                checks[i].insert(check.id.as_str());
            }
            covered
        })
        .collect();
    // Per control: target index → worst result.
    let mut worst: Vec<HashMap<u32, Worst>> = vec![HashMap::new(); controls.len()];
    for f in &result.findings {
        let Some(covered) = covers.get(f.check as usize) else {
            continue;
        };
        if covered.is_empty() {
            continue;
        }
        let w = match f.status {
            Status::Fail if f.suppression.is_none() => Worst::Fail,
            Status::Fail => Worst::Suppressed,
            Status::NotEvaluated | Status::Error => Worst::NotEvaluated,
            Status::Pass => Worst::Pass,
            Status::NotApplicable => Worst::NotApplicable,
        };
        for &i in covered {
            let e = worst[i].entry(f.target).or_insert(w);
            *e = (*e).max(w);
        }
    }
    controls
        .iter()
        .zip(checks)
        .zip(worst)
        .map(|((control, checks), worst)| {
            let count = |w: Worst| worst.values().filter(|&&v| v == w).count();
            let (failing, suppressed, not_evaluated, passing) = (
                count(Worst::Fail),
                count(Worst::Suppressed),
                count(Worst::NotEvaluated),
                count(Worst::Pass),
            );
            let status = if checks.is_empty() {
                if control.manual {
                    ControlState::Manual
                } else {
                    ControlState::NotCovered
                }
            } else if failing > 0 {
                ControlState::Fail
            } else if not_evaluated > 0 {
                ControlState::NotEvaluated
            } else if passing + suppressed > 0 {
                ControlState::Pass
            } else if !worst.is_empty() {
                ControlState::NotApplicable
            } else {
                ControlState::NoResources
            };
            let guidance =
                matches!(status, ControlState::Manual | ControlState::NotCovered).then(|| {
                    not_covered_reason(framework, &control.id)
                        .unwrap_or(&control.requirement)
                        .to_string()
                });
            ControlStatus {
                framework: framework.to_string(),
                id: control.id.clone(),
                title: control.requirement.clone(),
                status,
                checks: checks.into_iter().map(str::to_string).collect(),
                failing,
                suppressed,
                not_evaluated,
                passing,
                guidance,
            }
        })
        .collect()
}

/// The control statuses of the frameworks the scan was restricted to (`--framework`), framework
/// by framework in the order given, each in control order; empty without `--framework`.
pub fn selected_control_statuses(result: &ScanResult) -> Vec<ControlStatus> {
    let mut seen = BTreeSet::new();
    result
        .scan
        .frameworks
        .iter()
        .filter(|fw| seen.insert(fw.as_str()))
        .flat_map(|fw| control_statuses(result, fw))
        .collect()
}

/// Orders control ids numerically section by section (`1.2` < `1.10`, `S3.2` < `S3.10`).
pub fn control_sort_key(id: &str) -> Vec<(String, u64)> {
    id.split(['.', '-'])
        .map(|part| {
            let digits: String = part.chars().filter(|c| c.is_ascii_digit()).collect();
            let letters: String = part.chars().filter(|c| !c.is_ascii_digit()).collect();
            (letters, digits.parse().unwrap_or(0))
        })
        .collect()
}

/// A small scan result restricted to CIS v4.0.1 for the renderers' unit tests: one control of
/// each status, a suppressed failure and a severity change against a baseline.
#[cfg(test)]
pub(crate) fn sample_result() -> ScanResult {
    use crate::check::metadata::{CheckMeta, Scope};
    use crate::finding::{BaselineState, Finding, ScanInfo, SuppressionInfo, Target};
    use crate::model::time::Timestamp;

    let check = |id: &str, severity: Severity, controls: &[&str]| CheckMeta {
        id: id.to_string(),
        title: format!("{id} title"),
        description: String::new(),
        severity,
        scope: Scope::Resource,
        resource_types: Vec::new(),
        frameworks: BTreeMap::from([(
            "cis-aws-v4.0.1".to_string(),
            controls.iter().map(|c| c.to_string()).collect(),
        )]),
        remediation: String::new(),
        references: Vec::new(),
    };
    let target = |id: &str| {
        let mut t = Target::scope("111111111111", "aws", Some("us-east-1"));
        t.id = id.to_string();
        t.resource_type = "s3_bucket".into();
        t
    };
    let finding = |c: u32, t: u32, status: Status| Finding::new(c, t, status, None);
    let mut suppressed = finding(0, 0, Status::Fail);
    suppressed.suppression = Some(0);
    let mut changed = finding(2, 2, Status::Fail);
    changed.baseline = Some(BaselineState::Unchanged);
    changed.baseline_severity = Some(Severity::Low);
    ScanResult {
        scan: ScanInfo {
            started_at: Timestamp::from_unix(0),
            duration_ms: 0,
            collected_at: Timestamp::from_unix(0),
            sources: Vec::new(),
            accounts: vec!["111111111111".into()],
            regions: vec!["us-east-1".into()],
            resource_count: 4,
            frameworks: vec!["cis-aws-v4.0.1".into()],
            api_calls: None,
            retries: None,
            shard: None,
            baseline: Some("baseline.json".into()),
        },
        checks: vec![
            check("iam_root_mfa_enabled", Severity::Critical, &["1.5"]),
            check("kms_key_rotation_enabled", Severity::Medium, &["3.6"]),
            check(
                "s3_bucket_requires_tls",
                Severity::Medium,
                &["2.1.1", "2.1.4"],
            ),
            check("s3_bucket_public_access_block", Severity::High, &["2.1.4"]),
            check("efs_file_system_encrypted", Severity::Medium, &["2.3.1"]),
        ],
        targets: vec![
            target("root"),
            target("key"),
            target("bucket|<b>\u{1b}[31m"),
            target("other-bucket"),
        ],
        findings: vec![
            suppressed,
            finding(1, 1, Status::NotEvaluated),
            changed,
            finding(2, 3, Status::Pass),
            finding(3, 2, Status::Pass),
            finding(3, 3, Status::NotApplicable),
        ],
        gaps: Vec::new(),
        resolved: Vec::new(),
        suppressions: vec![SuppressionInfo {
            reason: "accepted".into(),
            owner: "team".into(),
            expires: None,
            origin: "suppressions.yaml:1".into(),
            expired: false,
        }],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_statuses_follow_the_framework_order_and_judge_each_control() {
        let result = sample_result();
        let statuses = control_statuses(&result, "cis-aws-v4.0.1");
        let ids: Vec<&str> = statuses.iter().map(|c| c.id.as_str()).collect();
        let order: Vec<&str> = controls("cis-aws-v4.0.1")
            .iter()
            .map(|c| c.id.as_str())
            .collect();
        assert_eq!(ids, order);
        assert_eq!(statuses, selected_control_statuses(&result));
        let get = |id: &str| statuses.iter().find(|c| c.id == id).unwrap();

        // Manual, with the not-covered reason as guidance.
        assert_eq!(get("1.1").status, ControlState::Manual);
        assert_eq!(
            get("1.1").guidance.as_deref(),
            not_covered_reason("cis-aws-v4.0.1", "1.1")
        );
        assert!(get("1.1").guidance.is_some());
        // Automated, but no check of this scan covers it: the requirement is the guidance.
        assert_eq!(get("1.4").status, ControlState::NotCovered);
        assert_eq!(get("1.4").guidance.as_ref(), Some(&get("1.4").title));
        // A suppressed failure passes, counted apart.
        let c = get("1.5");
        assert_eq!(
            (c.status, c.suppressed, c.passing),
            (ControlState::Pass, 1, 0)
        );
        assert_eq!(get("3.6").status, ControlState::NotEvaluated);
        assert_eq!(get("3.6").not_evaluated, 1);
        assert_eq!(get("2.3.1").status, ControlState::NoResources);
        assert!(get("2.3.1").guidance.is_none());
        // Each resource counts once, under its worst result across the control's checks.
        let c = get("2.1.4");
        assert_eq!((c.status, c.failing, c.passing), (ControlState::Fail, 1, 1));
        assert_eq!(
            c.checks,
            ["s3_bucket_public_access_block", "s3_bucket_requires_tls"]
        );

        assert!(control_statuses(&result, "no-such-framework").is_empty());
        let mut unrestricted = result.clone();
        unrestricted.scan.frameworks.clear();
        assert!(selected_control_statuses(&unrestricted).is_empty());
    }

    #[test]
    fn every_framework_lists_its_csv_order() {
        for (fw, _) in FRAMEWORKS {
            let file = match *fw {
                "cis-aws-v3.0.0" => CIS_V3,
                "cis-aws-v4.0.1" => CIS_V4,
                "cis-aws-v5.0.0" => CIS_V5,
                _ => FSBP,
            };
            let csv_ids: Vec<String> = csv::Reader::from_reader(file.as_bytes())
                .records()
                .map(|r| r.unwrap()[0].to_string())
                .collect();
            let ids: Vec<String> = controls(fw).iter().map(|c| c.id.clone()).collect();
            assert_eq!(ids, csv_ids, "{fw}");
        }
    }

    #[test]
    fn embedded_lists_are_complete() {
        assert_eq!(controls("fsbp").len(), 160);
        for (fw, _) in FRAMEWORKS.iter().filter(|(k, _)| k.starts_with("cis")) {
            let list = controls(fw);
            assert!(list.len() > 55, "{fw}: {}", list.len());
            assert!(list.iter().any(|c| !c.manual));
        }
        assert!(is_control("cis-aws-v3.0.0", "2.1.1"));
        assert!(is_control("fsbp", "S3.8"));
        assert!(!is_control("fsbp", "S3.999"));
        assert!(control_sort_key("1.2") < control_sort_key("1.10"));
    }
}
