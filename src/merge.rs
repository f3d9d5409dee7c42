//! Merging results: shard results of one scan (or scans of different account sets) into one
//! result that renders like a single run's.

use std::collections::HashMap;

use crate::error::StanceError;
use crate::finding::{ScanResult, Target};

/// Checks that results which say they are shards form one complete set: the same N, every K
/// from 1 to N exactly once. A missing shard would otherwise make its accounts' findings look
/// resolved against a baseline, and a repeated one would count its accounts twice. Results that
/// are not shards (scans of different account sets) are not constrained.
pub fn check_shard_set(results: &[(String, ScanResult)]) -> Result<(), StanceError> {
    let mut shards: Vec<(&str, usize, usize)> = Vec::new();
    for (name, result) in results {
        let Some(text) = result.scan.shard.as_deref() else {
            continue;
        };
        let (k, n) = crate::scan::parse_shard(text)
            .map_err(|_| StanceError::input(format!("{name}: scan.shard {text:?} is not K/N")))?;
        shards.push((name, k, n));
    }
    let Some(&(first, _, n)) = shards.first() else {
        return Ok(());
    };
    if let Some((name, _, other)) = shards.iter().find(|s| s.2 != n) {
        return Err(StanceError::input(format!(
            "{name} is a shard of {other}, {first} a shard of {n}: merge the shards of one scan"
        )));
    }
    let mut seen: Vec<Option<&str>> = vec![None; n];
    for &(name, k, _) in &shards {
        if let Some(earlier) = seen[k - 1].replace(name) {
            return Err(StanceError::input(format!(
                "{earlier} and {name} are both shard {k}/{n}"
            )));
        }
    }
    let missing: Vec<String> = (1..=n)
        .filter(|k| seen[k - 1].is_none())
        .map(|k| format!("{k}/{n}"))
        .collect();
    if !missing.is_empty() {
        return Err(StanceError::input(format!(
            "shard(s) {} missing: their accounts' findings would look resolved (--allow-partial merges anyway)",
            missing.join(", ")
        )));
    }
    Ok(())
}

/// Merges results. Checks are matched by id (the first definition wins), targets are
/// re-interned, gaps, suppressions and resolved findings are concatenated, and the findings are
/// put in canonical order, so the merge of shards equals the result of one full run.
pub fn merge(results: Vec<(String, ScanResult)>) -> Result<ScanResult, StanceError> {
    let mut iter = results.into_iter();
    let Some((_, mut merged)) = iter.next() else {
        return Err(StanceError::input("stance merge needs at least one result"));
    };
    let mut check_index: HashMap<String, u32> = merged
        .checks
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.clone(), i as u32))
        .collect();
    let key = |t: &Target| {
        (
            t.id.clone(),
            t.account_id.clone(),
            t.region.clone(),
            t.resource_type.clone(),
        )
    };
    let mut target_index: HashMap<(String, String, String, String), u32> = merged
        .targets
        .iter()
        .enumerate()
        .map(|(i, t)| (key(t), i as u32))
        .collect();
    for (name, other) in iter {
        if merged.scan.frameworks != other.scan.frameworks {
            tracing::warn!(
                "{name}: scanned with frameworks {:?}, the first result with {:?}",
                other.scan.frameworks,
                merged.scan.frameworks
            );
        }
        let check_map: Vec<u32> = other
            .checks
            .iter()
            .map(|c| {
                *check_index.entry(c.id.clone()).or_insert_with(|| {
                    merged.checks.push(c.clone());
                    (merged.checks.len() - 1) as u32
                })
            })
            .collect();
        let target_map: Vec<u32> = other
            .targets
            .iter()
            .map(|t| {
                *target_index.entry(key(t)).or_insert_with(|| {
                    merged.targets.push(t.clone());
                    (merged.targets.len() - 1) as u32
                })
            })
            .collect();
        let suppression_base = merged.suppressions.len() as u32;
        merged.suppressions.extend(other.suppressions);
        for mut f in other.findings {
            f.check = check_map[f.check as usize];
            f.target = target_map[f.target as usize];
            f.suppression = f.suppression.map(|s| s + suppression_base);
            merged.findings.push(f);
        }
        merged.gaps.extend(other.gaps);
        merged.resolved.extend(other.resolved);
        let s = &mut merged.scan;
        let o = other.scan;
        s.started_at = s.started_at.min(o.started_at);
        s.collected_at = s.collected_at.max(o.collected_at);
        s.duration_ms = s.duration_ms.max(o.duration_ms);
        s.sources.extend(o.sources);
        s.accounts.extend(o.accounts);
        s.regions.extend(o.regions);
        s.resource_count += o.resource_count;
        s.api_calls = match (s.api_calls, o.api_calls) {
            (None, None) => None,
            (a, b) => Some(a.unwrap_or(0) + b.unwrap_or(0)),
        };
        s.retries = match (s.retries, o.retries) {
            (None, None) => None,
            (a, b) => Some(a.unwrap_or(0) + b.unwrap_or(0)),
        };
    }
    merged.scan.accounts.sort();
    merged.scan.accounts.dedup();
    merged.scan.regions.sort();
    merged.scan.regions.dedup();
    merged.scan.shard = None;
    // Two shards must not report the same (check, resource); keep the first if they do.
    let mut seen = std::collections::HashSet::new();
    merged.findings.retain(|f| seen.insert((f.check, f.target)));
    merged.sort_canonical();
    Ok(merged)
}
