//! The control lists of the compliance frameworks stance maps checks to, embedded from
//! `checks/frameworks/*.csv`. They validate check metadata and drive the per-control views
//! (coverage tables, `--framework` reports), so a control no check covers is still listed.

use std::sync::LazyLock;

use serde::Deserialize;

use crate::check::metadata::{FRAMEWORKS, Severity};

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

#[cfg(test)]
mod tests {
    use super::*;

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
