//! Check metadata: the OPA `METADATA` annotation at the top of every check file.
//!
//! ```text
//! # METADATA
//! # title: S3 buckets deny requests that do not use TLS
//! # description: ...
//! # custom:
//! #   id: s3_bucket_requires_tls
//! #   severity: medium
//! #   scope: resource
//! #   resource_types: [s3_bucket]
//! #   frameworks:
//! #     cis-aws-v3.0.0: ["2.1.1"]
//! #     fsbp: [S3.5]
//! #   remediation: ...
//! package stance.s3.bucket_requires_tls
//! ```

use std::collections::BTreeMap;
use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The frameworks a check may map to, in display order.
pub const FRAMEWORKS: &[(&str, &str)] = &[
    ("cis-aws-v3.0.0", "CIS AWS Foundations Benchmark v3.0.0"),
    ("cis-aws-v4.0.1", "CIS AWS Foundations Benchmark v4.0.1"),
    ("cis-aws-v5.0.0", "CIS AWS Foundations Benchmark v5.0.0"),
    ("fsbp", "AWS Foundational Security Best Practices"),
];

/// The human name of a framework key.
pub fn framework_title(key: &str) -> &str {
    FRAMEWORKS
        .iter()
        .find(|(k, _)| *k == key)
        .map(|(_, title)| *title)
        .unwrap_or(key)
}

/// Severity of a check, ordered from least to most severe.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Informational.
    Informational,
    /// Low.
    Low,
    /// Medium.
    Medium,
    /// High.
    High,
    /// Critical.
    Critical,
}

impl Severity {
    /// All severities, most severe first.
    pub const ALL_DESC: [Severity; 5] = [
        Severity::Critical,
        Severity::High,
        Severity::Medium,
        Severity::Low,
        Severity::Informational,
    ];

    /// The lowercase name.
    pub fn as_str(&self) -> &'static str {
        match self {
            Severity::Informational => "informational",
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
            Severity::Critical => "critical",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What one evaluation of a check sees as `input`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    /// One resource of a listed type; one result per resource.
    Resource,
    /// One region of one account: `{account_id, partition, region, resources: {type: [...]}}`;
    /// one result per scanned region.
    Region,
    /// One account: `{account_id, partition, regions: [...], resources: {type: [...]}}`; one
    /// result per account.
    Account,
}

impl Scope {
    /// The lowercase name.
    pub fn as_str(&self) -> &'static str {
        match self {
            Scope::Resource => "resource",
            Scope::Region => "region",
            Scope::Account => "account",
        }
    }
}

/// A check's metadata, validated.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct CheckMeta {
    /// Stable id (`s3_bucket_requires_tls`); never reused for another meaning.
    pub id: String,
    /// One-line title, phrased as the compliant state.
    pub title: String,
    /// What the check verifies and why it matters.
    pub description: String,
    /// Severity.
    pub severity: Severity,
    /// Evaluation scope.
    pub scope: Scope,
    /// Resource types the check reads.
    pub resource_types: Vec<String>,
    /// Framework key → control ids.
    pub frameworks: BTreeMap<String, Vec<String>>,
    /// How to fix a failure.
    pub remediation: String,
    /// Further reading.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub references: Vec<String>,
}

impl CheckMeta {
    /// Control references as "FRAMEWORK CONTROL" strings, e.g. `fsbp S3.5`.
    pub fn controls(&self) -> impl Iterator<Item = (&str, &str)> {
        self.frameworks
            .iter()
            .flat_map(|(fw, ids)| ids.iter().map(move |id| (fw.as_str(), id.as_str())))
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAnnotation {
    #[serde(default)]
    scope: Option<String>,
    title: String,
    description: String,
    #[serde(default)]
    related_resources: Vec<RawRelated>,
    custom: RawCustom,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRelated {
    #[serde(rename = "ref")]
    reference: String,
    #[serde(default)]
    #[allow(dead_code)]
    description: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCustom {
    id: String,
    severity: Severity,
    scope: Scope,
    resource_types: Vec<String>,
    #[serde(default)]
    frameworks: BTreeMap<String, Vec<String>>,
    remediation: String,
}

/// A metadata problem, with the 1-based line in the check file.
#[derive(Debug, Clone, PartialEq)]
pub struct MetadataError {
    /// 1-based line in the file.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

/// Locates the `# METADATA` block: returns (first YAML line index, YAML text). The block is the
/// run of comment lines after `# METADATA`.
fn metadata_block(source: &str) -> Option<(usize, String)> {
    let lines: Vec<&str> = source.lines().collect();
    let start = lines.iter().position(|l| l.trim() == "# METADATA")?;
    let mut yaml = String::new();
    for line in &lines[start + 1..] {
        let trimmed = line.trim_start();
        let Some(rest) = trimmed.strip_prefix('#') else {
            break;
        };
        yaml.push_str(rest.strip_prefix(' ').unwrap_or(rest));
        yaml.push('\n');
    }
    Some((start + 1, yaml))
}

/// Whether a source file carries a METADATA block (checks do; library modules do not).
pub fn has_metadata(source: &str) -> bool {
    source.lines().any(|l| l.trim() == "# METADATA")
}

/// Parses and validates the METADATA block of a check.
pub fn parse(source: &str) -> Result<CheckMeta, MetadataError> {
    let (first_yaml_line, yaml) = metadata_block(source).ok_or_else(|| MetadataError {
        line: 1,
        message: "missing `# METADATA` block".into(),
    })?;
    let raw: RawAnnotation = serde_saphyr::from_str(&yaml).map_err(|e| {
        let (line, _, reason) = crate::error::yaml_error(&e);
        MetadataError {
            line: first_yaml_line + line as usize,
            message: format!("invalid METADATA: {reason}"),
        }
    })?;
    let line_of = |needle: &str| {
        source
            .lines()
            .position(|l| l.contains(needle))
            .map(|i| i + 1)
            .unwrap_or(first_yaml_line + 1)
    };
    let fail = |needle: &str, message: String| MetadataError {
        line: line_of(needle),
        message,
    };
    if let Some(scope) = &raw.scope
        && scope != "package"
    {
        return Err(fail(
            "scope:",
            format!(
                "METADATA scope must be `package` (the annotation describes the whole check), not `{scope}`"
            ),
        ));
    }
    let c = raw.custom;
    let id_ok = !c.id.is_empty()
        && c.id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        && c.id.as_bytes()[0].is_ascii_lowercase();
    if !id_ok {
        return Err(fail(
            "id:",
            format!("check id `{}` must be snake_case ([a-z][a-z0-9_]*)", c.id),
        ));
    }
    if raw.title.trim().is_empty() {
        return Err(fail("title:", "title must not be empty".into()));
    }
    if c.resource_types.is_empty() {
        return Err(fail(
            "resource_types:",
            "resource_types must list at least one type".into(),
        ));
    }
    for t in &c.resource_types {
        if crate::model::resource_type(t).is_none() {
            return Err(fail(
                "resource_types:",
                format!("unknown resource type `{t}` (see `stance schema` for the model's types)"),
            ));
        }
    }
    for (framework, controls) in &c.frameworks {
        if !FRAMEWORKS.iter().any(|(k, _)| k == framework) {
            let known: Vec<&str> = FRAMEWORKS.iter().map(|(k, _)| *k).collect();
            return Err(fail(
                framework,
                format!(
                    "unknown framework `{framework}` (known: {})",
                    known.join(", ")
                ),
            ));
        }
        if let Some(bad) = controls
            .iter()
            .find(|id| !crate::frameworks::is_control(framework, id))
        {
            return Err(fail(
                framework,
                format!("`{bad}` is not a control of {}", framework_title(framework)),
            ));
        }
    }
    if c.remediation.trim().is_empty() {
        return Err(fail("remediation:", "remediation must not be empty".into()));
    }
    Ok(CheckMeta {
        id: c.id,
        title: raw.title.trim().to_string(),
        description: raw.description.trim().to_string(),
        severity: c.severity,
        scope: c.scope,
        resource_types: c.resource_types,
        frameworks: c.frameworks,
        remediation: c.remediation.trim().to_string(),
        references: raw
            .related_resources
            .into_iter()
            .map(|r| r.reference)
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"# METADATA
# title: Buckets are versioned
# description: Versioning keeps old objects.
# custom:
#   id: s3_bucket_versioning_enabled
#   severity: low
#   scope: resource
#   resource_types: [s3_bucket]
#   frameworks:
#     fsbp: [S3.8]
#   remediation: Enable versioning.
package stance.s3.bucket_versioning_enabled
"#;

    #[test]
    fn parses_good_metadata() {
        let meta = parse(GOOD).unwrap();
        assert_eq!(meta.id, "s3_bucket_versioning_enabled");
        assert_eq!(meta.severity, Severity::Low);
        assert_eq!(meta.frameworks["fsbp"], vec!["S3.8"]);
    }

    #[test]
    fn reports_lines_of_bad_metadata() {
        let bad_severity = GOOD.replace("severity: low", "severity: urgent");
        let err = parse(&bad_severity).unwrap_err();
        assert_eq!(err.line, 6, "{err:?}");
        assert!(err.message.contains("urgent"), "{}", err.message);

        let bad_type = GOOD.replace("[s3_bucket]", "[s3_buckets]");
        let err = parse(&bad_type).unwrap_err();
        assert_eq!(err.line, 8);
        assert!(err.message.contains("unknown resource type `s3_buckets`"));

        let bad_control = GOOD.replace("[S3.8]", "[S3.999]");
        let err = parse(&bad_control).unwrap_err();
        assert_eq!(err.line, 10);

        assert_eq!(parse("package x\n").unwrap_err().line, 1);
    }
}
