//! The JSON result: stance's own, versioned output format, and the baseline format.
//!
//! The shape (`schema_version` 1) is frozen: fields may be added, never renamed or removed
//! without a new version. Results are denormalized (each carries its check id, severity,
//! controls and resource) so `jq` works on them directly; the file is streamed out, never
//! built in memory.

use std::collections::{BTreeMap, HashMap};
use std::io::Write;

use rayon::prelude::*;

use schemars::JsonSchema;
use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Deserialize, Serialize, Serializer};

use crate::check::metadata::{CheckMeta, Severity};
use crate::error::{StanceError, json_error};
use crate::finding::{
    BaselineState, Finding, ResolvedFinding, ScanInfo, ScanResult, Status, SuppressionInfo, Target,
};
use crate::frameworks::{ControlStatus, selected_control_statuses};
use crate::model::Gap;
use crate::model::time::Timestamp;

/// Version of the result format.
pub const RESULT_SCHEMA_VERSION: u32 = 1;

/// Identifies the file as a stance result.
pub const RESULT_KIND: &str = "stance-result";

/// One result as written (and read back).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ResultRecord {
    /// Check id.
    pub check_id: String,
    /// Status.
    pub status: Status,
    /// Severity of the check.
    pub severity: Severity,
    /// Framework controls the check maps to, as `framework/control`.
    #[serde(default)]
    pub controls: Vec<String>,
    /// Message (absent on PASS).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// Stable fingerprint (sha256 of check id, partition, account, region, resource id).
    pub fingerprint: String,
    /// What the result is about.
    pub resource: Target,
    /// Evidence reported by the check.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<serde_json::Value>,
    /// Line of the offending property in an IaC file, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    /// Comparison with the baseline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<BaselineState>,
    /// Severity in the baseline, when it changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline_severity: Option<Severity>,
    /// When the finding was first seen failing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_seen: Option<Timestamp>,
    /// Index into `suppressions` when the finding is suppressed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suppressed_by: Option<u32>,
}

/// Counts for a quick look.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
pub struct Summary {
    /// Results per status.
    pub by_status: BTreeMap<String, usize>,
    /// Open (unsuppressed) failures per severity.
    pub failures_by_severity: BTreeMap<String, usize>,
    /// Suppressed failures.
    pub suppressed: usize,
    /// Baseline comparison counts (`new`, `unchanged`, `resolved`), when a baseline was given.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub baseline: BTreeMap<String, usize>,
}

/// The whole document, for reading and for the schema.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ResultDocument {
    /// Always `stance-result`.
    pub kind: String,
    /// Format version (1).
    pub schema_version: u32,
    /// Tool that wrote the file.
    pub tool: ToolInfo,
    /// Scan facts.
    pub scan: ScanInfo,
    /// Counts.
    pub summary: Summary,
    /// Per-control status of the frameworks the scan was restricted to (`--framework`), in
    /// control order. Derived from `checks` and `results`: written only with `--framework`,
    /// ignored on read and recomputed when the result is written again.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub controls: Vec<ControlStatus>,
    /// The checks evaluated.
    pub checks: Vec<CheckMeta>,
    /// Coverage gaps.
    pub gaps: Vec<Gap>,
    /// Suppressions applied.
    #[serde(default)]
    pub suppressions: Vec<SuppressionInfo>,
    /// Every (check, resource) result.
    pub results: Vec<ResultRecord>,
    /// Baseline failures that no longer fail.
    #[serde(default)]
    pub resolved: Vec<ResolvedFinding>,
}

/// Name and version of the writer.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct ToolInfo {
    /// `stance`.
    pub name: String,
    /// Version.
    pub version: String,
}

/// Builds the summary of a result.
pub fn summary(result: &ScanResult) -> Summary {
    let mut s = Summary::default();
    for f in &result.findings {
        *s.by_status
            .entry(f.status.as_str().to_string())
            .or_default() += 1;
        if f.status == Status::Fail {
            if f.suppression.is_some() {
                s.suppressed += 1;
            } else {
                let sev = result.check_of(f).severity.as_str().to_string();
                *s.failures_by_severity.entry(sev).or_default() += 1;
            }
        }
        if let Some(b) = f.baseline {
            *s.baseline.entry(b.as_str().to_string()).or_default() += 1;
        }
    }
    if result.scan.baseline.is_some() {
        s.baseline.insert("resolved".into(), result.resolved.len());
        for k in ["new", "unchanged"] {
            s.baseline.entry(k.into()).or_default();
        }
    }
    s
}

/// Control references of a check as `framework/control` strings.
pub fn controls_of(check: &CheckMeta) -> Vec<String> {
    check
        .controls()
        .map(|(fw, id)| format!("{fw}/{id}"))
        .collect()
}

/// A result as written: the shape of [`ResultRecord`], borrowing from the scan result so
/// writing a large result allocates nothing per record but its fingerprint.
#[derive(Serialize)]
struct RecordRef<'a> {
    check_id: &'a str,
    status: Status,
    severity: Severity,
    controls: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<&'a str>,
    fingerprint: String,
    resource: &'a Target,
    #[serde(skip_serializing_if = "Option::is_none")]
    evidence: Option<&'a serde_json::Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    baseline: Option<BaselineState>,
    #[serde(skip_serializing_if = "Option::is_none")]
    baseline_severity: Option<Severity>,
    #[serde(skip_serializing_if = "Option::is_none")]
    first_seen: Option<Timestamp>,
    #[serde(skip_serializing_if = "Option::is_none")]
    suppressed_by: Option<u32>,
}

fn record<'a>(
    result: &'a ScanResult,
    f: &'a Finding,
    controls: &'a [Vec<String>],
) -> RecordRef<'a> {
    let check = result.check_of(f);
    RecordRef {
        check_id: &check.id,
        status: f.status,
        severity: check.severity,
        controls: &controls[f.check as usize],
        message: f.message.as_deref(),
        fingerprint: result.fingerprint_of(f),
        resource: result.target_of(f),
        evidence: f.evidence.as_deref(),
        line: f.line,
        baseline: f.baseline,
        baseline_severity: f.baseline_severity,
        first_seen: f.first_seen,
        suppressed_by: f.suppression,
    }
}

struct Results<'a> {
    result: &'a ScanResult,
    controls: Vec<Vec<String>>,
}

impl Serialize for Results<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.result.findings.len()))?;
        for f in &self.result.findings {
            seq.serialize_element(&record(self.result, f, &self.controls))?;
        }
        seq.end()
    }
}

/// Which entries of the document to serialize.
#[derive(Clone, Copy, PartialEq)]
enum Part {
    /// Everything.
    Whole,
    /// Everything before `results`.
    Head,
}

struct Document<'a>(&'a ScanResult, Part);

impl Serialize for Document<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let r = self.0;
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("kind", RESULT_KIND)?;
        map.serialize_entry("schema_version", &RESULT_SCHEMA_VERSION)?;
        map.serialize_entry(
            "tool",
            &ToolInfo {
                name: "stance".into(),
                version: env!("CARGO_PKG_VERSION").into(),
            },
        )?;
        map.serialize_entry("scan", &r.scan)?;
        map.serialize_entry("summary", &summary(r))?;
        let controls = selected_control_statuses(r);
        if !controls.is_empty() {
            map.serialize_entry("controls", &controls)?;
        }
        map.serialize_entry("checks", &r.checks)?;
        map.serialize_entry("gaps", &r.gaps)?;
        map.serialize_entry("suppressions", &r.suppressions)?;
        if self.1 == Part::Head {
            return map.end();
        }
        map.serialize_entry(
            "results",
            &Results {
                result: r,
                controls: r.checks.iter().map(controls_of).collect(),
            },
        )?;
        map.serialize_entry("resolved", &r.resolved)?;
        map.end()
    }
}

/// Records rendered per parallel task, and tasks per batch written in order: a batch of
/// rendered records (a few MB) is all the writer holds in memory at once.
const RECORDS_PER_TASK: usize = 2048;
const TASKS_PER_BATCH: usize = 8;

/// Writes the result as JSON (pretty when `pretty`).
///
/// The compact form renders the `results` array in parallel, in batches written in order:
/// records are independent, and rendering (fingerprints included) is most of the writing time
/// of a large scan.
pub fn write(result: &ScanResult, out: &mut dyn Write, pretty: bool) -> std::io::Result<()> {
    if pretty {
        serde_json::to_writer_pretty(&mut *out, &Document(result, Part::Whole))
            .map_err(std::io::Error::other)?;
        return out.write_all(b"\n");
    }
    let mut head =
        serde_json::to_vec(&Document(result, Part::Head)).map_err(std::io::Error::other)?;
    // `head` is a complete object: reopen it to append the remaining entries.
    head.pop();
    out.write_all(&head)?;
    out.write_all(b",\"results\":[")?;
    let controls: Vec<Vec<String>> = result.checks.iter().map(controls_of).collect();
    let mut first = true;
    for batch in result.findings.chunks(RECORDS_PER_TASK * TASKS_PER_BATCH) {
        let rendered: Vec<std::io::Result<Vec<u8>>> = batch
            .par_chunks(RECORDS_PER_TASK)
            .map(|task| {
                let mut buffer = Vec::with_capacity(task.len() * 512);
                for f in task {
                    buffer.push(b',');
                    serde_json::to_writer(&mut buffer, &record(result, f, &controls))
                        .map_err(std::io::Error::other)?;
                }
                Ok(buffer)
            })
            .collect();
        for buffer in rendered {
            let buffer = buffer?;
            // Every task's buffer starts with a separator; the array's first record has none.
            let skip = usize::from(first && !buffer.is_empty());
            first &= buffer.is_empty();
            out.write_all(&buffer[skip..])?;
        }
    }
    out.write_all(b"],\"resolved\":")?;
    serde_json::to_writer(&mut *out, &result.resolved).map_err(std::io::Error::other)?;
    out.write_all(b"}\n")
}

/// Reads a JSON result file back into a [`ScanResult`].
pub fn parse(path: &str, text: &str) -> Result<ScanResult, StanceError> {
    #[derive(Deserialize)]
    struct Probe {
        kind: Option<String>,
        schema_version: Option<serde_json::Value>,
    }
    let doc: ResultDocument = match serde_json::from_str(text) {
        Ok(d) => d,
        Err(err) => {
            if let Ok(p) = serde_json::from_str::<Probe>(text) {
                if p.kind.as_deref() != Some(RESULT_KIND) {
                    return Err(StanceError::input(format!(
                        "{path}: not a stance result (expected \"kind\": \"{RESULT_KIND}\"; an inventory snapshot goes to --inventory)"
                    )));
                }
                if let Some(v) = p.schema_version
                    && v != serde_json::json!(RESULT_SCHEMA_VERSION)
                {
                    return Err(StanceError::input(format!(
                        "{path}: unsupported result schema_version {v} (this stance reads version {RESULT_SCHEMA_VERSION})"
                    )));
                }
            }
            return Err(StanceError::input(json_error(path, &err)));
        }
    };
    if doc.kind != RESULT_KIND {
        return Err(StanceError::input(format!(
            "{path}: not a stance result (kind is {:?})",
            doc.kind
        )));
    }
    if doc.schema_version != RESULT_SCHEMA_VERSION {
        return Err(StanceError::input(format!(
            "{path}: unsupported result schema_version {} (this stance reads version {RESULT_SCHEMA_VERSION})",
            doc.schema_version
        )));
    }
    from_document(path, doc)
}

fn from_document(path: &str, doc: ResultDocument) -> Result<ScanResult, StanceError> {
    // `doc.controls` is derived data: the renderers recompute it from the checks and results,
    // so a file without it (older, or not restricted to a framework) reads the same.
    let check_index: HashMap<&str, u32> = doc
        .checks
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.as_str(), i as u32))
        .collect();
    let mut targets: Vec<Target> = Vec::new();
    let mut target_index: HashMap<(String, String, String, String), u32> = HashMap::new();
    let mut findings = Vec::with_capacity(doc.results.len());
    for (i, rec) in doc.results.into_iter().enumerate() {
        let check = *check_index.get(rec.check_id.as_str()).ok_or_else(|| {
            StanceError::input(format!(
                "{path}: results[{i}] refers to check `{}`, which is not in `checks`",
                rec.check_id
            ))
        })?;
        if let Some(s) = rec.suppressed_by
            && s as usize >= doc.suppressions.len()
        {
            return Err(StanceError::input(format!(
                "{path}: results[{i}].suppressed_by is {s}, but there are {} suppressions",
                doc.suppressions.len()
            )));
        }
        let key = (
            rec.resource.id.clone(),
            rec.resource.account_id.clone(),
            rec.resource.region.clone(),
            rec.resource.resource_type.clone(),
        );
        let target = *target_index.entry(key).or_insert_with(|| {
            targets.push(rec.resource.clone());
            (targets.len() - 1) as u32
        });
        let mut finding = Finding::new(check, target, rec.status, rec.message);
        finding.evidence = rec.evidence.map(Box::new);
        finding.line = rec.line;
        finding.baseline = rec.baseline;
        finding.baseline_severity = rec.baseline_severity;
        finding.first_seen = rec.first_seen;
        finding.suppression = rec.suppressed_by;
        findings.push(finding);
    }
    Ok(ScanResult {
        scan: doc.scan,
        checks: doc.checks,
        targets,
        findings,
        gaps: doc.gaps,
        resolved: doc.resolved,
        suppressions: doc.suppressions,
    })
}

/// Reads a JSON result file.
pub fn read(path: &std::path::Path) -> Result<ScanResult, StanceError> {
    let text = crate::source::snapshot::read_input(path)?;
    parse(&path.display().to_string(), &text)
}
