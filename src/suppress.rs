//! Suppressions: accepted risks, each with a reason, an owner and an optional expiry.
//!
//! ```yaml
//! suppressions:
//!   - check: s3_bucket_public_access_block      # check id, or a framework control like fsbp:S3.8
//!     resource: "arn:aws:s3:::public-site-*"    # glob on the resource id, ARN or name
//!     account: "333333333333"                   # glob
//!     region: "us-*"                            # glob
//!     tags: {purpose: static-website}           # every tag must match (values are globs)
//!     reason: Public website assets, reviewed in SEC-123
//!     owner: web-team@example.com
//!     expires: 2027-03-31                       # stops suppressing after this day (UTC)
//! ```
//!
//! A suppressed failure stays in every output, marked as suppressed with its reason; it does
//! not count towards the exit code. An expired entry suppresses nothing and is reported.

use std::collections::BTreeMap;
use std::path::Path;

use globset::{Glob, GlobMatcher};
use serde::Deserialize;
use serde_saphyr::Spanned;
use time::Date;
use time::macros::format_description;

use crate::error::StanceError;
use crate::finding::{ScanResult, Status, SuppressionInfo, Target};
use crate::model::time::Timestamp;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    suppressions: Vec<Spanned<RawSuppression>>,
}

/// One suppression as written in a file (also the shape the config file embeds).
#[derive(Debug, Clone, Deserialize, serde::Serialize, schemars::JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RawSuppression {
    /// Check id or framework control (`fsbp:S3.8`).
    #[serde(default)]
    pub check: Option<String>,
    /// Glob on the resource id, ARN or name.
    #[serde(default)]
    pub resource: Option<String>,
    /// Glob on the account id.
    #[serde(default)]
    pub account: Option<String>,
    /// Glob on the region.
    #[serde(default)]
    pub region: Option<String>,
    /// Tags that must all be present; values are globs.
    #[serde(default)]
    pub tags: BTreeMap<String, String>,
    /// Why the finding is accepted.
    pub reason: String,
    /// Who owns the decision.
    pub owner: String,
    /// Last day (YYYY-MM-DD, UTC) the suppression applies.
    #[serde(default)]
    pub expires: Option<String>,
}

/// A validated suppression.
#[derive(Debug, Clone)]
pub struct Suppression {
    check: Option<String>,
    resource: Option<GlobMatcher>,
    account: Option<GlobMatcher>,
    region: Option<GlobMatcher>,
    tags: Vec<(String, GlobMatcher)>,
    /// Reason, owner, expiry and origin, as reported.
    pub info: SuppressionInfo,
    expires: Option<Date>,
}

fn glob(pattern: &str, origin: &str, field: &str) -> Result<GlobMatcher, StanceError> {
    Glob::new(pattern)
        .map(|g| g.compile_matcher())
        .map_err(|e| {
            StanceError::input(format!(
                "{origin}: invalid {field} pattern {pattern:?}: {e}"
            ))
        })
}

impl Suppression {
    /// Validates a raw entry declared at `origin` (`file:line`).
    pub fn from_raw(raw: RawSuppression, origin: String) -> Result<Self, StanceError> {
        if raw.check.is_none()
            && raw.resource.is_none()
            && raw.account.is_none()
            && raw.region.is_none()
            && raw.tags.is_empty()
        {
            return Err(StanceError::input(format!(
                "{origin}: a suppression needs at least one of check, resource, account, region or tags (it would hide everything)"
            )));
        }
        if raw.reason.trim().is_empty() || raw.owner.trim().is_empty() {
            return Err(StanceError::input(format!(
                "{origin}: a suppression needs a non-empty reason and owner"
            )));
        }
        let expires = match &raw.expires {
            None => None,
            Some(text) => Some(
                Date::parse(text.trim(), format_description!("[year]-[month]-[day]")).map_err(
                    |_| {
                        StanceError::input(format!(
                            "{origin}: expires must be a date like 2027-03-31, not {text:?}"
                        ))
                    },
                )?,
            ),
        };
        let tags = raw
            .tags
            .iter()
            .map(|(k, v)| Ok((k.clone(), glob(v, &origin, "tag")?)))
            .collect::<Result<Vec<_>, StanceError>>()?;
        Ok(Suppression {
            resource: raw
                .resource
                .as_deref()
                .map(|p| glob(p, &origin, "resource"))
                .transpose()?,
            account: raw
                .account
                .as_deref()
                .map(|p| glob(p, &origin, "account"))
                .transpose()?,
            region: raw
                .region
                .as_deref()
                .map(|p| glob(p, &origin, "region"))
                .transpose()?,
            check: raw.check,
            tags,
            info: SuppressionInfo {
                reason: raw.reason.trim().to_string(),
                owner: raw.owner.trim().to_string(),
                expires: raw.expires.map(|e| e.trim().to_string()),
                origin,
                expired: false,
            },
            expires,
        })
    }

    /// Whether the suppression has expired at `now`.
    pub fn expired_at(&self, now: &Timestamp) -> bool {
        self.expires.is_some_and(|d| d < now.0.date())
    }

    fn matches(
        &self,
        check_id: &str,
        frameworks: &BTreeMap<String, Vec<String>>,
        target: &Target,
    ) -> bool {
        if let Some(c) = &self.check {
            let by_control = c.split_once(':').is_some_and(|(fw, id)| {
                frameworks
                    .get(fw)
                    .is_some_and(|ids| ids.iter().any(|x| x == id))
            });
            if c != check_id && !by_control {
                return false;
            }
        }
        if let Some(r) = &self.resource {
            let candidates = [
                Some(target.id.as_str()),
                target.arn.as_deref(),
                target.name.as_deref(),
            ];
            if !candidates.into_iter().flatten().any(|c| r.is_match(c)) {
                return false;
            }
        }
        if self
            .account
            .as_ref()
            .is_some_and(|a| !a.is_match(&target.account_id))
        {
            return false;
        }
        if self
            .region
            .as_ref()
            .is_some_and(|r| !r.is_match(&target.region))
        {
            return false;
        }
        self.tags
            .iter()
            .all(|(k, v)| target.tags.get(k).is_some_and(|value| v.is_match(value)))
    }
}

/// Reads a suppressions file.
pub fn read(path: &Path) -> Result<Vec<Suppression>, StanceError> {
    let shown = path.display().to_string();
    let text = crate::source::snapshot::read_input(path)?;
    parse(&shown, &text)
}

/// Parses suppressions YAML; `name` names the file in errors.
pub fn parse(name: &str, text: &str) -> Result<Vec<Suppression>, StanceError> {
    let raw: RawFile = serde_saphyr::from_str(text).map_err(|e| {
        let (line, column, reason) = crate::error::yaml_error(&e);
        StanceError::input(format!("{name}:{line}:{column}: {reason}"))
    })?;
    raw.suppressions
        .into_iter()
        .map(|s| {
            let origin = format!("{name}:{}", s.referenced.line());
            Suppression::from_raw(s.value, origin)
        })
        .collect()
}

/// Applies suppressions to the failures of a result and records them in it. Returns the
/// expired entries' origins, for a warning.
pub fn apply(result: &mut ScanResult, suppressions: &[Suppression]) -> Vec<String> {
    let now = result.scan.started_at;
    let base = result.suppressions.len() as u32;
    let mut expired = Vec::new();
    for s in suppressions {
        let mut info = s.info.clone();
        info.expired = s.expired_at(&now);
        if info.expired {
            expired.push(format!(
                "{} (expired {})",
                info.origin,
                info.expires.as_deref().unwrap_or("")
            ));
        }
        result.suppressions.push(info);
    }
    for i in 0..result.findings.len() {
        let f = &result.findings[i];
        if f.status != Status::Fail || f.suppression.is_some() {
            continue;
        }
        let check = &result.checks[f.check as usize];
        let target = &result.targets[f.target as usize];
        let hit = suppressions
            .iter()
            .position(|s| !s.expired_at(&now) && s.matches(&check.id, &check.frameworks, target));
        if let Some(index) = hit {
            result.findings[i].suppression = Some(base + index as u32);
        }
    }
    expired
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_with_lines_and_validates() {
        let text = "suppressions:\n  - check: s3_bucket_requires_tls\n    resource: \"arn:aws:s3:::public-*\"\n    reason: website\n    owner: web\n  - account: \"1111*\"\n    reason: sandbox\n    owner: ops\n    expires: 2020-01-01\n";
        let list = parse("s.yaml", text).unwrap();
        assert_eq!(list.len(), 2);
        assert_eq!(list[0].info.origin, "s.yaml:2");
        assert_eq!(list[1].info.origin, "s.yaml:6");
        assert!(list[1].expired_at(&Timestamp::parse("2026-01-01T00:00:00Z").unwrap()));
        assert!(!list[1].expired_at(&Timestamp::parse("2020-01-01T12:00:00Z").unwrap()));

        let err = parse("s.yaml", "suppressions:\n  - reason: x\n    owner: y\n").unwrap_err();
        assert!(
            err.to_string()
                .contains("s.yaml:2: a suppression needs at least one of"),
            "{err}"
        );
        let err = parse(
            "s.yaml",
            "suppressions:\n  - check: x\n    reason: r\n    owner: o\n    expires: soon\n",
        )
        .unwrap_err();
        assert!(err.to_string().contains("expires must be a date"), "{err}");
        let err = parse("s.yaml", "suppressions:\n  - check: x\n    colour: red\n").unwrap_err();
        assert!(
            err.to_string()
                .starts_with("s.yaml:3:5: unknown field `colour`, expected one of"),
            "{err}"
        );
    }

    #[test]
    fn matches_by_control_glob_and_tags() {
        let s = &parse(
            "s.yaml",
            "suppressions:\n  - check: fsbp:S3.8\n    resource: \"*public*\"\n    tags: {env: \"sand*\"}\n    reason: r\n    owner: o\n",
        )
        .unwrap()[0];
        let mut target = Target::scope("111111111111", "aws", Some("us-east-1"));
        target.id = "arn:aws:s3:::my-public-site".into();
        target.tags.insert("env".into(), "sandbox".into());
        let fw: BTreeMap<String, Vec<String>> =
            [("fsbp".to_string(), vec!["S3.8".to_string()])].into();
        assert!(s.matches("s3_bucket_public_access_block", &fw, &target));
        target.tags.insert("env".into(), "prod".into());
        assert!(!s.matches("s3_bucket_public_access_block", &fw, &target));
    }
}
