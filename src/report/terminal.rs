//! The terminal summary: counts by status and severity, the baseline comparison (severity
//! changes included), per-framework control status (one line per control for the frameworks
//! selected with `--framework`), coverage gaps, and the most severe open findings. Colour only
//! on a terminal (anstream honours `NO_COLOR`, `CLICOLOR_FORCE` and pipes); untrusted text is
//! stripped of control characters so a resource name cannot inject escape sequences.

use std::collections::BTreeMap;
use std::io::{self, Write};

use anstyle::{AnsiColor, Style};

use crate::check::metadata::{FRAMEWORKS, Severity, framework_title};
use crate::finding::{BaselineState, ScanResult, Status};
use crate::frameworks::{ControlState, ControlStatus, selected_control_statuses, state_counts};
use crate::report::inert;

/// How many open findings to list.
pub const TOP_FINDINGS: usize = 15;

/// How many severity changes to list.
pub const SEVERITY_CHANGES: usize = 10;

/// Width of a control line's detail (guidance or check list) before it is cut.
const DETAIL_WIDTH: usize = 90;

fn severity_style(s: Severity) -> Style {
    match s {
        Severity::Critical => AnsiColor::Magenta.on_default().bold(),
        Severity::High => AnsiColor::Red.on_default().bold(),
        Severity::Medium => AnsiColor::Yellow.on_default(),
        Severity::Low => AnsiColor::Cyan.on_default(),
        Severity::Informational => Style::new().dimmed(),
    }
}

fn control_style(s: ControlState) -> Style {
    match s {
        ControlState::Fail => AnsiColor::Red.on_default().bold(),
        ControlState::Pass => AnsiColor::Green.on_default(),
        ControlState::NotEvaluated => AnsiColor::Yellow.on_default(),
        ControlState::Manual => AnsiColor::Cyan.on_default(),
        ControlState::NotCovered | ControlState::NotApplicable | ControlState::NoResources => {
            Style::new().dimmed()
        }
    }
}

/// `text` cut to `width` characters, with an ellipsis when cut.
fn cut(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_string();
    }
    let mut out: String = text.chars().take(width.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// One line per control: id, status, and the failing count and checks, or the guidance.
fn control_line(c: &ControlStatus, id_width: usize) -> String {
    let st = control_style(c.status);
    let checks = inert(&c.checks.join(", "));
    let detail = match c.status {
        ControlState::Fail => format!("{} failing: {checks}", c.failing),
        ControlState::NotEvaluated => format!("{} not evaluated: {checks}", c.not_evaluated),
        ControlState::Manual | ControlState::NotCovered => {
            inert(c.guidance.as_deref().unwrap_or(&c.title))
        }
        _ => checks,
    };
    format!(
        "  {:<id_width$} {st}{:<14}{st:#} {}",
        c.id,
        c.status.as_str(),
        cut(&detail, DETAIL_WIDTH)
    )
    .trim_end()
    .to_string()
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
    // Templates and plans belong to no account: say where the resources came from instead.
    let from_templates = scan
        .sources
        .iter()
        .any(|s| matches!(s.kind.as_str(), "cloudformation" | "terraform"));
    let place = if scan.accounts.is_empty() && from_templates {
        "from templates and plans".to_string()
    } else {
        format!(
            "in {} account(s), {} region(s)",
            scan.accounts.len(),
            scan.regions.len()
        )
    };
    writeln!(
        out,
        "{bold}stance{bold:#} scanned {} resources {place} with {} checks in {:.1}s",
        scan.resource_count,
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
        let changed: Vec<_> = result.severity_changes().collect();
        if !changed.is_empty() {
            writeln!(
                out,
                "  {} finding(s) changed severity since the baseline",
                changed.len()
            )?;
            for (f, before) in changed.iter().take(SEVERITY_CHANGES) {
                let check = result.check_of(f);
                let target = result.target_of(f);
                let (was, now) = (severity_style(*before), severity_style(check.severity));
                writeln!(
                    out,
                    "    {} {}  {was}{}{was:#} -> {now}{}{now:#}",
                    inert(&check.id),
                    inert(target.arn.as_deref().unwrap_or(&target.id)),
                    before.as_str(),
                    check.severity.as_str()
                )?;
            }
            if changed.len() > SEVERITY_CHANGES {
                writeln!(
                    out,
                    "    ... and {} more (see the JSON report)",
                    changed.len() - SEVERITY_CHANGES
                )?;
            }
        }
    }

    // With --framework: every control of the frameworks asked for, in their order. (The
    // other frameworks' controls that the same checks map to would read as a partial,
    // misleading status, so they are left out.)
    let statuses = selected_control_statuses(result);
    for group in statuses.chunk_by(|a, b| a.framework == b.framework) {
        let tally: Vec<String> = state_counts(group)
            .into_iter()
            .map(|(s, n)| {
                let st = control_style(s);
                format!("{st}{n} {s}{st:#}")
            })
            .collect();
        writeln!(out)?;
        writeln!(
            out,
            "{bold}{}{bold:#}: {} controls  {}",
            framework_title(&group[0].framework),
            group.len(),
            tally.join("  ")
        )?;
        let id_width = group
            .iter()
            .map(|c| c.id.chars().count())
            .max()
            .unwrap_or(0);
        for c in group {
            writeln!(out, "{}", control_line(c, id_width))?;
        }
    }

    // Without: per framework, controls with at least one failure vs. controls all passing.
    let mut frameworks_line = Vec::new();
    for (fw, title) in FRAMEWORKS {
        if !result.scan.frameworks.is_empty() {
            break;
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
                " [new]".to_string()
            } else if let Some(before) = f.baseline_severity {
                format!(" [was {}]", before.as_str())
            } else {
                String::new()
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

#[cfg(test)]
mod summary_tests {
    use super::*;

    fn render() -> String {
        let mut out = Vec::new();
        write(&crate::frameworks::sample_result(), &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn lists_severity_changes_inertly() {
        let text = render();
        let plain = anstream::adapter::strip_str(&text).to_string();
        assert!(
            plain.contains("  1 finding(s) changed severity since the baseline\n"),
            "{plain}"
        );
        assert!(
            plain.contains("    s3_bucket_requires_tls bucket|<b>\u{fffd}[31m  low -> medium\n"),
            "{plain}"
        );
        assert!(plain.contains("[was low]"), "{plain}");
    }

    #[test]
    fn one_line_per_control_in_framework_order() {
        let plain = anstream::adapter::strip_str(&render()).to_string();
        assert!(
            plain.contains("CIS AWS Foundations Benchmark v4.0.1: 64 controls  1 PASS  2 FAIL  1 NOT_EVALUATED  27 MANUAL  32 NOT_COVERED  1 NO_RESOURCES\n"),
            "{plain}"
        );
        let order: Vec<&str> = crate::frameworks::controls("cis-aws-v4.0.1")
            .iter()
            .map(|c| c.id.as_str())
            .collect();
        let lines: Vec<&str> = plain
            .lines()
            .filter(|l| {
                l.split_whitespace()
                    .next()
                    .is_some_and(|id| order.contains(&id))
            })
            .collect();
        let ids: Vec<&str> = lines
            .iter()
            .map(|l| l.split_whitespace().next().unwrap())
            .collect();
        assert_eq!(ids, order);
        let line = |id: &str| {
            lines
                .iter()
                .find(|l| l.split_whitespace().next() == Some(id))
                .unwrap()
        };
        assert!(line("1.1").contains(" MANUAL "), "{}", line("1.1"));
        assert!(
            line("3.6").contains(" NOT_EVALUATED  1 not evaluated: kms_key_rotation_enabled"),
            "{}",
            line("3.6")
        );
        assert!(
            line("2.1.1").contains(" FAIL           1 failing: s3_bucket_requires_tls"),
            "{}",
            line("2.1.1")
        );
    }
}
