//! Compiles the checks into regorus RVM programs and evaluates them.
//!
//! The check and library modules are compiled into small programs, one per resource type (see
//! [`program_groups`]), each with up to four entry points per check (`compliant`, and the
//! optional `message`, `not_applicable`, `evidence`). Each rayon worker owns one VM per
//! program it has used; an input is converted to a regorus value once and every applicable
//! check runs against it.

use std::sync::Arc;

use regorus::languages::rego::compiler::Compiler;
use regorus::rvm::program::Program;
use regorus::rvm::vm::RegoVM;
use regorus::{Engine, Rc, Value};

use super::{
    Catalog, CheckError, RULE_COMPLIANT, RULE_EVIDENCE, RULE_MESSAGE, RULE_NOT_APPLICABLE,
};
use crate::finding::Status;

/// Instruction budget of one evaluation: generous for account-wide checks, but a bound on a
/// pathological policy.
const MAX_INSTRUCTIONS: usize = 50_000_000;

/// Most entry points one RVM program holds: each takes a result register in the program's
/// 255-register root window, so large catalogues are split over several programs.
const MAX_ENTRY_POINTS: usize = 120;

/// Where one check's rules live in the compiled programs.
#[derive(Debug, Clone, Copy)]
struct Entries {
    program: usize,
    compliant: usize,
    message: Option<usize>,
    not_applicable: Option<usize>,
    evidence: Option<usize>,
}

/// One VM per compiled program, for one worker thread, sharing the current input. A program's
/// VM is made the first time the thread evaluates one of its checks.
pub struct Vms {
    vms: Vec<Option<RegoVM>>,
    input: Value,
    stale: Vec<bool>,
}

impl Vms {
    /// Sets the input every following evaluation sees.
    pub fn set_input(&mut self, input: Value) {
        self.input = input;
        self.stale.iter_mut().for_each(|s| *s = true);
    }

    /// The VM of program number `index`, `program`, loaded on first use.
    fn vm(&mut self, index: usize, program: &Arc<Program>) -> &mut RegoVM {
        let vm = self.vms[index].get_or_insert_with(|| {
            let mut vm = RegoVM::new();
            vm.load_program(program.clone());
            vm.set_max_instructions(MAX_INSTRUCTIONS);
            vm
        });
        if self.stale[index] {
            vm.set_input(self.input.clone());
            self.stale[index] = false;
        }
        vm
    }
}

/// The outcome of one evaluation.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// Status.
    pub status: Status,
    /// Message for FAIL / NOT_APPLICABLE / ERROR.
    pub message: Option<String>,
    /// Evidence reported by the check on FAIL.
    pub evidence: Option<serde_json::Value>,
}

/// The compiled checks of a catalog: every check, or the ones a scan selected.
#[derive(Clone)]
pub struct CompiledChecks {
    programs: Vec<Arc<Program>>,
    /// By catalog index; `None` for a check that was not selected.
    entries: Vec<Option<Entries>>,
}

impl std::fmt::Debug for CompiledChecks {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CompiledChecks")
            .field("checks", &self.entries.iter().flatten().count())
            .field("programs", &self.programs.len())
            .finish()
    }
}

/// A Rego engine holding every library and check module of the catalog (not the tests).
pub fn engine_with_modules(catalog: &Catalog) -> Result<Engine, CheckError> {
    engine_with_checks(catalog, &every_check(catalog))
}

/// The catalog index of every check.
fn every_check(catalog: &Catalog) -> Vec<usize> {
    (0..catalog.checks.len()).collect()
}

/// A Rego engine holding every library module and the check modules at `checks`.
fn engine_with_checks(catalog: &Catalog, checks: &[usize]) -> Result<Engine, CheckError> {
    let mut engine = Engine::new();
    for file in catalog
        .libraries
        .iter()
        .chain(checks.iter().map(|&i| &catalog.checks[i].file))
    {
        engine
            .add_policy(file.path.clone(), file.source.to_string())
            .map_err(|e| CheckError::from_regorus(&file.path, &e))?;
    }
    Ok(engine)
}

/// Splits the checks into programs: one per resource type (the type a resource-scope check
/// lists first), one for the region- and account-scope checks, each cut at
/// [`MAX_ENTRY_POINTS`]. A check's rules stay in one program.
///
/// Small programs make each evaluation cheaper: every entry into a program resets a rule cache
/// and a register window sized by the whole program, so a resource should only ever enter a
/// program holding the checks of its own type.
fn program_groups(catalog: &Catalog, checks: &[usize]) -> Vec<Vec<usize>> {
    let mut by_key: std::collections::BTreeMap<&str, Vec<usize>> = Default::default();
    for &index in checks {
        let check = &catalog.checks[index];
        let key = match (check.meta.scope, check.meta.resource_types.first()) {
            (super::Scope::Resource, Some(t)) => t.as_str(),
            _ => "",
        };
        by_key.entry(key).or_default().push(index);
    }
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for members in by_key.into_values() {
        let mut in_group = MAX_ENTRY_POINTS;
        for index in members {
            let entries = catalog.checks[index].rules.entry_points();
            if in_group + entries > MAX_ENTRY_POINTS {
                groups.push(Vec::new());
                in_group = 0;
            }
            if let Some(group) = groups.last_mut() {
                group.push(index);
            }
            in_group += entries;
        }
    }
    groups
}

fn rule(check: &super::Check, name: &str) -> String {
    format!("data.{}.{name}", check.file.package)
}

impl CompiledChecks {
    /// Compiles every check of the catalog. Unknown functions and other compile-time errors
    /// are reported with file, line and column.
    pub fn compile(catalog: &Catalog) -> Result<CompiledChecks, CheckError> {
        Self::compile_selected(catalog, &every_check(catalog))
    }

    /// Compiles the checks at `selection` (catalog indices) and the libraries. A scan compiles
    /// only what it runs: the parsed modules and programs of unselected checks would cost
    /// memory and start-up time for nothing (`stance checks lint` and `test` cover them all).
    pub fn compile_selected(
        catalog: &Catalog,
        selection: &[usize],
    ) -> Result<CompiledChecks, CheckError> {
        let mut engine = engine_with_checks(catalog, selection)?;
        let Some(first) = selection.first().map(|&i| &catalog.checks[i]) else {
            return Ok(CompiledChecks {
                programs: Vec::new(),
                entries: vec![None; catalog.checks.len()],
            });
        };
        let compiled = engine
            .compile_with_entrypoint(&Rc::from(rule(first, RULE_COMPLIANT).as_str()))
            .map_err(|e| CheckError::from_regorus(&first.file.path, &e))?;
        let groups = program_groups(catalog, selection);
        let mut programs = Vec::with_capacity(groups.len());
        let mut entries = vec![None; catalog.checks.len()];
        for (program_index, group) in groups.iter().enumerate() {
            let mut names: Vec<String> = Vec::new();
            for &i in group {
                let check = &catalog.checks[i];
                names.push(rule(check, RULE_COMPLIANT));
                for (present, name) in [
                    (check.rules.message, RULE_MESSAGE),
                    (check.rules.not_applicable, RULE_NOT_APPLICABLE),
                    (check.rules.evidence, RULE_EVIDENCE),
                ] {
                    if present {
                        names.push(rule(check, name));
                    }
                }
            }
            let refs: Vec<&str> = names.iter().map(String::as_str).collect();
            let mut program = Compiler::compile_from_policy(&compiled, &refs).map_err(|e| {
                let err = anyhow::Error::from(e);
                let file = group
                    .first()
                    .map(|&i| catalog.checks[i].file.path.as_str())
                    .unwrap_or("");
                CheckError::from_regorus(file, &err)
            })?;
            let index = |name: String| program.entry_points.get_index_of(&name);
            for &i in group {
                let check = &catalog.checks[i];
                let compliant = index(rule(check, RULE_COMPLIANT)).ok_or_else(|| CheckError {
                    file: check.file.path.clone(),
                    line: None,
                    col: None,
                    message: format!("rule `{RULE_COMPLIANT}` was not compiled"),
                })?;
                entries[i] = Some(Entries {
                    program: program_index,
                    compliant,
                    message: index(rule(check, RULE_MESSAGE)),
                    not_applicable: index(rule(check, RULE_NOT_APPLICABLE)),
                    evidence: index(rule(check, RULE_EVIDENCE)),
                });
            }
            // Every program carries a copy of every module's source text, for listings and
            // serialization only: the VM never reads it. The 46 programs of the whole catalogue
            // held 46 copies of its 277 KB of Rego.
            if let Some(program) = Arc::get_mut(&mut program) {
                program.sources = Vec::new();
            }
            programs.push(program);
        }
        Ok(CompiledChecks { programs, entries })
    }

    /// One VM per program, for one worker thread.
    pub fn new_vms(&self) -> Vms {
        Vms {
            vms: self.programs.iter().map(|_| None).collect(),
            stale: vec![true; self.programs.len()],
            input: Value::Undefined,
        }
    }

    /// Evaluates check `index` on the input set in `vms`; `title` is the fallback failure
    /// message.
    pub fn evaluate(&self, vms: &mut Vms, index: usize, title: &str) -> Outcome {
        let Some(entries) = self.entries.get(index).copied().flatten() else {
            return error_outcome(RULE_COMPLIANT, &"the check was not compiled for this run");
        };
        let vm = vms.vm(entries.program, &self.programs[entries.program]);
        if let Some(na) = entries.not_applicable {
            match vm.execute_entry_point_by_index(na) {
                Ok(Value::Undefined) | Ok(Value::Bool(false)) => {}
                Ok(reason) => {
                    return Outcome {
                        status: Status::NotApplicable,
                        message: Some(value_text(&reason)),
                        evidence: None,
                    };
                }
                Err(e) => return error_outcome(RULE_NOT_APPLICABLE, &e),
            }
        }
        match vm.execute_entry_point_by_index(entries.compliant) {
            Ok(Value::Bool(true)) => Outcome {
                status: Status::Pass,
                message: None,
                evidence: None,
            },
            Ok(_) => {
                let message = match entries.message.map(|m| vm.execute_entry_point_by_index(m)) {
                    Some(Ok(Value::Undefined)) | None => title.to_string(),
                    Some(Ok(v)) => value_text(&v),
                    Some(Err(e)) => return error_outcome(RULE_MESSAGE, &e),
                };
                let evidence = match entries.evidence.map(|m| vm.execute_entry_point_by_index(m)) {
                    Some(Ok(Value::Undefined)) | None => None,
                    Some(Ok(v)) => serde_json::to_value(&v).ok(),
                    Some(Err(e)) => return error_outcome(RULE_EVIDENCE, &e),
                };
                Outcome {
                    status: Status::Fail,
                    message: Some(message),
                    evidence,
                }
            }
            Err(e) => error_outcome(RULE_COMPLIANT, &e),
        }
    }
}

fn error_outcome(rule: &str, err: &dyn std::fmt::Display) -> Outcome {
    let text = err.to_string();
    let first = text
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("error");
    Outcome {
        status: Status::Error,
        message: Some(format!("evaluating `{rule}` failed: {}", first.trim())),
        evidence: None,
    }
}

/// A string value as its text; anything else as JSON.
fn value_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.to_string(),
        Value::Bool(true) => "not applicable".to_string(),
        other => other.to_json_str().unwrap_or_default(),
    }
}

/// Converts a serializable value to a regorus value.
///
/// Goes through JSON text in a reused per-thread buffer: one flat write and one parse straight
/// into the regorus value, instead of building an intermediate `serde_json::Value` tree.
pub fn to_value<T: serde::Serialize>(value: &T) -> Result<Value, String> {
    thread_local! {
        static BUFFER: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    BUFFER.with(|cell| {
        let mut buffer = cell.borrow_mut();
        buffer.clear();
        serde_json::to_writer(&mut *buffer, value).map_err(|e| e.to_string())?;
        serde_json::from_slice::<Value>(&buffer).map_err(|e| e.to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::Scope;

    /// Every built-in check lands in exactly one program; a program holds the resource-scope
    /// checks of one resource type or only region- and account-scope checks, within the
    /// entry-point bound.
    #[test]
    fn programs_hold_the_checks_of_one_resource_type() {
        let catalog = Catalog::load(&[], true).unwrap();
        let groups = program_groups(&catalog, &every_check(&catalog));
        let mut seen: Vec<usize> = groups.iter().flatten().copied().collect();
        seen.sort_unstable();
        assert_eq!(seen, (0..catalog.checks.len()).collect::<Vec<_>>());
        let key = |i: usize| {
            let meta = &catalog.checks[i].meta;
            match meta.scope {
                Scope::Resource => meta.resource_types[0].clone(),
                _ => String::new(),
            }
        };
        for group in &groups {
            assert!(!group.is_empty());
            assert!(group.iter().all(|&i| key(i) == key(group[0])), "{group:?}");
            let entries: usize = group
                .iter()
                .map(|&i| catalog.checks[i].rules.entry_points())
                .sum();
            assert!(entries <= MAX_ENTRY_POINTS);
        }
        // One program per type rather than a few large ones.
        assert!(groups.len() > 20, "{} programs", groups.len());
    }

    /// A scan compiles only its selection: the other checks have no entries, evaluating one is
    /// an ERROR rather than a panic, and no program keeps a copy of the module sources.
    #[test]
    fn compiles_only_the_selected_checks_without_source_copies() {
        let catalog = Catalog::load(&[], true).unwrap();
        let position = |id: &str| catalog.checks.iter().position(|c| c.meta.id == id).unwrap();
        let selected = [
            position("s3_bucket_acls_disabled"),
            position("iam_password_policy_min_length"),
        ];
        let compiled = CompiledChecks::compile_selected(&catalog, &selected).unwrap();
        assert_eq!(compiled.entries.iter().flatten().count(), 2);
        assert_eq!(compiled.programs.len(), 2, "one program per resource type");
        assert!(compiled.programs.iter().all(|p| p.sources.is_empty()));

        let mut vms = compiled.new_vms();
        vms.set_input(
            to_value(&serde_json::json!({"object_ownership": "BucketOwnerEnforced"})).unwrap(),
        );
        let outcome = compiled.evaluate(&mut vms, selected[0], "title");
        assert_eq!(outcome.status, Status::Pass, "{outcome:?}");
        let unselected = position("ec2_ebs_encryption_by_default");
        let outcome = compiled.evaluate(&mut vms, unselected, "title");
        assert_eq!(outcome.status, Status::Error);
        assert!(outcome.message.unwrap().contains("not compiled"));

        let all = CompiledChecks::compile(&catalog).unwrap();
        assert_eq!(all.entries.iter().flatten().count(), catalog.checks.len());
    }
}
