//! The terminal summary: counts by status and severity, per-framework control status, coverage
//! gaps, and the most severe open findings. Colour only on a terminal (anstream honours
//! `NO_COLOR`, `CLICOLOR_FORCE` and pipes); untrusted text is stripped of control characters so
//! a resource name cannot inject escape sequences.

use std::collections::BTreeMap;
use std::io::{self, Write};

use anstyle::{AnsiColor, Style};

use crate::check::metadata::{FRAMEWORKS, Severity};
use crate::finding::{BaselineState, ScanResult, Status};

/// How many open findings to list.
pub const TOP_FINDINGS: usize = 15;

/// Replaces control characters (ESC, CR, BEL...) so untrusted text prints inert.
pub fn inert(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { '\u{fffd}' } else { c })
        .collect()
}

fn severity_style(s: Severity) -> Style {
    match s {
        Severity::Critical => AnsiColor::Magenta.on_default().bold(),
        Severity::High => AnsiColor::Red.on_default().bold(),
        Severity::Medium => AnsiColor::Yellow.on_default(),
        Severity::Low => AnsiColor::Cyan.on_default(),
        Severity::Informational => Style::new().dimmed(),
    }
}

fn status_style(s: Status) -> Style {
    match s {
        Status::Fail => AnsiColor::Red.on_default().bold(),
        Status::Pass => AnsiColor::Green.on_default(),
        Status::Error => AnsiColor::Magenta.on_default().bold(),
        Status::NotEvaluated => AnsiColor::Yellow.on_default(),
        Status::NotApplicable => Style::new().dimmed(),
    }
}

/// Writes the summary. `out` should be an `anstream` stream so styles are dropped when not a
/// terminal.
pub fn write<W: Write + ?Sized>(result: &ScanResult, out: &mut W) -> io::Result<()> {
    let bold = Style::new().bold();
    let counts = result.status_counts();
    let scan = &result.scan;
    writeln!(
        out,
        "{bold}stance{bold:#} scanned {} resources in {} account(s), {} region(s) with {} checks in {:.1}s",
        scan.resource_count,
        scan.accounts.len(),
        scan.regions.len(),
        result.checks.len(),
        scan.duration_ms as f64 / 1000.0
    )?;
    if let Some(calls) = scan.api_calls {
        writeln!(
            out,
            "  {calls} AWS API calls, {} retries",
            scan.retries.unwrap_or(0)
        )?;
    }
    let mut line = String::from("  ");
    for status in Status::ALL {
        let n = counts.get(&status).copied().unwrap_or(0);
        let st = status_style(status);
        line.push_str(&format!("{st}{n} {}{st:#}   ", status.as_str()));
    }
    writeln!(out, "{}", line.trim_end())?;

    let mut by_severity: BTreeMap<Severity, usize> = BTreeMap::new();
    let mut suppressed = 0;
    for f in result.findings.iter().filter(|f| f.status == Status::Fail) {
        if f.suppression.is_some() {
            suppressed += 1;
        } else {
            *by_severity.entry(result.check_of(f).severity).or_default() += 1;
        }
    }
    let mut line = String::from("  open failures by severity:");
    for s in Severity::ALL_DESC {
        let st = severity_style(s);
        line.push_str(&format!(
            "  {st}{} {}{st:#}",
            by_severity.get(&s).copied().unwrap_or(0),
            s.as_str()
        ));
    }
    if suppressed > 0 {
        line.push_str(&format!("  ({suppressed} suppressed)"));
    }
    writeln!(out, "{line}")?;

    if scan.baseline.is_some() {
        let count = |b: BaselineState| {
            result
                .findings
                .iter()
                .filter(|f| f.baseline == Some(b))
                .count()
        };
        let red = AnsiColor::Red.on_default().bold();
        writeln!(
            out,
            "  baseline: {red}{} new{red:#}, {} unchanged, {} resolved",
            count(BaselineState::New),
            count(BaselineState::Unchanged),
            result.resolved.len()
        )?;
    }

    // Per framework: controls with at least one failure vs. controls all passing.
    let mut frameworks_line = Vec::new();
    for (fw, title) in FRAMEWORKS {
        // With --framework, only the frameworks asked for: the other frameworks' controls
        // that the same checks map to would read as a partial, misleading status.
        if !result.scan.frameworks.is_empty() && !result.scan.frameworks.iter().any(|f| f == fw) {
            continue;
        }
        let mut controls: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
        for f in &result.findings {
            let check = result.check_of(f);
            if let Some(ids) = check.frameworks.get(*fw) {
                for id in ids {
                    let e = controls.entry(id.as_str()).or_default();
                    match f.status {
                        Status::Fail if f.suppression.is_none() => e.0 += 1,
                        Status::Pass => e.1 += 1,
                        _ => {}
                    }
                }
            }
        }
        if controls.is_empty() {
            continue;
        }
        let failing = controls.values().filter(|(fail, _)| *fail > 0).count();
        frameworks_line.push(format!(
            "  {title}: {failing} of {} controls failing",
            controls.len()
        ));
    }
    if !frameworks_line.is_empty() {
        writeln!(out)?;
        for l in frameworks_line {
            writeln!(out, "{l}")?;
        }
    }

    if !result.gaps.is_empty() {
        let yellow = AnsiColor::Yellow.on_default().bold();
        writeln!(out)?;
        writeln!(
            out,
            "{yellow}{} coverage gap(s){yellow:#}: checks that need this data report NOT_EVALUATED",
            result.gaps.len()
        )?;
        for gap in result.gaps.iter().take(10) {
            writeln!(out, "  {} {}", gap.account_id, inert(&gap.describe()))?;
        }
        if result.gaps.len() > 10 {
            writeln!(
                out,
                "  ... and {} more (see the JSON or HTML report)",
                result.gaps.len() - 10
            )?;
        }
    }

    let mut open: Vec<_> = result.open_failures().collect();
    open.sort_by(|a, b| {
        let (ca, cb) = (result.check_of(a), result.check_of(b));
        cb.severity
            .cmp(&ca.severity)
            .then(
                b.baseline
                    .map(|x| x == BaselineState::New)
                    .cmp(&a.baseline.map(|x| x == BaselineState::New)),
            )
            .then(ca.id.cmp(&cb.id))
            .then(result.target_of(a).id.cmp(&result.target_of(b).id))
    });
    if !open.is_empty() {
        writeln!(out)?;
        writeln!(out, "{bold}Top findings{bold:#}")?;
        for f in open.iter().take(TOP_FINDINGS) {
            let check = result.check_of(f);
            let target = result.target_of(f);
            let st = severity_style(check.severity);
            let new = if f.baseline == Some(BaselineState::New) {
                " [new]"
            } else {
                ""
            };
            let place = match &target.location {
                Some(loc) => format!("{}:{}", inert(&loc.file), loc.line),
                None => format!("{} {}", target.account_id, target.region),
            };
            writeln!(
                out,
                "  {st}{:<13}{st:#} {}{new}  {}  ({place})",
                check.severity.as_str().to_uppercase(),
                check.id,
                inert(f.message.as_deref().unwrap_or(&check.title)),
            )?;
        }
        if open.len() > TOP_FINDINGS {
            writeln!(
                out,
                "  ... and {} more open failures",
                open.len() - TOP_FINDINGS
            )?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_neutralised() {
        assert_eq!(
            inert("bucket\u{1b}[31mred\r\n"),
            "bucket\u{fffd}[31mred\u{fffd}\u{fffd}"
        );
    }
}
