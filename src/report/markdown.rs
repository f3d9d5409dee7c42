//! A markdown summary, for GitHub's job summary (`$GITHUB_STEP_SUMMARY`) and pull-request
//! comments: counts, the baseline comparison (severity changes included), gaps, the per-control
//! status of the frameworks selected with `--framework`, and the most severe open failures.
//! Every string from the inventory is escaped so a resource name cannot inject markup or links.

use std::io::Write;

use crate::check::metadata::{Severity, framework_title};
use crate::finding::{BaselineState, ScanResult, Status};
use crate::frameworks::{ControlState, ControlStatus, selected_control_statuses, state_counts};
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
        severity_changes(result, out)?;
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
    frameworks(result, out)?;
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

/// The findings whose check's severity differs from the baseline's, with both severities.
fn severity_changes(result: &ScanResult, out: &mut dyn Write) -> std::io::Result<()> {
    let changed: Vec<_> = result.severity_changes().collect();
    if changed.is_empty() {
        return Ok(());
    }
    writeln!(
        out,
        "**{} finding(s) changed severity** since the baseline:\n",
        changed.len()
    )?;
    writeln!(out, "| check | resource | before | now |")?;
    writeln!(out, "|---|---|---|---|")?;
    for (f, before) in changed.iter().take(MAX_ROWS) {
        let check = result.check_of(f);
        let target = result.target_of(f);
        writeln!(
            out,
            "| {} | {} | {} | {} |",
            code(&check.id),
            md(target.arn.as_deref().unwrap_or(&target.id)),
            before,
            check.severity
        )?;
    }
    if changed.len() > MAX_ROWS {
        writeln!(
            out,
            "\n… and {} more (see the JSON report: `baseline_severity`).",
            changed.len() - MAX_ROWS
        )?;
    }
    writeln!(out)
}

/// Per framework selected with `--framework`: every control in the framework's order with its
/// status, resource counts, covering checks, and guidance for the controls assessed by hand.
fn frameworks(result: &ScanResult, out: &mut dyn Write) -> std::io::Result<()> {
    let statuses = selected_control_statuses(result);
    for group in statuses.chunk_by(|a, b| a.framework == b.framework) {
        let fw = &group[0].framework;
        let count = |s: ControlState| group.iter().filter(|c| c.status == s).count();
        writeln!(
            out,
            "### {}: {} of {} controls failing\n",
            md(framework_title(fw)),
            count(ControlState::Fail),
            group.len()
        )?;
        let tally: Vec<String> = state_counts(group)
            .into_iter()
            .map(|(s, n)| format!("{n} {s}"))
            .collect();
        writeln!(out, "{}\n", tally.join(" · "))?;
        writeln!(
            out,
            "| control | status | failing | passing | checks | requirement |"
        )?;
        writeln!(out, "|---|---|---:|---:|---|---|")?;
        for c in group {
            writeln!(out, "{}", control_row(c))?;
        }
        writeln!(out)?;
    }
    Ok(())
}

/// An id as inline code when it is a plain identifier, else as escaped text.
fn code(id: &str) -> String {
    if !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | ':'))
    {
        format!("`{id}`")
    } else {
        md(id)
    }
}

fn control_row(c: &ControlStatus) -> String {
    let status = match c.status {
        ControlState::Fail => "**FAIL**".to_string(),
        s => s.as_str().to_string(),
    };
    let counts = |n: usize| {
        if c.checks.is_empty() {
            String::new()
        } else {
            n.to_string()
        }
    };
    let mut requirement = md(&c.title);
    if let Some(guidance) = c.guidance.as_deref().filter(|g| *g != c.title) {
        let label = if c.status == ControlState::Manual {
            "assess manually"
        } else {
            "not covered"
        };
        requirement.push_str(&format!(" *({label}: {})*", md(guidance)));
    }
    format!(
        "| {} | {status} | {} | {} | {} | {requirement} |",
        md(&c.id),
        counts(c.failing),
        counts(c.passing),
        c.checks
            .iter()
            .map(|id| code(id))
            .collect::<Vec<_>>()
            .join(", "),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render() -> String {
        let mut out = Vec::new();
        write(&crate::frameworks::sample_result(), &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn lists_severity_changes_with_escaped_resources() {
        let text = render();
        assert!(
            text.contains("**1 finding(s) changed severity** since the baseline:"),
            "{text}"
        );
        assert!(
            text.contains("| `s3_bucket_requires_tls` | bucket\\|\\<b\\> \\[31m | low | medium |"),
            "{text}"
        );
        assert!(!text.contains("<b>"));
    }

    #[test]
    fn lists_every_control_of_the_framework_in_order() {
        let text = render();
        let heading = "### CIS AWS Foundations Benchmark v4.0.1: 2 of 64 controls failing";
        assert!(text.contains(heading), "{text}");
        let rows: Vec<&str> = text
            .lines()
            .filter(|l| l.starts_with("| ") && l.split('|').count() == 8)
            .skip(1)
            .collect();
        let ids: Vec<&str> = rows
            .iter()
            .map(|l| l.split('|').nth(1).unwrap().trim())
            .collect();
        let order: Vec<&str> = crate::frameworks::controls("cis-aws-v4.0.1")
            .iter()
            .map(|c| c.id.as_str())
            .collect();
        assert_eq!(ids, order);
        let row = |id: &str| {
            *rows
                .iter()
                .find(|l| l.starts_with(&format!("| {id} |")))
                .unwrap()
        };
        assert!(
            row("1.1").starts_with("| 1.1 | MANUAL |  |  |  |"),
            "{}",
            row("1.1")
        );
        assert!(row("1.1").contains("*(assess manually: "), "{}", row("1.1"));
        assert!(
            row("3.6").starts_with("| 3.6 | NOT_EVALUATED | 0 | 0 | `kms_key_rotation_enabled` |")
        );
        assert!(
            row("2.1.1").starts_with("| 2.1.1 | **FAIL** | 1 | 1 | `s3_bucket_requires_tls` |")
        );
    }
}
