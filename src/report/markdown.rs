//! A markdown summary, for GitHub's job summary (`$GITHUB_STEP_SUMMARY`) and pull-request
//! comments: counts, the baseline comparison, gaps and the most severe open failures. Every
//! string from the inventory is escaped so a resource name cannot inject markup or links.

use std::io::Write;

use crate::check::metadata::Severity;
use crate::finding::{BaselineState, ScanResult, Status};
use crate::report::sarif::markdown_text as md;

/// How many findings the summary lists.
pub const MAX_ROWS: usize = 50;

/// Writes the summary.
pub fn write(result: &ScanResult, out: &mut dyn Write) -> std::io::Result<()> {
    let counts = result.status_counts();
    let n = |s: Status| counts.get(&s).copied().unwrap_or(0);
    let open: Vec<_> = result.open_failures().collect();
    let by_sev = |s: Severity| {
        open.iter()
            .filter(|f| result.check_of(f).severity == s)
            .count()
    };
    writeln!(out, "## stance: {} open failure(s)\n", open.len())?;
    writeln!(
        out,
        "{} resources · {} account(s) · {} region(s) · {} checks · {} PASS · {} FAIL · {} NOT_APPLICABLE · {} NOT_EVALUATED · {} ERROR\n",
        result.scan.resource_count,
        result.scan.accounts.len(),
        result.scan.regions.len(),
        result.checks.len(),
        n(Status::Pass),
        n(Status::Fail),
        n(Status::NotApplicable),
        n(Status::NotEvaluated),
        n(Status::Error)
    )?;
    writeln!(out, "| critical | high | medium | low | informational |")?;
    writeln!(out, "|---:|---:|---:|---:|---:|")?;
    writeln!(
        out,
        "| {} | {} | {} | {} | {} |\n",
        by_sev(Severity::Critical),
        by_sev(Severity::High),
        by_sev(Severity::Medium),
        by_sev(Severity::Low),
        by_sev(Severity::Informational)
    )?;
    let new: Vec<_> = open
        .iter()
        .filter(|f| f.baseline == Some(BaselineState::New))
        .collect();
    if result.scan.baseline.is_some() {
        writeln!(
            out,
            "**Compared with the baseline:** {} new, {} unchanged, {} resolved.\n",
            new.len(),
            open.iter()
                .filter(|f| f.baseline == Some(BaselineState::Unchanged))
                .count(),
            result.resolved.len()
        )?;
    }
    if !result.gaps.is_empty() {
        writeln!(
            out,
            "> [!WARNING]\n> {} coverage gap(s): some data could not be collected, and the checks that need it report NOT_EVALUATED.\n",
            result.gaps.len()
        )?;
        for g in result.gaps.iter().take(10) {
            writeln!(out, "- {} {}", md(&g.account_id), md(&g.describe()))?;
        }
        writeln!(out)?;
    }
    let mut rows: Vec<_> = if result.scan.baseline.is_some() {
        new.clone()
    } else {
        open.iter().collect()
    };
    rows.sort_by(|a, b| {
        result
            .check_of(b)
            .severity
            .cmp(&result.check_of(a).severity)
    });
    if !rows.is_empty() {
        let heading = if result.scan.baseline.is_some() {
            "New failures"
        } else {
            "Open failures"
        };
        writeln!(out, "### {heading}\n")?;
        writeln!(out, "| severity | check | resource | where | message |")?;
        writeln!(out, "|---|---|---|---|---|")?;
        for f in rows.iter().take(MAX_ROWS) {
            let check = result.check_of(f);
            let target = result.target_of(f);
            let place = match &target.location {
                Some(loc) => format!("{}:{}", md(&loc.file), f.line.unwrap_or(loc.line)),
                None => format!("{} {}", md(&target.account_id), md(&target.region)),
            };
            writeln!(
                out,
                "| {} | `{}` | {} | {} | {} |",
                check.severity,
                check.id,
                md(target.arn.as_deref().unwrap_or(&target.id)),
                place,
                md(f.message.as_deref().unwrap_or(&check.title))
            )?;
        }
        if rows.len() > MAX_ROWS {
            writeln!(
                out,
                "\n… and {} more (see the SARIF, HTML or JSON report).",
                rows.len() - MAX_ROWS
            )?;
        }
    }
    Ok(())
}
