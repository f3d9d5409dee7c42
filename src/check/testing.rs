//! `stance checks test`: runs the Rego tests beside the checks and lints the checks.
//!
//! Tests are OPA-style `test_*` rules evaluated with the regorus interpreter (which supports
//! `with input as`). Naming carries intent: `test_pass_*` cases show a compliant input,
//! `test_fail_*` a non-compliant one; every check needs at least one of each.

use std::collections::BTreeSet;

use regorus::Value;

use super::engine::engine_with_modules;
use super::lint::{input_paths, path_exists};
use super::{Catalog, CheckError, Scope};

/// The outcome of one Rego test.
#[derive(Debug, Clone, PartialEq)]
pub struct TestOutcome {
    /// Test file.
    pub file: String,
    /// Rule name.
    pub name: String,
    /// `None` when the test passed; otherwise why it failed.
    pub failure: Option<String>,
}

/// A lint finding about a check.
#[derive(Debug, Clone, PartialEq)]
pub struct LintIssue {
    /// File.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

fn test_rules(source: &str) -> Vec<String> {
    let mut names = BTreeSet::new();
    for line in source.lines() {
        let ident: String = line
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        if ident.starts_with("test_") {
            names.insert(ident);
        }
    }
    names.into_iter().collect()
}

/// Runs every test module of the catalog whose path contains `filter` (all when `None`).
pub fn run_tests(catalog: &Catalog, filter: Option<&str>) -> Result<Vec<TestOutcome>, CheckError> {
    let mut engine = engine_with_modules(catalog)?;
    for test in &catalog.tests {
        engine
            .add_policy(test.path.clone(), test.source.to_string())
            .map_err(|e| CheckError::from_regorus(&test.path, &e))?;
    }
    let mut outcomes = Vec::new();
    for test in &catalog.tests {
        if filter.is_some_and(|f| !test.path.contains(f)) {
            continue;
        }
        for name in test_rules(&test.source) {
            let rule = format!("data.{}.{name}", test.package);
            let failure = match engine.eval_rule(rule) {
                Ok(Value::Bool(true)) => None,
                Ok(Value::Undefined) => {
                    Some("undefined (an expression in the test body did not hold)".to_string())
                }
                Ok(other) => Some(format!(
                    "evaluated to {}",
                    other.to_json_str().unwrap_or_default()
                )),
                Err(e) => Some(CheckError::from_regorus(&test.path, &e).to_string()),
            };
            outcomes.push(TestOutcome {
                file: test.path.clone(),
                name,
                failure,
            });
        }
    }
    Ok(outcomes)
}

/// Lints every check: tests beside it with passing and failing cases, and every `input` path
/// it reads present in the model schema of its resource types.
pub fn lint(catalog: &Catalog) -> Vec<LintIssue> {
    let schemas = crate::model::schema::resource_type_schemas();
    let mut issues = Vec::new();
    for check in &catalog.checks {
        let file = &check.file.path;
        let package_line = check
            .file
            .source
            .lines()
            .position(|l| l.starts_with("package "))
            .map(|i| i + 1)
            .unwrap_or(1);
        match catalog.test_of(check) {
            None => issues.push(LintIssue {
                file: file.clone(),
                line: package_line,
                message: format!(
                    "check `{}` has no test file `{}`",
                    check.meta.id,
                    file.trim_end_matches(".rego").to_string() + "_test.rego"
                ),
            }),
            Some(test) => {
                let names = test_rules(&test.source);
                for (prefix, kind) in [("test_pass", "passing"), ("test_fail", "failing")] {
                    if !names.iter().any(|n| n.starts_with(prefix)) {
                        issues.push(LintIssue {
                            file: test.path.clone(),
                            line: 1,
                            message: format!(
                                "check `{}` needs at least one {kind} case (a `{prefix}_*` rule)",
                                check.meta.id
                            ),
                        });
                    }
                }
            }
        }
        for (path, line) in input_paths(&check.file.source) {
            let (types, rest): (Vec<&str>, Vec<String>) = match check.meta.scope {
                Scope::Resource => (
                    check
                        .meta
                        .resource_types
                        .iter()
                        .map(String::as_str)
                        .collect(),
                    path.clone(),
                ),
                Scope::Region | Scope::Account => {
                    let top = path[0].as_str();
                    if matches!(top, "account_id" | "partition" | "region" | "regions") {
                        continue;
                    }
                    if top != "resources" {
                        issues.push(LintIssue {
                            file: file.clone(),
                            line,
                            message: format!(
                                "`input.{}` is not part of a {}-scope input (account_id, partition, region, regions, resources)",
                                path.join("."),
                                check.meta.scope.as_str()
                            ),
                        });
                        continue;
                    }
                    match path.get(1) {
                        None => continue,
                        Some(t) if check.meta.resource_types.iter().any(|x| x == t) => {
                            // resources.<type>.[].<field...>
                            (vec![t.as_str()], path.iter().skip(3).cloned().collect())
                        }
                        Some(t) => {
                            issues.push(LintIssue {
                                file: file.clone(),
                                line,
                                message: format!(
                                    "`input.resources.{t}` is not among the check's resource_types"
                                ),
                            });
                            continue;
                        }
                    }
                }
            };
            if rest.is_empty() || rest[0] == "resource_type" {
                continue;
            }
            let exists = schemas
                .iter()
                .filter(|(name, _, _)| types.contains(name))
                .any(|(_, schema, defs)| path_exists(&rest, schema, defs));
            if !exists {
                issues.push(LintIssue {
                    file: file.clone(),
                    line,
                    message: format!(
                        "`input.{}` does not exist in the model of {}",
                        path.join(".").replace(".[]", "[_]"),
                        types.join(", ")
                    ),
                });
            }
        }
    }
    issues.extend(lint_libraries(catalog, &schemas));
    issues
}

/// Lints what library modules read on behalf of scope checks: a library function takes the
/// check's input as its `doc` parameter (checks/lib/monitoring.rego), so `doc.resources.<type>`
/// paths are held to the model of `<type>` as a check's `input.resources.<type>` paths are.
fn lint_libraries(
    catalog: &Catalog,
    schemas: &[(&'static str, serde_json::Value, serde_json::Value)],
) -> Vec<LintIssue> {
    let mut issues = Vec::new();
    for library in &catalog.libraries {
        for (path, line) in input_paths(&rename_word(&library.source, "doc", "input")) {
            let shown = || path.join(".").replace(".[]", "[_]");
            let (Some("resources"), Some(t)) = (path.first().map(String::as_str), path.get(1))
            else {
                continue;
            };
            let Some((_, schema, defs)) = schemas.iter().find(|(name, _, _)| name == t) else {
                issues.push(LintIssue {
                    file: library.path.clone(),
                    line,
                    message: format!("`doc.resources.{t}`: `{t}` is not a resource type"),
                });
                continue;
            };
            let rest: Vec<String> = path.iter().skip(3).cloned().collect();
            if !rest.is_empty() && rest[0] != "resource_type" && !path_exists(&rest, schema, defs) {
                issues.push(LintIssue {
                    file: library.path.clone(),
                    line,
                    message: format!("`doc.{}` does not exist in the model of {t}", shown()),
                });
            }
        }
    }
    issues
}

/// `text` with every whole-word `word` replaced by `with`.
fn rename_word(text: &str, word: &str, with: &str) -> String {
    let is_ident = |c: char| c.is_ascii_alphanumeric() || c == '_';
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(word) {
        out.push_str(&rest[..at]);
        let before = out.chars().next_back();
        let after = rest[at + word.len()..].chars().next();
        if before.is_some_and(is_ident) || after.is_some_and(is_ident) {
            out.push_str(word);
        } else {
            out.push_str(with);
        }
        rest = &rest[at + word.len()..];
    }
    out.push_str(rest);
    out
}
