//! The scan pipeline: sources → model → checks → findings → reports, and the exit code.

use std::collections::BTreeSet;
use std::time::Instant;

use crate::check::engine::CompiledChecks;
use crate::check::eval::evaluate;
use crate::check::metadata::Severity;
use crate::check::{Catalog, select::select};
use std::io::IsTerminal;
use std::time::Duration;

use crate::cli::{
    AwsArgs, CheckSelection, DiffArgs, FailOn, InventoryArgs, MergeArgs, ReportArgs, ScanArgs,
    SourceArgs,
};
use crate::error::{ExitCode, StanceError};
use crate::export::securityhub::{self, ImportOptions};
use crate::finding::{BaselineState, ScanInfo, ScanResult, SourceInfo, Status};
use crate::model::time::Timestamp;
use crate::model::{GLOBAL_REGION, Inventory};
use crate::report::sarif::SarifOptions;
use crate::report::{self, RenderOptions};
use crate::source::aws::{self as aws_source, AwsScanOptions, ClientOptions};
use crate::source::config_aggregator::{self, AggregatorOptions};
use crate::source::snapshot;
use crate::{baseline, suppress};

/// Loads the catalog for a selection (built-in and `--checks-dir`).
pub fn load_catalog(selection: &CheckSelection) -> Result<Catalog, StanceError> {
    if selection.no_builtin_checks && selection.checks_dirs.is_empty() {
        return Err(StanceError::input(
            "--no-builtin-checks needs at least one --checks-dir",
        ));
    }
    Ok(Catalog::load(
        &selection.checks_dirs,
        !selection.no_builtin_checks,
    )?)
}

/// Evaluates selected checks of a catalog over an inventory into a scan result.
pub fn evaluate_inventory(
    inventory: &Inventory,
    catalog: &Catalog,
    selection: &CheckSelection,
    sources: Vec<SourceInfo>,
    started: (Timestamp, Instant),
    shard: Option<String>,
) -> Result<ScanResult, StanceError> {
    let selected = select(
        catalog,
        &selection.select,
        &selection.ignore,
        &selection.framework,
    )
    .map_err(StanceError::input)?;
    let compiled = CompiledChecks::compile_selected(catalog, &selected)?;
    release_freed_memory();
    let evaluation = evaluate(inventory, catalog, &compiled, &selected);
    let accounts: BTreeSet<String> = inventory
        .accounts
        .iter()
        .map(|a| a.account_id.clone())
        .filter(|a| !a.is_empty())
        .collect();
    let regions: BTreeSet<String> = inventory
        .accounts
        .iter()
        .flat_map(|a| a.regions.iter())
        .map(|r| r.region.clone())
        .filter(|r| r != GLOBAL_REGION)
        .collect();
    let stats = inventory.stats.as_ref();
    let mut result = ScanResult {
        scan: ScanInfo {
            started_at: started.0,
            duration_ms: started.1.elapsed().as_millis() as u64,
            collected_at: inventory.collected_at,
            sources,
            accounts: accounts.into_iter().collect(),
            regions: regions.into_iter().collect(),
            resource_count: inventory.resource_count() as u64,
            frameworks: selection.framework.clone(),
            api_calls: stats.map(|s| s.api_calls),
            retries: stats.map(|s| s.retries),
            shard: None,
            baseline: None,
        },
        checks: selected
            .iter()
            .map(|&i| catalog.checks[i].meta.clone())
            .collect(),
        targets: evaluation.targets,
        findings: evaluation.findings,
        gaps: inventory.gaps.clone(),
        resolved: Vec::new(),
        suppressions: Vec::new(),
    };
    result.scan.shard = shard;
    result.sort_canonical();
    Ok(result)
}

/// The exit code a result earns under the failure policy.
pub fn exit_code(
    result: &ScanResult,
    fail_on: FailOn,
    min_severity: Severity,
    strict: bool,
) -> ExitCode {
    let failing = result.open_failures().any(|f| {
        result.check_of(f).severity >= min_severity
            && match fail_on {
                FailOn::Any => true,
                FailOn::New => f.baseline.is_none_or(|b| b == BaselineState::New),
                FailOn::Never => false,
            }
    });
    let incomplete = !result.gaps.is_empty()
        || result
            .findings
            .iter()
            .any(|f| matches!(f.status, Status::Error | Status::NotEvaluated));
    if strict && incomplete {
        ExitCode::Incomplete
    } else if failing {
        ExitCode::Findings
    } else {
        ExitCode::Clean
    }
}

/// Writes every requested output, then the terminal summary (unless quiet).
pub fn write_outputs(
    result: &ScanResult,
    outputs: &[report::OutputSpec],
    options: &RenderOptions,
    quiet: bool,
) -> Result<(), StanceError> {
    for spec in outputs {
        report::render(result, spec, options).map_err(|e| {
            StanceError::Runtime(anyhow::anyhow!(
                "cannot write {} output to {}: {e}",
                spec.format,
                spec.path.display()
            ))
        })?;
        tracing::info!(format = %spec.format, path = %spec.path.display(), "wrote report");
    }
    if !quiet {
        // The summary goes to stderr when a report is streamed to stdout.
        let stdout_taken = outputs.iter().any(|o| o.path.as_os_str() == "-");
        let written = if stdout_taken {
            report::terminal::write(result, &mut anstream::stderr())
        } else {
            report::terminal::write(result, &mut anstream::stdout())
        };
        crate::error::unless_broken_pipe(written)?;
    }
    Ok(())
}

/// The last stages shared by scan, diff and merge: suppressions, baseline, reports, the
/// opt-in Security Hub import, exit code.
pub fn finish(
    mut result: ScanResult,
    args: &ReportArgs,
    baseline: Option<(&ScanResult, String)>,
    import: Option<&ImportOptions>,
    quiet: bool,
) -> Result<ExitCode, StanceError> {
    let mut list = Vec::new();
    for (raw, origin) in &args.config_suppressions {
        list.push(suppress::Suppression::from_raw(
            raw.clone(),
            origin.clone(),
        )?);
    }
    if let Some(path) = &args.suppressions {
        list.extend(suppress::read(path)?);
    }
    if !list.is_empty() {
        for expired in suppress::apply(&mut result, &list) {
            tracing::warn!("suppression {expired} has expired and no longer applies");
        }
    }
    match baseline {
        Some((old, name)) => baseline::apply(&mut result, old, &name),
        None => baseline::stamp_first_seen(&mut result),
    }
    let fail_on = args.fail_on.unwrap_or_default();
    if fail_on == FailOn::New && result.scan.baseline.is_none() {
        tracing::warn!("--fail-on new without --baseline: every failure counts as new");
    }
    let options = RenderOptions {
        pretty: args.pretty,
        sarif: SarifOptions {
            anchor: args
                .sarif_anchor
                .clone()
                .unwrap_or_else(|| crate::config::DEFAULT_FILE.to_string()),
            category: args.sarif_category.clone(),
            max_results: None,
        },
    };
    write_outputs(&result, &args.outputs, &options, quiet)?;
    let min_severity = args
        .min_severity
        .map(Severity::from)
        .unwrap_or(Severity::Informational);
    let code = exit_code(&result, fail_on, min_severity, args.strict);
    // The reports are on disk before anything is sent: an import that fails loses nothing.
    let Some(import) = import else {
        return Ok(code);
    };
    let summary = securityhub::import(report::asff::findings(&result), import)?;
    let failed = summary.failed() > 0;
    if !quiet || failed {
        let stdout_taken = quiet || args.outputs.iter().any(|o| o.path.as_os_str() == "-");
        let written = if stdout_taken {
            summary.write(&mut anstream::stderr())
        } else {
            summary.write(&mut anstream::stdout())
        };
        crate::error::unless_broken_pipe(written)?;
    }
    // Findings that did not reach Security Hub fail the run like an output that could not be
    // written, whatever the findings themselves earned.
    Ok(if failed {
        code.max(ExitCode::Runtime)
    } else {
        code
    })
}

/// SDK options from the command line's profile, endpoint, attempts and timeout.
fn client_options(
    profile: Option<&String>,
    endpoint_url: Option<&String>,
    max_attempts: Option<u32>,
    call_timeout: Option<u64>,
) -> ClientOptions {
    let max_attempts = max_attempts.unwrap_or(6).max(1);
    let call_timeout = call_timeout.unwrap_or(20).max(1);
    ClientOptions {
        profile: profile.cloned(),
        endpoint_url: endpoint_url.filter(|u| !u.is_empty()).cloned(),
        max_attempts,
        attempt_timeout: Duration::from_secs(call_timeout),
        operation_timeout: Duration::from_secs(call_timeout * u64::from(max_attempts) + 10),
    }
}

fn read_baseline(args: &ReportArgs) -> Result<Option<(ScanResult, String)>, StanceError> {
    args.baseline
        .as_ref()
        .map(|p| Ok((report::json::read(p)?, p.display().to_string())))
        .transpose()
}

/// Adds a source's inventory to the scan's.
fn join(into: &mut Option<Inventory>, more: Inventory) {
    match into {
        Some(inventory) => inventory.merge(more),
        None => *into = Some(more),
    }
}

/// `stance scan`.
pub fn run_scan(args: &ScanArgs, quiet: bool) -> Result<ExitCode, StanceError> {
    let started = (Timestamp::now(), Instant::now());
    let catalog = load_catalog(&args.selection)?;
    // Read the baseline first: a bad file should fail before a long scan, not after.
    let baseline = read_baseline(&args.report)?;
    let aggregator = args.source.config_aggregator()?;
    if aggregator.is_some() && args.aws_too {
        return Err(StanceError::input(
            "--aws and a config aggregator source read the same accounts twice: choose one",
        ));
    }
    let live = args.aws_too
        || (args.inventories.is_empty() && args.iac.is_empty() && aggregator.is_none());
    let shard = args.aws.shard.as_deref().map(parse_shard).transpose()?;
    if shard.is_some()
        && !args.iac.is_empty()
        && args.inventories.is_empty()
        && !live
        && aggregator.is_none()
    {
        return Err(StanceError::input(
            "--shard splits the scan by account; templates and plans (--iac) have none",
        ));
    }
    // The first source is taken whole, so a snapshot keeps its own collection time (age-based
    // facts count from it); later sources merge into it.
    let mut inventory: Option<Inventory> = None;
    let mut sources = Vec::new();
    let mut joined = 0;
    for path in &args.inventories {
        let mut snapshot = snapshot::read(path)?;
        if let Some(shard) = shard {
            keep_shard(&mut snapshot, shard);
        }
        join(&mut inventory, snapshot);
        sources.push(SourceInfo {
            kind: "snapshot".into(),
            location: path.display().to_string(),
        });
        joined += 1;
    }
    let iac = (!args.iac.is_empty())
        .then(|| crate::source::iac::load(&args.iac, started.0))
        .transpose()?;
    if let Some(iac) = &iac {
        sources.extend(iac.sources.iter().cloned());
        join(&mut inventory, iac.inventory.clone());
        joined += 1;
    }
    if live || aggregator.is_some() {
        let selected = select(
            &catalog,
            &args.selection.select,
            &args.selection.ignore,
            &args.selection.framework,
        )
        .map_err(StanceError::input)?;
        let wanted = wanted_types(&catalog, &selected);
        if let Some(name) = &aggregator {
            join(
                &mut inventory,
                collect_aggregator(&args.aws, &args.source, name, wanted)?,
            );
            sources.push(SourceInfo {
                kind: "config-aggregator".into(),
                location: aggregator_location(&args.aws, &args.source, name),
            });
        } else {
            join(&mut inventory, collect_live(&args.aws, wanted, quiet)?);
            sources.push(SourceInfo {
                kind: "aws".into(),
                location: live_location(&args.aws),
            });
        }
        joined += 1;
    }
    let mut inventory = inventory.unwrap_or_else(|| Inventory::new(started.0));
    if joined > 1 {
        // Facts that join resources (account-level settings) may span the merged sources.
        crate::model::derive::enrich(&mut inventory);
    }
    let mut result = evaluate_inventory(
        &inventory,
        &catalog,
        &args.selection,
        sources,
        started,
        args.aws.shard.clone(),
    )?;
    if let Some(iac) = &iac {
        suppress::apply(&mut result, &iac.suppressions);
    }
    let import = args.securityhub_import.then(|| ImportOptions {
        client: client_options(
            args.aws.profile.as_ref(),
            args.aws.endpoint_url.as_ref(),
            args.aws.max_attempts,
            args.aws.call_timeout,
        ),
        role_name: args.aws.role_name.clone(),
        external_id: args.aws.external_id.clone(),
    });
    let code = finish(
        result,
        &args.report,
        baseline.as_ref().map(|(r, n)| (r, n.clone())),
        import.as_ref(),
        quiet,
    )?;
    // A template or plan that could not be read outranks findings: the scan is partial.
    Ok(match iac {
        Some(iac) if iac.invalid_files > 0 && code < ExitCode::PartialInput => {
            ExitCode::PartialInput
        }
        _ => code,
    })
}

/// The resource types the selected checks read (all types when every check is selected, so
/// a full scan also fills the snapshot completely).
fn wanted_types(catalog: &Catalog, selected: &[usize]) -> BTreeSet<String> {
    if selected.len() == catalog.checks.len() {
        return BTreeSet::new();
    }
    selected
        .iter()
        .flat_map(|&i| catalog.checks[i].meta.resource_types.iter().cloned())
        .collect()
}

fn live_location(aws: &AwsArgs) -> String {
    let mut parts = Vec::new();
    if let Some(p) = &aws.profile {
        parts.push(format!("profile {p}"));
    }
    if let Some(e) = &aws.endpoint_url {
        parts.push(format!("endpoint {e}"));
    }
    if aws.org {
        parts.push("organization".to_string());
    } else if !aws.accounts.is_empty() {
        parts.push(format!("accounts {}", aws.accounts.join(",")));
    }
    if parts.is_empty() {
        "default credentials".to_string()
    } else {
        parts.join(", ")
    }
}

fn aggregator_location(aws: &AwsArgs, source: &SourceArgs, name: &str) -> String {
    let mut parts = vec![format!("aggregator {name}")];
    if let Some(r) = &source.aggregator_region {
        parts.push(format!("region {r}"));
    }
    if let Some(p) = &aws.profile {
        parts.push(format!("profile {p}"));
    }
    if let Some(e) = &aws.endpoint_url {
        parts.push(format!("endpoint {e}"));
    }
    parts.join(", ")
}

/// Keeps a snapshot's accounts (and their gaps) of one shard, chosen as live collection
/// chooses them, so sharding a large snapshot splits it like sharding the live scan would.
fn keep_shard(inventory: &mut Inventory, shard: (usize, usize)) {
    inventory
        .accounts
        .retain(|a| aws_source::in_shard(&a.account_id, shard));
    inventory
        .gaps
        .retain(|g| aws_source::in_shard(&g.account_id, shard));
}

/// Parses `K/N`.
pub fn parse_shard(text: &str) -> Result<(usize, usize), StanceError> {
    let err = || {
        StanceError::input(format!(
            "--shard must be K/N with 1 <= K <= N, not {text:?}"
        ))
    };
    let (k, n) = text.split_once('/').ok_or_else(err)?;
    let (k, n): (usize, usize) = (
        k.trim().parse().map_err(|_| err())?,
        n.trim().parse().map_err(|_| err())?,
    );
    if k == 0 || n == 0 || k > n {
        return Err(err());
    }
    Ok((k, n))
}

/// The AWS flags both live collection and the aggregator read, validated.
struct AwsSettings {
    client: ClientOptions,
    concurrency: usize,
    shard: Option<(usize, usize)>,
}

fn aws_settings(aws: &AwsArgs) -> Result<AwsSettings, StanceError> {
    for a in &aws.accounts {
        if a.len() != 12 || !a.bytes().all(|b| b.is_ascii_digit()) {
            return Err(StanceError::input(format!(
                "--accounts: {a:?} is not a 12-digit account id"
            )));
        }
    }
    for r in &aws.regions {
        let ok = !r.is_empty()
            && r.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if !ok {
            return Err(StanceError::input(format!(
                "--regions: {r:?} is not a region code"
            )));
        }
    }
    let concurrency = aws.concurrency.unwrap_or(16);
    if concurrency == 0 {
        return Err(StanceError::input("--concurrency must be at least 1"));
    }
    let shard = aws.shard.as_deref().map(parse_shard).transpose()?;
    Ok(AwsSettings {
        client: client_options(
            aws.profile.as_ref(),
            aws.endpoint_url.as_ref(),
            aws.max_attempts,
            aws.call_timeout,
        ),
        concurrency,
        shard,
    })
}

fn runtime() -> Result<tokio::runtime::Runtime, StanceError> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| StanceError::Runtime(e.into()))
}

/// Validates the AWS flags and reads an AWS Config aggregator into an inventory.
pub fn collect_aggregator(
    aws: &AwsArgs,
    source: &SourceArgs,
    name: &str,
    resource_types: BTreeSet<String>,
) -> Result<Inventory, StanceError> {
    let settings = aws_settings(aws)?;
    if aws.org || aws.role_name.is_some() || aws.external_id.is_some() {
        tracing::warn!(
            "--org, --role-name and --external-id do not apply to a config aggregator source: the aggregator's account is read with the caller's credentials"
        );
    }
    if let Some(r) = &source.aggregator_region
        && (r.is_empty()
            || !r
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'))
    {
        return Err(StanceError::input(format!(
            "--aggregator-region: {r:?} is not a region code"
        )));
    }
    let options = AggregatorOptions {
        name: name.to_string(),
        region: source.aggregator_region.clone(),
        client: settings.client,
        accounts: aws.accounts.clone(),
        regions: aws.regions.clone(),
        shard: settings.shard,
        concurrency: settings.concurrency,
        resource_types,
    };
    let inventory = runtime()?.block_on(config_aggregator::collect(&options))?;
    log_collection(&inventory, "aggregator read");
    Ok(inventory)
}

fn log_collection(inventory: &Inventory, what: &str) {
    if let Some(stats) = &inventory.stats {
        tracing::info!(
            api_calls = stats.api_calls,
            retries = stats.retries,
            duration_ms = stats.duration_ms,
            gaps = inventory.gaps.len(),
            "{what}"
        );
    }
}

/// Validates the AWS flags and collects the live inventory.
pub fn collect_live(
    aws: &AwsArgs,
    resource_types: BTreeSet<String>,
    quiet: bool,
) -> Result<Inventory, StanceError> {
    let settings = aws_settings(aws)?;
    let options = AwsScanOptions {
        client: settings.client,
        accounts: aws.accounts.clone(),
        org: aws.org,
        role_name: aws.role_name.clone(),
        external_id: aws.external_id.clone(),
        regions: aws.regions.clone(),
        concurrency: settings.concurrency,
        resource_types,
        shard: settings.shard,
        progress: !quiet
            && std::io::stderr().is_terminal()
            && std::env::var_os("STANCE_NO_PROGRESS").is_none(),
    };
    let inventory = runtime()?.block_on(aws_source::collect(&options))?;
    release_freed_memory();
    log_collection(&inventory, "collection done");
    Ok(inventory)
}

/// Returns the pages a finished phase freed to the operating system.
///
/// mimalloc keeps freed pages resident for a while to reuse them. The phases of a scan allocate
/// unrelated things (SDK clients and responses, then the parsed Rego modules, then findings),
/// so what one phase freed would mostly sit resident under the next one and raise the peak.
/// Once per phase, this costs a few system calls; returning pages on every free
/// (`MIMALLOC_PURGE_DELAY=0`) would slow the evaluation of large inventories instead.
fn release_freed_memory() {
    // SAFETY: `mi_collect` takes no pointers and only walks mimalloc's own structures; it is a
    // no-op for memory that mimalloc did not allocate.
    unsafe { libmimalloc_sys::mi_collect(true) }
}

/// `stance inventory`.
pub fn run_inventory(args: &InventoryArgs, quiet: bool) -> Result<ExitCode, StanceError> {
    let inventory = match args.source.config_aggregator()? {
        Some(name) => collect_aggregator(&args.aws, &args.source, &name, BTreeSet::new())?,
        None => collect_live(&args.aws, BTreeSet::new(), quiet)?,
    };
    snapshot::write(&inventory, &args.output).map_err(|e| {
        StanceError::Runtime(anyhow::anyhow!(
            "cannot write {}: {e}",
            args.output.display()
        ))
    })?;
    if !quiet {
        let stats = inventory.stats.clone().unwrap_or_default();
        eprintln!(
            "stance collected {} resources from {} account(s) with {} API calls ({} retries) in {:.1}s; {} gap(s)",
            inventory.resource_count(),
            inventory.accounts.len(),
            stats.api_calls,
            stats.retries,
            stats.duration_ms as f64 / 1000.0,
            inventory.gaps.len()
        );
        for gap in &inventory.gaps {
            eprintln!("  gap: {} {}", gap.account_id, gap.describe());
        }
    }
    Ok(if args.strict && !inventory.gaps.is_empty() {
        ExitCode::Incomplete
    } else {
        ExitCode::Clean
    })
}

/// `stance merge A.json B.json ...`.
pub fn run_merge(args: &MergeArgs, quiet: bool) -> Result<ExitCode, StanceError> {
    let mut results = Vec::new();
    for path in &args.results {
        results.push((path.display().to_string(), report::json::read(path)?));
    }
    if let Err(incomplete) = crate::merge::check_shard_set(&results) {
        if !args.allow_partial {
            return Err(incomplete);
        }
        tracing::warn!("{incomplete}");
    }
    let merged = crate::merge::merge(results)?;
    let baseline = read_baseline(&args.report)?;
    let import = args.securityhub_import.then(|| ImportOptions {
        client: client_options(
            args.aws.profile.as_ref(),
            args.aws.endpoint_url.as_ref(),
            None,
            None,
        ),
        role_name: args.aws.role_name.clone(),
        external_id: args.aws.external_id.clone(),
    });
    finish(
        merged,
        &args.report,
        baseline.as_ref().map(|(r, n)| (r, n.clone())),
        import.as_ref(),
        quiet,
    )
}

/// `stance diff OLD NEW`.
pub fn run_diff(args: &DiffArgs, quiet: bool) -> Result<ExitCode, StanceError> {
    let old = report::json::read(&args.old)?;
    let mut new = report::json::read(&args.new)?;
    // Baseline states in NEW (from its own run) are recomputed against OLD.
    for f in &mut new.findings {
        f.baseline = None;
        f.baseline_severity = None;
    }
    new.resolved.clear();
    if args.report.baseline.is_some() {
        return Err(StanceError::input(
            "stance diff takes the baseline as its first argument, not --baseline",
        ));
    }
    finish(
        new,
        &args.report,
        Some((&old, args.old.display().to_string())),
        None,
        quiet,
    )
}
