//! Check selection: `--select`, `--ignore` and `--framework`.

use super::Catalog;
use crate::check::metadata::framework_title;
use crate::frameworks;

/// One selector: a check id, a framework, or a framework control.
#[derive(Debug, Clone, PartialEq)]
enum Selector {
    Check(String),
    Framework(String),
    Control(String, String),
}

fn parse_selector(catalog: &Catalog, text: &str) -> Result<Selector, String> {
    let text = text.trim();
    if let Some((fw, control)) = text.split_once(':') {
        if !frameworks::is_framework(fw) {
            return Err(format!("unknown framework `{fw}` in `{text}`"));
        }
        if !frameworks::is_control(fw, control) {
            return Err(format!(
                "`{control}` is not a control of {}",
                framework_title(fw)
            ));
        }
        return Ok(Selector::Control(fw.to_string(), control.to_string()));
    }
    if frameworks::is_framework(text) {
        return Ok(Selector::Framework(text.to_string()));
    }
    if catalog.get(text).is_some() {
        return Ok(Selector::Check(text.to_string()));
    }
    Err(format!(
        "`{text}` is neither a check id nor a framework (see `stance checks list`)"
    ))
}

fn matches(selector: &Selector, check: &super::Check) -> bool {
    let fw = &check.meta.frameworks;
    match selector {
        Selector::Check(id) => check.meta.id == *id,
        Selector::Framework(f) => fw.get(f).is_some_and(|ids| !ids.is_empty()),
        Selector::Control(f, c) => fw.get(f).is_some_and(|ids| ids.contains(c)),
    }
}

/// The catalog indices of the selected checks, in catalog order.
pub fn select(
    catalog: &Catalog,
    select: &[String],
    ignore: &[String],
    frameworks_filter: &[String],
) -> Result<Vec<usize>, String> {
    let select: Vec<Selector> = select
        .iter()
        .filter(|s| !s.trim().is_empty())
        .map(|s| parse_selector(catalog, s))
        .collect::<Result<_, _>>()?;
    let ignore: Vec<Selector> = ignore
        .iter()
        .filter(|s| !s.trim().is_empty())
        .map(|s| parse_selector(catalog, s))
        .collect::<Result<_, _>>()?;
    for fw in frameworks_filter {
        if !frameworks::is_framework(fw) {
            return Err(format!("unknown framework `{fw}` for --framework"));
        }
    }
    Ok(catalog
        .checks
        .iter()
        .enumerate()
        .filter(|(_, c)| select.is_empty() || select.iter().any(|s| matches(s, c)))
        .filter(|(_, c)| !ignore.iter().any(|s| matches(s, c)))
        .filter(|(_, c)| {
            frameworks_filter.is_empty()
                || frameworks_filter
                    .iter()
                    .any(|f| matches(&Selector::Framework(f.clone()), c))
        })
        .map(|(i, _)| i)
        .collect())
}
