//! `--securityhub-import`: the ASFF findings (exactly what [`crate::report::asff`] renders) sent
//! to AWS Security Hub with `BatchImportFindings`, the one write call stance makes.
//!
//! Security Hub takes a finding only in the account and region of its `ProductArn`, from that
//! account's own credentials (the `default` product of an account), and at most 100 findings per
//! call. So findings are grouped by (partition, account, region) and sent in batches of
//! [`asff::BATCH_SIZE`]: with the caller's credentials for the caller's account, through
//! `--role-name` for the others. Throttling is retried by the SDK (adaptive retries); whatever
//! still fails (findings Security Hub rejects, AccessDenied, Security Hub not enabled in a
//! region) is recorded per destination and reported, and the other destinations are still sent.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::io::{self, Write};
use std::sync::Arc;

use aws_sdk_securityhub::types::{
    AwsSecurityFinding, Compliance, ComplianceStatus, Note, Partition, Recommendation, RecordState,
    Remediation, Resource, ResourceDetails, Severity, SeverityLabel, StatusReason, Workflow,
    WorkflowStatus,
};
use serde_json::{Map, Value};
use tokio::sync::Semaphore;

use crate::error::StanceError;
use crate::report::asff;
use crate::source::aws::errors::{self, CallError};
use crate::source::aws::{self as aws_source, CallCounter, ClientOptions, Clients};

/// Destinations sent to at once. Security Hub's rate limit is per account and region, so
/// destinations do not compete with each other; this only bounds open connections.
const CONCURRENT_DESTINATIONS: usize = 8;

/// Rejected findings listed per destination in the summary (all of them are logged).
const LISTED_REJECTIONS: usize = 10;

/// How to reach Security Hub.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// SDK options: profile, endpoint, retries, timeouts.
    pub client: ClientOptions,
    /// Role assumed in accounts other than the caller's.
    pub role_name: Option<String>,
    /// External id for the role.
    pub external_id: Option<String>,
}

/// Where a finding is imported: the partition, account and region of its `ProductArn`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Destination {
    /// Partition (`aws`, `aws-cn`, `aws-us-gov`).
    pub partition: String,
    /// Account id.
    pub account_id: String,
    /// Region.
    pub region: String,
}

impl Destination {
    /// The destination of an ASFF finding, from its `ProductArn`
    /// (`arn:<partition>:securityhub:<region>:<account>:product/<account>/default`).
    pub fn of(finding: &Value) -> Option<Destination> {
        let arn = finding.get("ProductArn")?.as_str()?;
        let parts: Vec<&str> = arn.splitn(6, ':').collect();
        match parts.as_slice() {
            ["arn", partition, "securityhub", region, account, _]
                if !partition.is_empty() && !region.is_empty() && !account.is_empty() =>
            {
                Some(Destination {
                    partition: partition.to_string(),
                    account_id: account.to_string(),
                    region: region.to_string(),
                })
            }
            _ => None,
        }
    }
}

impl std::fmt::Display for Destination {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.account_id, self.region)
    }
}

/// One finding Security Hub (or the conversion before sending) rejected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejected {
    /// The finding's `Id`.
    pub id: String,
    /// Why: Security Hub's error code and message.
    pub reason: String,
}

/// A call that failed as a whole, and how many findings it (and the calls skipped after it)
/// did not deliver.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BatchFailure {
    /// Findings not imported.
    pub findings: usize,
    /// The error, code and message.
    pub reason: String,
}

/// What happened to one destination's findings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DestinationOutcome {
    /// Where.
    pub destination: Destination,
    /// Findings meant for it.
    pub findings: usize,
    /// Findings Security Hub accepted.
    pub imported: usize,
    /// BatchImportFindings calls made.
    pub calls: usize,
    /// Findings rejected one by one (`FailedFindings` of the response).
    pub rejected: Vec<Rejected>,
    /// Calls that failed as a whole (or were not made after a fatal error).
    pub failures: Vec<BatchFailure>,
}

impl DestinationOutcome {
    fn new(destination: Destination, findings: usize) -> Self {
        Self {
            destination,
            findings,
            imported: 0,
            calls: 0,
            rejected: Vec::new(),
            failures: Vec::new(),
        }
    }

    /// Findings not imported.
    pub fn failed(&self) -> usize {
        self.findings.saturating_sub(self.imported)
    }
}

/// The result of an import.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportSummary {
    /// Per destination, in (partition, account, region) order.
    pub destinations: Vec<DestinationOutcome>,
    /// Findings without a usable `ProductArn` (not sent anywhere).
    pub unroutable: Vec<Rejected>,
    /// A failure before anything could be sent (no credentials).
    pub fatal: Option<String>,
}

impl ImportSummary {
    /// Findings to import.
    pub fn total(&self) -> usize {
        self.destinations.iter().map(|d| d.findings).sum::<usize>() + self.unroutable.len()
    }

    /// Findings imported.
    pub fn imported(&self) -> usize {
        self.destinations.iter().map(|d| d.imported).sum()
    }

    /// Findings not imported.
    pub fn failed(&self) -> usize {
        self.total() - self.imported()
    }

    /// BatchImportFindings calls made.
    pub fn calls(&self) -> usize {
        self.destinations.iter().map(|d| d.calls).sum()
    }

    /// Writes the summary: one line of counts, then one line per failure.
    pub fn write<W: Write + ?Sized>(&self, out: &mut W) -> io::Result<()> {
        let complete = self.destinations.iter().filter(|d| d.failed() == 0).count();
        let mut line = format!(
            "Security Hub import: {} of {} findings imported into ",
            self.imported(),
            self.total()
        );
        if complete == self.destinations.len() {
            let _ = write!(line, "{complete} account/region(s)");
        } else {
            let _ = write!(
                line,
                "{complete} of {} account/region(s)",
                self.destinations.len()
            );
        }
        let _ = write!(line, " with {} BatchImportFindings calls", self.calls());
        if self.failed() > 0 {
            let _ = write!(line, "; {} failed", self.failed());
        }
        writeln!(out, "{line}")?;
        if let Some(fatal) = &self.fatal {
            writeln!(out, "  not sent: {fatal}")?;
        }
        for d in &self.destinations {
            for f in &d.failures {
                writeln!(
                    out,
                    "  {}: {} findings not imported: {}",
                    d.destination,
                    f.findings,
                    crate::report::inert(&f.reason)
                )?;
            }
            for r in d.rejected.iter().take(LISTED_REJECTIONS) {
                writeln!(
                    out,
                    "  {}: {} rejected: {}",
                    d.destination,
                    crate::report::inert(&r.id),
                    crate::report::inert(&r.reason)
                )?;
            }
            if d.rejected.len() > LISTED_REJECTIONS {
                writeln!(
                    out,
                    "  {}: ... and {} more rejected findings (see the log)",
                    d.destination,
                    d.rejected.len() - LISTED_REJECTIONS
                )?;
            }
        }
        for r in self.unroutable.iter().take(LISTED_REJECTIONS) {
            writeln!(
                out,
                "  {} not sent: {}",
                crate::report::inert(&r.id),
                r.reason
            )?;
        }
        Ok(())
    }
}

/// Groups ASFF findings by destination; findings without a usable `ProductArn` come back apart.
pub fn group(findings: Vec<Value>) -> (BTreeMap<Destination, Vec<Value>>, Vec<Rejected>) {
    let mut groups: BTreeMap<Destination, Vec<Value>> = BTreeMap::new();
    let mut unroutable = Vec::new();
    for f in findings {
        match Destination::of(&f) {
            Some(d) => groups.entry(d).or_default().push(f),
            None => unroutable.push(Rejected {
                id: finding_id(&f),
                reason: "no ProductArn of the form arn:<partition>:securityhub:<region>:<account>:product/..."
                    .to_string(),
            }),
        }
    }
    (groups, unroutable)
}

fn finding_id(f: &Value) -> String {
    f.get("Id")
        .and_then(Value::as_str)
        .unwrap_or("(no Id)")
        .to_string()
}

/// Sends the findings. Never fails: what could not be imported is in the summary.
pub fn import(findings: Vec<Value>, options: &ImportOptions) -> Result<ImportSummary, StanceError> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| StanceError::Runtime(e.into()))?;
    Ok(runtime.block_on(import_async(findings, options)))
}

async fn import_async(findings: Vec<Value>, options: &ImportOptions) -> ImportSummary {
    let (groups, unroutable) = group(findings);
    let mut summary = ImportSummary {
        unroutable,
        ..ImportSummary::default()
    };
    if groups.is_empty() {
        return summary;
    }
    let counter = Arc::new(CallCounter::default());
    let config = aws_source::client::load_base_config(&options.client, "us-east-1").await;
    let base = Clients::new(config, counter, options.client.endpoint_url.clone());
    let region0 = base
        .config()
        .region()
        .map(|r| r.to_string())
        .unwrap_or_else(|| "us-east-1".into());
    let (caller, caller_partition) = match aws_source::identify(&base, &region0).await {
        Ok(identity) => identity,
        Err(e) => {
            let reason = format!("cannot authenticate to AWS: {e}");
            tracing::error!("Security Hub import: {reason}");
            summary.fatal = Some(reason.clone());
            summary.destinations = groups
                .into_iter()
                .map(|(d, f)| not_sent(d, f.len(), &reason))
                .collect();
            return summary;
        }
    };

    // Credentials per account: the caller's own, or the role assumed in it.
    let mut accounts: BTreeMap<(String, String), Result<Clients, String>> = BTreeMap::new();
    for d in groups.keys() {
        let key = (d.partition.clone(), d.account_id.clone());
        if accounts.contains_key(&key) {
            continue;
        }
        let clients = if d.partition != caller_partition {
            Err(format!(
                "the finding is in partition {} but the credentials are for {caller_partition}",
                d.partition
            ))
        } else if d.account_id == caller {
            Ok(base.clone())
        } else if let Some(role) = &options.role_name {
            aws_source::assume_role(
                &base,
                &d.partition,
                &d.account_id,
                role,
                options.external_id.as_deref(),
                "stance-securityhub-import",
            )
            .await
        } else {
            Err(format!(
                "account {} is not the caller's ({caller}): give --role-name to import through a role in it",
                d.account_id
            ))
        };
        if let Err(reason) = &clients {
            tracing::error!(account = %d.account_id, "Security Hub import: {reason}");
        }
        accounts.insert(key, clients);
    }

    let semaphore = Arc::new(Semaphore::new(CONCURRENT_DESTINATIONS));
    let mut tasks = tokio::task::JoinSet::new();
    for (destination, findings) in groups {
        let key = (
            destination.partition.clone(),
            destination.account_id.clone(),
        );
        let clients = match accounts.get(&key) {
            Some(Ok(c)) => c.clone(),
            Some(Err(reason)) => {
                summary
                    .destinations
                    .push(not_sent(destination, findings.len(), reason));
                continue;
            }
            None => continue,
        };
        let semaphore = semaphore.clone();
        tasks.spawn(async move {
            let _permit = semaphore.acquire_owned().await;
            let client = clients.securityhub(&destination.region);
            send(&client, destination, &findings).await
        });
    }
    while let Some(joined) = tasks.join_next().await {
        match joined {
            Ok(outcome) => summary.destinations.push(outcome),
            Err(e) => tracing::error!("Security Hub import task failed: {e}"),
        }
    }
    summary
        .destinations
        .sort_by(|a, b| a.destination.cmp(&b.destination));
    summary
}

fn not_sent(destination: Destination, findings: usize, reason: &str) -> DestinationOutcome {
    let mut outcome = DestinationOutcome::new(destination, findings);
    outcome.failures.push(BatchFailure {
        findings,
        reason: reason.to_string(),
    });
    outcome
}

/// Whether a failed call means the other batches of the destination would fail the same way.
fn stops_destination(error: &CallError) -> bool {
    match error.code.as_deref() {
        // Not subscribed to Security Hub in this region, or not allowed to import.
        Some("InvalidAccessException") => true,
        Some(_) => error.is_access_denied(),
        // No answer at all: credentials, network, timeouts after every retry.
        None => true,
    }
}

/// Sends one destination's findings in batches of [`asff::BATCH_SIZE`].
pub async fn send(
    client: &aws_sdk_securityhub::Client,
    destination: Destination,
    findings: &[Value],
) -> DestinationOutcome {
    let mut outcome = DestinationOutcome::new(destination, findings.len());
    let batches: Vec<&[Value]> = findings.chunks(asff::BATCH_SIZE).collect();
    for (index, batch) in batches.iter().enumerate() {
        let mut typed = Vec::with_capacity(batch.len());
        for f in *batch {
            match to_sdk(f) {
                Ok(t) => typed.push(t),
                Err(reason) => {
                    let rejected = Rejected {
                        id: finding_id(f),
                        reason: format!("not valid ASFF: {reason}"),
                    };
                    tracing::warn!(destination = %outcome.destination, id = %rejected.id, "Security Hub import: {}", rejected.reason);
                    outcome.rejected.push(rejected);
                }
            }
        }
        if typed.is_empty() {
            continue;
        }
        let sent = typed.len();
        outcome.calls += 1;
        match client
            .batch_import_findings()
            .set_findings(Some(typed))
            .send()
            .await
        {
            Ok(response) => {
                let failed = response.failed_findings();
                for f in failed {
                    let rejected = Rejected {
                        id: f.id().unwrap_or("(no Id)").to_string(),
                        reason: match (f.error_code(), f.error_message()) {
                            (Some(c), Some(m)) => format!("{c}: {m}"),
                            (Some(c), None) => c.to_string(),
                            (None, Some(m)) => m.to_string(),
                            (None, None) => "rejected without a reason".to_string(),
                        },
                    };
                    tracing::warn!(destination = %outcome.destination, id = %rejected.id, "Security Hub rejected a finding: {}", rejected.reason);
                    outcome.rejected.push(rejected);
                }
                let accepted = response
                    .success_count()
                    .and_then(|n| usize::try_from(n).ok())
                    .unwrap_or(sent.saturating_sub(failed.len()));
                outcome.imported += accepted.min(sent);
                tracing::info!(destination = %outcome.destination, batch = index + 1, sent, accepted, "imported into Security Hub");
            }
            Err(e) => {
                let error = errors::describe(&e);
                tracing::error!(destination = %outcome.destination, batch = index + 1, "Security Hub BatchImportFindings failed: {error}");
                if stops_destination(&error) {
                    let left: usize = batches[index + 1..].iter().map(|b| b.len()).sum();
                    outcome.failures.push(BatchFailure {
                        findings: sent + left,
                        reason: error.to_string(),
                    });
                    break;
                }
                outcome.failures.push(BatchFailure {
                    findings: sent,
                    reason: error.to_string(),
                });
            }
        }
    }
    outcome
}

/// The fields of one JSON object, taken one by one; whatever is left at the end is a field the
/// converter does not know, so a renderer change cannot silently drop data from the import.
struct Fields<'a> {
    path: String,
    map: HashMap<&'a str, &'a Value>,
}

impl<'a> Fields<'a> {
    fn of(value: &'a Value, path: &str) -> Result<Self, String> {
        let map: &Map<String, Value> = value
            .as_object()
            .ok_or_else(|| format!("{path} is not an object"))?;
        Ok(Self {
            path: path.to_string(),
            map: map.iter().map(|(k, v)| (k.as_str(), v)).collect(),
        })
    }

    fn take(&mut self, key: &str) -> Option<&'a Value> {
        self.map.remove(key).filter(|v| !v.is_null())
    }

    fn string(&mut self, key: &str) -> Result<Option<String>, String> {
        match self.take(key) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(_) => Err(format!("{}.{key} is not a string", self.path)),
        }
    }

    fn required(&mut self, key: &str) -> Result<String, String> {
        self.string(key)?
            .ok_or_else(|| format!("{}.{key} is missing", self.path))
    }

    fn object(&mut self, key: &str) -> Result<Option<Fields<'a>>, String> {
        let path = format!("{}.{key}", self.path);
        self.take(key).map(|v| Fields::of(v, &path)).transpose()
    }

    fn strings(&mut self, key: &str) -> Result<Option<Vec<String>>, String> {
        let Some(v) = self.take(key) else {
            return Ok(None);
        };
        let list = v
            .as_array()
            .ok_or_else(|| format!("{}.{key} is not a list", self.path))?;
        list.iter()
            .map(|s| {
                s.as_str()
                    .map(str::to_string)
                    .ok_or_else(|| format!("{}.{key} holds a non-string", self.path))
            })
            .collect::<Result<Vec<_>, _>>()
            .map(Some)
    }

    fn string_map(&mut self, key: &str) -> Result<Option<HashMap<String, String>>, String> {
        let Some(v) = self.take(key) else {
            return Ok(None);
        };
        let map = v
            .as_object()
            .ok_or_else(|| format!("{}.{key} is not an object", self.path))?;
        map.iter()
            .map(|(k, v)| {
                v.as_str()
                    .map(|s| (k.clone(), s.to_string()))
                    .ok_or_else(|| format!("{}.{key}.{k} is not a string", self.path))
            })
            .collect::<Result<HashMap<_, _>, _>>()
            .map(Some)
    }

    fn list(&mut self, key: &str) -> Result<Vec<Fields<'a>>, String> {
        let Some(v) = self.take(key) else {
            return Ok(Vec::new());
        };
        let list = v
            .as_array()
            .ok_or_else(|| format!("{}.{key} is not a list", self.path))?;
        list.iter()
            .enumerate()
            .map(|(i, item)| Fields::of(item, &format!("{}.{key}[{i}]", self.path)))
            .collect()
    }

    fn done(self) -> Result<(), String> {
        let mut left: Vec<&str> = self.map.keys().copied().collect();
        if left.is_empty() {
            return Ok(());
        }
        left.sort_unstable();
        Err(format!(
            "{}: field(s) the importer does not handle: {}",
            self.path,
            left.join(", ")
        ))
    }
}

/// Converts one ASFF finding (as [`asff::findings`] renders it) into the SDK's type. Every field
/// the renderer writes is carried; an unknown field is an error rather than a silent drop.
pub fn to_sdk(finding: &Value) -> Result<AwsSecurityFinding, String> {
    let mut f = Fields::of(finding, "finding")?;
    let mut b = AwsSecurityFinding::builder()
        .schema_version(f.required("SchemaVersion")?)
        .id(f.required("Id")?)
        .product_arn(f.required("ProductArn")?)
        .generator_id(f.required("GeneratorId")?)
        .aws_account_id(f.required("AwsAccountId")?)
        .created_at(f.required("CreatedAt")?)
        .updated_at(f.required("UpdatedAt")?)
        .title(f.required("Title")?)
        .description(f.required("Description")?)
        .set_product_name(f.string("ProductName")?)
        .set_company_name(f.string("CompanyName")?)
        .set_region(f.string("Region")?)
        .set_types(f.strings("Types")?)
        .set_first_observed_at(f.string("FirstObservedAt")?)
        .set_last_observed_at(f.string("LastObservedAt")?)
        .set_product_fields(f.string_map("ProductFields")?);
    if let Some(mut s) = f.object("Severity")? {
        b = b.severity(
            Severity::builder()
                .set_label(s.string("Label")?.map(|l| SeverityLabel::from(l.as_str())))
                .set_original(s.string("Original")?)
                .build(),
        );
        s.done()?;
    }
    if let Some(mut r) = f.object("Remediation")? {
        if let Some(mut rec) = r.object("Recommendation")? {
            b = b.remediation(
                Remediation::builder()
                    .recommendation(
                        Recommendation::builder()
                            .set_text(rec.string("Text")?)
                            .set_url(rec.string("Url")?)
                            .build(),
                    )
                    .build(),
            );
            rec.done()?;
        }
        r.done()?;
    }
    let resources = f.list("Resources")?;
    if resources.is_empty() {
        return Err("finding.Resources is empty".to_string());
    }
    for mut r in resources {
        let mut rb = Resource::builder()
            .r#type(r.required("Type")?)
            .id(r.required("Id")?)
            .set_partition(r.string("Partition")?.map(|p| Partition::from(p.as_str())))
            .set_region(r.string("Region")?)
            .set_tags(r.string_map("Tags")?);
        if let Some(mut details) = r.object("Details")? {
            rb = rb.details(
                ResourceDetails::builder()
                    .set_other(details.string_map("Other")?)
                    .build(),
            );
            details.done()?;
        }
        b = b.resources(rb.build());
        r.done()?;
    }
    if let Some(mut c) = f.object("Compliance")? {
        let mut cb = Compliance::builder()
            .set_status(
                c.string("Status")?
                    .map(|s| ComplianceStatus::from(s.as_str())),
            )
            .set_security_control_id(c.string("SecurityControlId")?)
            .set_related_requirements(c.strings("RelatedRequirements")?);
        for mut reason in c.list("StatusReasons")? {
            cb = cb.status_reasons(
                StatusReason::builder()
                    .reason_code(reason.required("ReasonCode")?)
                    .set_description(reason.string("Description")?)
                    .build(),
            );
            reason.done()?;
        }
        b = b.compliance(cb.build());
        c.done()?;
    }
    if let Some(state) = f.string("RecordState")? {
        b = b.record_state(RecordState::from(state.as_str()));
    }
    if let Some(mut w) = f.object("Workflow")? {
        b = b.workflow(
            Workflow::builder()
                .set_status(
                    w.string("Status")?
                        .map(|s| WorkflowStatus::from(s.as_str())),
                )
                .build(),
        );
        w.done()?;
    }
    if let Some(mut n) = f.object("Note")? {
        b = b.note(
            Note::builder()
                .text(n.required("Text")?)
                .updated_by(n.required("UpdatedBy")?)
                .updated_at(n.required("UpdatedAt")?)
                .build(),
        );
        n.done()?;
    }
    f.done()?;
    Ok(b.build())
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_sdk_securityhub::Client;
    use aws_sdk_securityhub::config::{BehaviorVersion, Credentials, Region};
    use aws_sdk_securityhub::operation::batch_import_findings::BatchImportFindingsOutput;
    use aws_sdk_securityhub::types::ImportFindingsError;
    use aws_smithy_mocks::{MockResponseInterceptor, Rule, RuleMode, mock};
    use serde_json::json;

    /// A finding shaped like the ASFF renderer's output (every field it may write).
    fn finding(n: usize, account: &str, region: &str) -> Value {
        json!({
            "SchemaVersion": "2018-10-08",
            "Id": format!("stance/{n:04}"),
            "ProductArn": format!("arn:aws:securityhub:{region}:{account}:product/{account}/default"),
            "ProductName": "stance",
            "CompanyName": "stance",
            "GeneratorId": "stance/s3_bucket_requires_tls",
            "AwsAccountId": account,
            "Region": region,
            "Types": ["Software and Configuration Checks/AWS Security Best Practices"],
            "CreatedAt": "2026-01-01T00:00:00Z",
            "UpdatedAt": "2026-01-02T00:00:00Z",
            "FirstObservedAt": "2026-01-01T00:00:00Z",
            "LastObservedAt": "2026-01-02T00:00:00Z",
            "Severity": {"Label": "MEDIUM", "Original": "medium"},
            "Title": "S3 buckets require TLS",
            "Description": "bucket b allows plain HTTP",
            "Remediation": {"Recommendation": {"Text": "Deny aws:SecureTransport false", "Url": "https://example.com"}},
            "ProductFields": {"stance/CheckId": "s3_bucket_requires_tls"},
            "Resources": [{
                "Type": "AwsS3Bucket",
                "Id": "arn:aws:s3:::b",
                "Partition": "aws",
                "Region": region,
                "Tags": {"team": "web"},
                "Details": {"Other": {"stance:id": "b"}},
            }],
            "Compliance": {
                "Status": "NOT_AVAILABLE",
                "SecurityControlId": "S3.5",
                "RelatedRequirements": ["CIS AWS Foundations Benchmark v3.0.0/2.1.1"],
                "StatusReasons": [{"ReasonCode": "CONFIG_ACCESS_DENIED", "Description": "gap"}],
            },
            "RecordState": "ACTIVE",
            "Workflow": {"Status": "SUPPRESSED"},
            "Note": {"Text": "Suppressed: reviewed", "UpdatedBy": "web-team", "UpdatedAt": "2026-01-02T00:00:00Z"},
        })
    }

    fn client(rules: &[&Rule]) -> Client {
        let mut interceptor = MockResponseInterceptor::new().rule_mode(RuleMode::Sequential);
        for rule in rules {
            interceptor = interceptor.with_rule(rule);
        }
        Client::from_conf(
            aws_sdk_securityhub::Config::builder()
                .behavior_version(BehaviorVersion::latest())
                .region(Region::new("eu-west-1"))
                .credentials_provider(Credentials::new("test", "test", None, None, "test"))
                .http_client(aws_smithy_mocks::create_mock_http_client())
                .interceptor(interceptor)
                .build(),
        )
    }

    fn destination() -> Destination {
        Destination {
            partition: "aws".into(),
            account_id: "111111111111".into(),
            region: "eu-west-1".into(),
        }
    }

    #[test]
    fn every_field_the_renderer_writes_is_carried() {
        let f = to_sdk(&finding(1, "111111111111", "eu-west-1")).unwrap();
        assert_eq!(f.id(), Some("stance/0001"));
        assert_eq!(f.region(), Some("eu-west-1"));
        assert_eq!(
            f.severity().and_then(|s| s.label()),
            Some(&SeverityLabel::Medium)
        );
        let r = &f.resources()[0];
        assert_eq!(r.partition(), Some(&Partition::Aws));
        assert_eq!(
            r.tags().and_then(|t| t.get("team")).map(String::as_str),
            Some("web")
        );
        assert_eq!(
            r.details()
                .and_then(|d| d.other())
                .and_then(|o| o.get("stance:id"))
                .map(String::as_str),
            Some("b")
        );
        let c = f.compliance().unwrap();
        assert_eq!(c.status(), Some(&ComplianceStatus::NotAvailable));
        assert_eq!(c.security_control_id(), Some("S3.5"));
        assert_eq!(
            c.status_reasons()[0].reason_code(),
            Some("CONFIG_ACCESS_DENIED")
        );
        assert_eq!(
            f.workflow().and_then(|w| w.status()),
            Some(&WorkflowStatus::Suppressed)
        );
        assert_eq!(f.note().and_then(|n| n.updated_by()), Some("web-team"));
        assert_eq!(
            f.remediation()
                .and_then(|r| r.recommendation())
                .and_then(|r| r.url()),
            Some("https://example.com")
        );
    }

    #[test]
    fn an_unknown_or_missing_field_is_an_error_not_a_silent_drop() {
        let mut f = finding(1, "111111111111", "eu-west-1");
        f["Resources"][0]["Details"]["AwsS3Bucket"] = json!({"OwnerId": "x"});
        let err = to_sdk(&f).unwrap_err();
        assert!(
            err.contains("finding.Resources[0].Details") && err.contains("AwsS3Bucket"),
            "{err}"
        );
        let mut f = finding(1, "111111111111", "eu-west-1");
        f.as_object_mut().unwrap().remove("Title");
        assert_eq!(to_sdk(&f).unwrap_err(), "finding.Title is missing");
        let mut f = finding(1, "111111111111", "eu-west-1");
        f["Types"] = json!("not a list");
        assert!(to_sdk(&f).unwrap_err().contains("Types is not a list"));
    }

    #[test]
    fn findings_are_grouped_by_the_account_and_region_of_their_product_arn() {
        let mut findings = vec![
            finding(1, "111111111111", "eu-west-1"),
            finding(2, "222222222222", "eu-west-1"),
            finding(3, "111111111111", "us-east-1"),
            finding(4, "111111111111", "eu-west-1"),
        ];
        let mut bad = finding(5, "111111111111", "eu-west-1");
        bad["ProductArn"] = json!("arn:aws:s3:::not-a-product");
        findings.push(bad);
        let (groups, unroutable) = group(findings);
        let keys: Vec<String> = groups.keys().map(|d| d.to_string()).collect();
        assert_eq!(
            keys,
            [
                "111111111111 eu-west-1",
                "111111111111 us-east-1",
                "222222222222 eu-west-1"
            ]
        );
        assert_eq!(groups[&destination()].len(), 2);
        assert_eq!(unroutable.len(), 1);
        assert_eq!(unroutable[0].id, "stance/0005");
    }

    // Canned responses: moto accepts every well-formed finding, so it can neither report
    // per-finding failures (FailedFindings) nor show that one response's counts are used.
    #[tokio::test]
    async fn rejected_findings_are_counted_and_access_denied_stops_the_destination() {
        let findings: Vec<Value> = (0..250)
            .map(|n| finding(n, "111111111111", "eu-west-1"))
            .collect();
        let partial = mock!(Client::batch_import_findings)
            .match_requests(|req| req.findings().len() == 100)
            .then_output(|| {
                BatchImportFindingsOutput::builder()
                    .success_count(98)
                    .failed_count(2)
                    .failed_findings(
                        ImportFindingsError::builder()
                            .id("stance/0007")
                            .error_code("InvalidInput")
                            .error_message("Finding size exceeded 240 KB")
                            .build(),
                    )
                    .failed_findings(
                        ImportFindingsError::builder()
                            .id("stance/0008")
                            .error_code("InvalidInput")
                            .error_message("Invalid Resources.Type")
                            .build(),
                    )
                    .build()
            });
        let denied = mock!(Client::batch_import_findings)
            .sequence()
            .http_status(
                403,
                Some(r#"{"__type":"AccessDeniedException","message":"not authorized to perform securityhub:BatchImportFindings"}"#.to_string()),
            )
            .build();
        let client = client(&[&partial, &denied]);
        let outcome = send(&client, destination(), &findings).await;
        assert_eq!(outcome.findings, 250);
        assert_eq!(outcome.imported, 98);
        assert_eq!(outcome.failed(), 152);
        // The third batch is not sent after AccessDenied.
        assert_eq!(outcome.calls, 2);
        assert_eq!(partial.num_calls() + denied.num_calls(), 2);
        assert_eq!(
            outcome
                .rejected
                .iter()
                .map(|r| r.id.as_str())
                .collect::<Vec<_>>(),
            ["stance/0007", "stance/0008"]
        );
        assert_eq!(outcome.failures.len(), 1);
        assert_eq!(outcome.failures[0].findings, 150);
        assert!(
            outcome.failures[0]
                .reason
                .starts_with("AccessDeniedException: not authorized"),
            "{:?}",
            outcome.failures
        );

        let summary = ImportSummary {
            destinations: vec![outcome],
            ..ImportSummary::default()
        };
        let mut text = Vec::new();
        summary.write(&mut text).unwrap();
        let text = String::from_utf8(text).unwrap();
        assert_eq!(
            text,
            "Security Hub import: 98 of 250 findings imported into 0 of 1 account/region(s) with 2 BatchImportFindings calls; 152 failed\n\
             \x20 111111111111 eu-west-1: 150 findings not imported: AccessDeniedException: not authorized to perform securityhub:BatchImportFindings\n\
             \x20 111111111111 eu-west-1: stance/0007 rejected: InvalidInput: Finding size exceeded 240 KB\n\
             \x20 111111111111 eu-west-1: stance/0008 rejected: InvalidInput: Invalid Resources.Type\n"
        );
    }

    #[tokio::test]
    async fn a_failed_batch_that_is_not_fatal_does_not_stop_the_next() {
        let findings: Vec<Value> = (0..150)
            .map(|n| finding(n, "111111111111", "eu-west-1"))
            .collect();
        let invalid = mock!(Client::batch_import_findings)
            .sequence()
            .http_status(
                400,
                Some(r#"{"__type":"InvalidInputException","message":"bad batch"}"#.to_string()),
            )
            .build();
        let ok = mock!(Client::batch_import_findings).then_compute_output(|req| {
            BatchImportFindingsOutput::builder()
                .success_count(req.findings().len() as i32)
                .failed_count(0)
                .build()
        });
        let client = client(&[&invalid, &ok]);
        let outcome = send(&client, destination(), &findings).await;
        assert_eq!((outcome.calls, outcome.imported), (2, 50));
        assert_eq!(outcome.failures[0].findings, 100);
        assert!(
            outcome.failures[0]
                .reason
                .starts_with("InvalidInputException")
        );
    }
}
