//! Runs a parsed command line.

use std::io::Write;

use crate::check::testing::{lint, run_tests};
use crate::check::{Check, select::select};
use crate::cli::{ChecksCommand, Cli, Command, DocKind, ListFormat, SchemaKind};
use crate::error::{ExitCode, StanceError};
use crate::frameworks;
use crate::scan::{load_catalog, run_diff, run_inventory, run_merge, run_scan};

/// Stack size of the threads that parse input and evaluate checks: the command's own thread
/// and rayon's workers (templates are parsed in parallel).
///
/// The parsers of untrusted input recurse within depth limits of their own (toml: 80 levels of
/// nesting, each holding an 80-part dotted key; JSON and YAML: 128 levels), and the deepest
/// `stance.toml` those limits allow needs about 1 MiB of stack in a release build and several
/// in a debug build. The platform's defaults (a main thread gets 8 MiB on Linux and macOS but 1
/// MiB on Windows, a spawned thread 2 MiB) would leave that to chance. Only the pages a thread
/// touches become resident.
pub const STACK_BYTES: usize = 64 << 20;

/// Runs `work` on a new thread with [`STACK_BYTES`] of stack and returns its result; a panic
/// in it continues in the caller. `Err` only when the thread cannot be created.
pub fn on_large_stack<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> std::io::Result<T> {
    let thread = std::thread::Builder::new()
        .name("stance".into())
        .stack_size(STACK_BYTES)
        .spawn(work)?;
    Ok(thread
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
}

/// Runs the command on a thread with [`STACK_BYTES`] of stack, and gives rayon's workers the
/// same.
pub fn run_on_large_stack(cli: Cli) -> Result<ExitCode, StanceError> {
    // Fails only when the global pool already exists (a caller of the library built it), and
    // then that pool is kept.
    let _ = rayon::ThreadPoolBuilder::new()
        .stack_size(STACK_BYTES)
        .build_global();
    on_large_stack(move || run(&cli)).map_err(|e| StanceError::Runtime(e.into()))?
}

/// Runs the command; the exit code on success, or the error that ended the run.
pub fn run(cli: &Cli) -> Result<ExitCode, StanceError> {
    let config = crate::config::load(cli.config.as_deref())?;
    match &cli.command {
        Command::Scan(args) => {
            let mut args = (**args).clone();
            if let Some(c) = &config {
                c.apply_selection(&mut args.selection);
                c.apply_report(&mut args.report);
                c.apply_aws(&mut args.aws);
                // Sources on the command line replace the file's sources.
                let named = !args.inventories.is_empty()
                    || !args.iac.is_empty()
                    || !args.source.source.is_empty();
                // `--aws` asks for the live APIs: the file's aggregator would conflict.
                c.apply_source(&mut args.source, named || args.aws_too);
                if !named {
                    args.inventories = c
                        .config
                        .scan
                        .inventory
                        .iter()
                        .map(|p| c.resolve(p))
                        .collect();
                    args.iac = c.config.scan.iac.iter().map(|p| c.resolve(p)).collect();
                }
            }
            run_scan(&args, cli.quiet)
        }
        Command::Checks(cmd) => {
            let mut cmd = cmd.clone();
            if let Some(c) = &config {
                match &mut cmd {
                    ChecksCommand::List { selection, .. }
                    | ChecksCommand::Show { selection, .. }
                    | ChecksCommand::Test { selection, .. } => {
                        if selection.checks_dirs.is_empty() {
                            selection.checks_dirs = c
                                .config
                                .scan
                                .checks_dirs
                                .iter()
                                .map(|p| c.resolve(p))
                                .collect();
                        }
                    }
                }
            }
            run_checks(&cmd, cli.quiet)
        }
        Command::Diff(args) => {
            let mut args = args.clone();
            if let Some(c) = &config {
                c.apply_report(&mut args.report);
            }
            run_diff(&args, cli.quiet)
        }
        Command::Merge(args) => {
            let mut args = args.clone();
            if let Some(c) = &config {
                c.apply_report(&mut args.report);
                c.apply_connection(&mut args.aws);
            }
            run_merge(&args, cli.quiet)
        }
        Command::Inventory(args) => {
            let mut args = args.clone();
            if let Some(c) = &config {
                c.apply_aws(&mut args.aws);
                let named = !args.source.source.is_empty();
                c.apply_source(&mut args.source, named);
            }
            run_inventory(&args, cli.quiet)
        }
        Command::Docs { which } => {
            let catalog = crate::check::Catalog::load(&[], true)?;
            let text = match which {
                DocKind::Coverage => crate::docs::coverage(&catalog),
                DocKind::Checks => crate::docs::checks(&catalog),
            };
            print_stdout(&text)?;
            Ok(ExitCode::Clean)
        }
        Command::Schema { which } => {
            let text = match which {
                SchemaKind::Inventory => crate::model::schema::inventory_schema(),
                SchemaKind::Result => crate::model::schema::result_schema(),
                SchemaKind::Config => crate::config::schema(),
            };
            print_stdout(&text)?;
            Ok(ExitCode::Clean)
        }
    }
}

fn print_stdout(text: &str) -> Result<(), StanceError> {
    let mut out = std::io::stdout().lock();
    crate::error::unless_broken_pipe(out.write_all(text.as_bytes()).and_then(|_| out.flush()))
}

fn check_json(check: &Check) -> serde_json::Value {
    let m = &check.meta;
    serde_json::json!({
        "id": m.id,
        "title": m.title,
        "description": m.description,
        "severity": m.severity,
        "scope": m.scope,
        "resource_types": m.resource_types,
        "frameworks": m.frameworks,
        "remediation": m.remediation,
        "references": m.references,
        "file": check.file.path,
        "builtin": check.builtin,
    })
}

fn run_checks(cmd: &ChecksCommand, quiet: bool) -> Result<ExitCode, StanceError> {
    match cmd {
        ChecksCommand::List { format, selection } => {
            let catalog = load_catalog(selection)?;
            let selected = select(
                &catalog,
                &selection.select,
                &selection.ignore,
                &selection.framework,
            )
            .map_err(StanceError::input)?;
            let checks: Vec<&Check> = selected.iter().map(|&i| &catalog.checks[i]).collect();
            match format {
                ListFormat::Json => {
                    let list: Vec<serde_json::Value> =
                        checks.iter().map(|c| check_json(c)).collect();
                    let mut text = serde_json::to_string_pretty(&list)
                        .map_err(|e| StanceError::Runtime(e.into()))?;
                    text.push('\n');
                    print_stdout(&text)?;
                }
                ListFormat::Table => {
                    let width = checks.iter().map(|c| c.meta.id.len()).max().unwrap_or(2);
                    let mut text = format!(
                        "{:<width$}  {:<13}  {:<8}  {}\n",
                        "ID", "SEVERITY", "SCOPE", "TITLE"
                    );
                    for c in &checks {
                        let controls: Vec<String> = c
                            .meta
                            .controls()
                            .map(|(f, id)| format!("{f}:{id}"))
                            .collect();
                        text.push_str(&format!(
                            "{:<width$}  {:<13}  {:<8}  {}\n{:<width$}  {}\n",
                            c.meta.id,
                            c.meta.severity.as_str(),
                            c.meta.scope.as_str(),
                            c.meta.title,
                            "",
                            controls.join(" ")
                        ));
                    }
                    text.push_str(&format!("{} checks\n", checks.len()));
                    print_stdout(&text)?;
                }
            }
            Ok(ExitCode::Clean)
        }
        ChecksCommand::Show { id, selection } => {
            let catalog = load_catalog(selection)?;
            let check = catalog.get(id).ok_or_else(|| {
                StanceError::input(format!(
                    "no check with id `{id}` (see `stance checks list`)"
                ))
            })?;
            let m = &check.meta;
            let mut text = format!(
                "{}\n{}\n\nseverity: {}\nscope: {}\nresource types: {}\nfile: {}\n",
                m.id,
                m.title,
                m.severity,
                m.scope.as_str(),
                m.resource_types.join(", "),
                check.file.path
            );
            for (fw, ids) in &m.frameworks {
                for control in ids {
                    let requirement = frameworks::controls(fw)
                        .iter()
                        .find(|c| &c.id == control)
                        .map(|c| c.requirement.as_str())
                        .unwrap_or("");
                    text.push_str(&format!(
                        "control: {} {control}  {requirement}\n",
                        crate::check::metadata::framework_title(fw)
                    ));
                }
            }
            text.push_str(&format!(
                "\n{}\n\nRemediation:\n{}\n",
                m.description, m.remediation
            ));
            for r in &m.references {
                text.push_str(&format!("  {r}\n"));
            }
            text.push_str(&format!(
                "\n--- {} ---\n{}",
                check.file.path, check.file.source
            ));
            print_stdout(&text)?;
            Ok(ExitCode::Clean)
        }
        ChecksCommand::Test { selection, filter } => {
            let catalog = load_catalog(selection)?;
            let outcomes = run_tests(&catalog, filter.as_deref())?;
            let issues = if filter.is_none() {
                lint(&catalog)
            } else {
                Vec::new()
            };
            let failed: Vec<_> = outcomes.iter().filter(|o| o.failure.is_some()).collect();
            let mut text = String::new();
            for o in &failed {
                text.push_str(&format!(
                    "FAIL {} {}: {}\n",
                    o.file,
                    o.name,
                    o.failure.as_deref().unwrap_or("")
                ));
            }
            for i in &issues {
                text.push_str(&format!("LINT {}:{}: {}\n", i.file, i.line, i.message));
            }
            if !quiet || !failed.is_empty() || !issues.is_empty() {
                text.push_str(&format!(
                    "{} tests in {} files: {} passed, {} failed; {} checks linted: {} issues\n",
                    outcomes.len(),
                    catalog.tests.len(),
                    outcomes.len() - failed.len(),
                    failed.len(),
                    catalog.checks.len(),
                    issues.len()
                ));
                print_stdout(&text)?;
            }
            Ok(if failed.is_empty() && issues.is_empty() {
                ExitCode::Clean
            } else {
                ExitCode::Findings
            })
        }
    }
}
