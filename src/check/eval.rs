//! Evaluates the selected checks over an inventory, in parallel, into findings.
//!
//! - Resource-scope checks run once per resource of their types. Each resource is converted
//!   to a regorus value once and shared by all its checks; a rayon worker owns one VM.
//! - Region- and account-scope checks run once per scanned region / account on a slice of the
//!   inventory holding only the resource types they declare.
//! - Coverage gaps turn into NOT_EVALUATED findings for the checks whose data is missing, so a
//!   check never passes on data that was not collected.
//! - Values unknown until deploy (IaC) turn into NOT_APPLICABLE for checks that read them.

use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;
use regorus::Value;

use super::engine::{CompiledChecks, to_value};
use super::lint::input_paths;
use super::{Catalog, Scope};
use crate::finding::{Finding, Status, Target};
use crate::model::{AccountInventory, GLOBAL_REGION, Gap, Inventory, Resource};

/// Targets and findings of an evaluation.
#[derive(Debug, Default)]
pub struct Evaluation {
    /// Targets judged: every resource in inventory order, then scope targets.
    pub targets: Vec<Target>,
    /// Findings, in a deterministic order.
    pub findings: Vec<Finding>,
}

/// A check selected for the run.
struct Selected<'a> {
    /// Position in the result's check list.
    position: u32,
    /// Index in the catalog (and the compiled program).
    index: usize,
    check: &'a super::Check,
    /// Top-level input fields the check reads, for unknown-value detection.
    reads: Vec<String>,
}

/// Whether an account holds deployed resources (a real account id) rather than IaC.
fn is_deployed(account: &AccountInventory) -> bool {
    account.account_id.len() == 12 && account.account_id.bytes().all(|b| b.is_ascii_digit())
}

/// Evaluates the checks at `selection` (catalog indices, in output order) over the inventory.
pub fn evaluate(
    inventory: &Inventory,
    catalog: &Catalog,
    compiled: &CompiledChecks,
    selection: &[usize],
) -> Evaluation {
    let selected: Vec<Selected> = selection
        .iter()
        .enumerate()
        .map(|(position, &index)| {
            let check = &catalog.checks[index];
            let reads = input_paths(&check.file.source)
                .into_iter()
                .map(|(p, _)| p.join("."))
                .collect();
            Selected {
                position: position as u32,
                index,
                check,
                reads,
            }
        })
        .collect();

    let mut by_type: HashMap<&str, Vec<&Selected>> = HashMap::new();
    for s in selected
        .iter()
        .filter(|s| s.check.meta.scope == Scope::Resource)
    {
        for t in &s.check.meta.resource_types {
            by_type.entry(t.as_str()).or_default().push(s);
        }
    }

    let resources: Vec<&Resource> = inventory.resources().collect();
    let mut targets: Vec<Target> = resources
        .iter()
        .map(|r| Target::from_meta(r.type_name(), r.meta()))
        .collect();

    // Gaps about one resource blank that resource only when they concern its type (a gap
    // about a detail, like Security Hub standards, marks the field unknown instead).
    let resource_gaps: HashMap<(&str, &str), &Gap> = inventory
        .gaps
        .iter()
        .filter(|g| {
            g.resource_types.is_empty()
                || g.resource_types
                    .iter()
                    .any(|t| crate::model::resource_type(t).is_some())
        })
        .filter_map(|g| {
            g.resource_id
                .as_deref()
                .map(|id| ((g.account_id.as_str(), id), g))
        })
        .collect();

    let mut findings: Vec<Finding> = resources
        .par_iter()
        .enumerate()
        .map_init(
            || compiled.new_vms(),
            |vms, (target, resource)| {
                let Some(checks) = by_type.get(resource.type_name()) else {
                    return Vec::new();
                };
                let meta = resource.meta();
                let target = target as u32;
                if let Some(gap) = resource_gaps.get(&(meta.account_id.as_str(), meta.id.as_str()))
                {
                    return checks
                        .iter()
                        .map(|s| not_evaluated(s.position, target, gap))
                        .collect();
                }
                let input = match to_value(resource) {
                    Ok(v) => v,
                    Err(e) => {
                        return checks
                            .iter()
                            .map(|s| {
                                Finding::new(
                                    s.position,
                                    target,
                                    Status::Error,
                                    Some(format!("cannot convert resource: {e}")),
                                )
                            })
                            .collect();
                    }
                };
                vms.set_input(input);
                checks
                    .iter()
                    .map(|s| {
                        if let Some(field) = unknown_read(&meta.unknown, &s.reads) {
                            // IaC leaves values unknown until deploy; a live collector marks
                            // what it could not read (and records the gap).
                            let (status, message) = if matches!(meta.source, crate::model::Source::Iac { .. }) {
                                (Status::NotApplicable, format!("unresolved at plan time: `{field}` is not known until deploy"))
                            } else {
                                (Status::NotEvaluated, format!("not evaluated: `{field}` could not be collected (see the coverage gaps)"))
                            };
                            return Finding::new(s.position, target, status, Some(message));
                        }
                        let outcome = compiled.evaluate(vms, s.index, &s.check.meta.title);
                        let mut finding =
                            Finding::new(s.position, target, outcome.status, outcome.message);
                        finding.evidence = outcome.evidence.map(Box::new);
                        if finding.status == Status::Fail && !meta.lines.is_empty() {
                            finding.line = property_line(&meta.lines, &s.reads);
                        }
                        finding
                    })
                    .collect()
            },
        )
        .flatten()
        .collect();

    // Listings that failed: the resources are missing, so say so once per check and place.
    let mut scope_targets: BTreeMap<(String, Option<String>), u32> = BTreeMap::new();
    let mut scope_target =
        |targets: &mut Vec<Target>, account: &str, partition: &str, region: Option<&str>| {
            let key = (account.to_string(), region.map(str::to_string));
            *scope_targets.entry(key).or_insert_with(|| {
                targets.push(Target::scope(account, partition, region));
                (targets.len() - 1) as u32
            })
        };
    let partition_of = |account: &str| {
        inventory
            .accounts
            .iter()
            .find(|a| a.account_id == account)
            .map(|a| a.partition.clone())
            .unwrap_or_else(|| "aws".to_string())
    };
    for gap in inventory.gaps.iter().filter(|g| g.resource_id.is_none()) {
        for s in selected
            .iter()
            .filter(|s| s.check.meta.scope == Scope::Resource)
        {
            let affected = s
                .check
                .meta
                .resource_types
                .iter()
                .any(|t| gap.affects(&gap.account_id, &gap.region, t));
            if affected {
                let partition = partition_of(&gap.account_id);
                let t = scope_target(&mut targets, &gap.account_id, &partition, Some(&gap.region));
                let duplicate = findings
                    .iter()
                    .rev()
                    .take_while(|f| f.status == Status::NotEvaluated)
                    .any(|f| f.check == s.position && f.target == t);
                if !duplicate {
                    findings.push(not_evaluated(s.position, t, gap));
                }
            }
        }
    }

    // Region and account scopes: one unit per account (and per scanned region), holding every
    // check of that scope, so each unit's input slice is built and converted once.
    let account_checks: Vec<&Selected> = selected
        .iter()
        .filter(|s| s.check.meta.scope == Scope::Account)
        .collect();
    let region_checks: Vec<&Selected> = selected
        .iter()
        .filter(|s| s.check.meta.scope == Scope::Region)
        .collect();
    let union_types = |checks: &[&Selected]| -> Vec<String> {
        let mut types: Vec<String> = checks
            .iter()
            .flat_map(|s| s.check.meta.resource_types.iter().cloned())
            .collect();
        types.sort();
        types.dedup();
        types
    };
    let (account_types, region_types) = (union_types(&account_checks), union_types(&region_checks));
    let mut gaps_by_account: HashMap<&str, Vec<&Gap>> = HashMap::new();
    for g in &inventory.gaps {
        gaps_by_account
            .entry(g.account_id.as_str())
            .or_default()
            .push(g);
    }
    let mut units: Vec<(&AccountInventory, Option<&str>, u32)> = Vec::new();
    for account in inventory.accounts.iter().filter(|a| is_deployed(a)) {
        if !account_checks.is_empty() {
            let t = scope_target(&mut targets, &account.account_id, &account.partition, None);
            units.push((account, None, t));
        }
        if !region_checks.is_empty() {
            for region in account.regional() {
                let t = scope_target(
                    &mut targets,
                    &account.account_id,
                    &account.partition,
                    Some(&region.region),
                );
                units.push((account, Some(region.region.as_str()), t));
            }
        }
    }
    let scoped: Vec<Finding> = units
        .par_iter()
        .map_init(
            || compiled.new_vms(),
            |vms, (account, region, target)| {
                let (checks, types) = match region {
                    Some(_) => (&region_checks, &region_types),
                    None => (&account_checks, &account_types),
                };
                let gaps = gaps_by_account
                    .get(account.account_id.as_str())
                    .map(Vec::as_slice)
                    .unwrap_or(&[]);
                let mut input_set = false;
                checks
                    .iter()
                    .map(|s| {
                        let needed = &s.check.meta.resource_types;
                        let gap = gaps.iter().find(|g| {
                            needed.iter().any(|t| match region {
                                Some(r) => {
                                    g.affects(&account.account_id, r, t)
                                        || g.affects(&account.account_id, GLOBAL_REGION, t)
                                }
                                None => g.affects(&account.account_id, &g.region, t),
                            })
                        });
                        if let Some(gap) = gap {
                            return not_evaluated(s.position, *target, gap);
                        }
                        if !input_set {
                            vms.set_input(scope_input(account, *region, types));
                            input_set = true;
                        }
                        let outcome = compiled.evaluate(vms, s.index, &s.check.meta.title);
                        let mut finding =
                            Finding::new(s.position, *target, outcome.status, outcome.message);
                        finding.evidence = outcome.evidence.map(Box::new);
                        finding
                    })
                    .collect::<Vec<_>>()
            },
        )
        .flatten()
        .collect();
    findings.extend(scoped);

    Evaluation { targets, findings }
}

fn not_evaluated(check: u32, target: u32, gap: &Gap) -> Finding {
    Finding::new(
        check,
        target,
        Status::NotEvaluated,
        Some(format!("not evaluated: {}", gap.describe())),
    )
}

/// The line of the first property a failing check reads that the IaC adapter located, so the
/// finding points at the offending property rather than the resource header.
fn property_line(lines: &std::collections::BTreeMap<String, u32>, reads: &[String]) -> Option<u32> {
    reads.iter().find_map(|read| {
        let path = read.replace(".[]", "");
        // The most specific located prefix of the path: `versioning.status` → `versioning`.
        let mut candidate = path.as_str();
        loop {
            if let Some(line) = lines.get(candidate) {
                return Some(*line);
            }
            candidate = candidate.rsplit_once('.')?.0;
        }
    })
}

/// The first unknown field a check reads, if any.
fn unknown_read<'a>(unknown: &'a [String], reads: &[String]) -> Option<&'a str> {
    unknown
        .iter()
        .find(|field| {
            reads.iter().any(|read| {
                let read = read.replace(".[]", "");
                read == **field
                    || read.starts_with(&format!("{field}."))
                    || field.starts_with(&format!("{read}."))
            })
        })
        .map(String::as_str)
}

/// The input of a region- or account-scope evaluation.
fn scope_input(account: &AccountInventory, region: Option<&str>, types: &[String]) -> Value {
    let mut resources = serde_json::Map::new();
    for t in types {
        resources.insert(t.clone(), serde_json::Value::Array(Vec::new()));
    }
    let in_scope = |r: &str| match region {
        Some(wanted) => r == wanted || r == GLOBAL_REGION,
        None => true,
    };
    for reg in account.regions.iter().filter(|r| in_scope(&r.region)) {
        for resource in &reg.resources {
            if let Some(serde_json::Value::Array(list)) = resources.get_mut(resource.type_name())
                && let Ok(v) = serde_json::to_value(resource)
            {
                list.push(v);
            }
        }
    }
    let regions: Vec<serde_json::Value> = account
        .regional()
        .map(|r| serde_json::Value::String(r.region.clone()))
        .collect();
    let mut input = serde_json::Map::new();
    input.insert("account_id".into(), account.account_id.clone().into());
    input.insert("partition".into(), account.partition.clone().into());
    if let Some(r) = region {
        input.insert("region".into(), r.into());
    }
    input.insert("regions".into(), serde_json::Value::Array(regions));
    input.insert("resources".into(), serde_json::Value::Object(resources));
    Value::from(serde_json::Value::Object(input))
}
