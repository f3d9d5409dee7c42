//! Checks: Rego files with OPA METADATA, loaded, validated and compiled once.
//!
//! Every `.rego` file is one of three kinds:
//! - a **check**: carries a `# METADATA` block and defines `compliant` (plus optionally
//!   `message`, `not_applicable` and `evidence`);
//! - a **test**: named `*_test.rego`, defines `test_*` rules;
//! - a **library**: anything else, e.g. `checks/lib/*.rego`, shared helper functions.
//!
//! The built-in checks are embedded in the binary; `--checks-dir` adds a user's own. A bad file
//! stops loading with an error naming the file, line and column.

pub mod engine;
pub mod eval;
pub mod lint;
pub mod metadata;
pub mod select;
pub mod testing;

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use regorus::unstable::{Parser, Rule, RuleHead, Source};

pub use metadata::{CheckMeta, Scope, Severity};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded_checks.rs"));
}

/// The rule a check must define: `true` when the input complies. Anything else is a FAIL,
/// so a misspelled field fails a test instead of passing silently.
pub const RULE_COMPLIANT: &str = "compliant";
/// Optional rule: the failure message (string).
pub const RULE_MESSAGE: &str = "message";
/// Optional rule: a reason (string) when the check does not apply to this input.
pub const RULE_NOT_APPLICABLE: &str = "not_applicable";
/// Optional rule: facts supporting the verdict (any JSON value).
pub const RULE_EVIDENCE: &str = "evidence";

/// A Rego source file.
#[derive(Debug, Clone)]
pub struct RegoFile {
    /// Path as shown to users (`checks/s3/bucket_requires_tls.rego` or the user's path).
    pub path: String,
    /// Contents.
    pub source: Arc<str>,
    /// The package (`stance.s3.bucket_requires_tls`).
    pub package: String,
}

/// A loaded, validated check.
#[derive(Debug, Clone)]
pub struct Check {
    /// Metadata.
    pub meta: CheckMeta,
    /// The check's source file.
    pub file: RegoFile,
    /// The optional rules it defines.
    pub rules: OptionalRules,
    /// Whether it is built in (embedded) or from `--checks-dir`.
    pub builtin: bool,
}

/// Which optional rules a check defines.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct OptionalRules {
    /// Defines `message`.
    pub message: bool,
    /// Defines `not_applicable`.
    pub not_applicable: bool,
    /// Defines `evidence`.
    pub evidence: bool,
}

impl OptionalRules {
    /// How many rules of the check are compiled as entry points: `compliant` and the optional
    /// ones it defines.
    pub fn entry_points(&self) -> usize {
        1 + usize::from(self.message)
            + usize::from(self.not_applicable)
            + usize::from(self.evidence)
    }
}

/// A check-loading error, pointing into a file.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckError {
    /// File path.
    pub file: String,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// 1-based column, when known.
    pub col: Option<usize>,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for CheckError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(col) = self.col {
                write!(f, ":{col}")?;
            }
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for CheckError {}

impl CheckError {
    fn at(file: &str, line: usize, message: impl Into<String>) -> Self {
        Self {
            file: file.to_string(),
            line: Some(line),
            col: None,
            message: message.into(),
        }
    }

    /// Converts a regorus error (multi-line, with a `--> file:line:col` marker and an
    /// `error: ...` line) into one line pointing at the file.
    pub fn from_regorus(fallback_file: &str, err: &anyhow::Error) -> Self {
        let text = format!("{err:#}");
        let mut file = fallback_file.to_string();
        let (mut line, mut col) = (None, None);
        if let Some(marker) = text.lines().find_map(|l| l.trim().strip_prefix("--> ")) {
            let mut parts = marker.rsplitn(3, ':');
            let c = parts.next().and_then(|s| s.trim().parse().ok());
            let l = parts.next().and_then(|s| s.trim().parse().ok());
            if let (Some(l), Some(c), Some(f)) = (l, c, parts.next()) {
                file = f.to_string();
                line = Some(l);
                col = Some(c);
            }
        }
        let message = text
            .lines()
            .find_map(|l| l.trim().strip_prefix("error: "))
            .map(str::to_string)
            .unwrap_or_else(|| {
                text.lines()
                    .map(str::trim)
                    .find(|l| !l.is_empty())
                    .unwrap_or("invalid Rego")
                    .to_string()
            });
        Self {
            file,
            line,
            col,
            message,
        }
    }
}

/// All checks, libraries and tests of a run.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    /// Checks, sorted by id.
    pub checks: Vec<Check>,
    /// Library modules shared by checks.
    pub libraries: Vec<RegoFile>,
    /// Test modules.
    pub tests: Vec<RegoFile>,
}

/// The package name and top-level rule names of a module, from its syntax tree.
fn parse_module(path: &str, text: &str) -> Result<(String, Vec<String>), CheckError> {
    let source = Source::from_contents(path.to_string(), text.to_string())
        .map_err(|e| CheckError::from_regorus(path, &e))?;
    let mut parser = Parser::new(&source).map_err(|e| CheckError::from_regorus(path, &e))?;
    // Checks are Rego v1 (OPA 1.0 syntax), as the engine evaluates them.
    parser
        .enable_rego_v1()
        .map_err(|e| CheckError::from_regorus(path, &e))?;
    let module = parser
        .parse()
        .map_err(|e| CheckError::from_regorus(path, &e))?;
    let package = Parser::get_path_ref_components(&module.package.refr)
        .map_err(|e| CheckError::from_regorus(path, &e))?
        .iter()
        .map(|s| s.text().to_string())
        .collect::<Vec<_>>()
        .join(".");
    let mut rules = Vec::new();
    for rule in &module.policy {
        let refr = match rule.as_ref() {
            Rule::Spec { head, .. } => match head {
                RuleHead::Compr { refr, .. }
                | RuleHead::Set { refr, .. }
                | RuleHead::Func { refr, .. } => refr,
            },
            Rule::Default { refr, .. } => refr,
        };
        if let Ok(parts) = Parser::get_path_ref_components(refr)
            && let Some(first) = parts.first()
        {
            rules.push(first.text().to_string());
        }
    }
    rules.sort();
    rules.dedup();
    Ok((package, rules))
}

fn read_dir_rego(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), CheckError> {
    let entries = std::fs::read_dir(dir).map_err(|e| CheckError {
        file: dir.display().to_string(),
        line: None,
        col: None,
        message: format!("cannot read checks directory: {e}"),
    })?;
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            read_dir_rego(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "rego") {
            out.push(path);
        }
    }
    Ok(())
}

impl Catalog {
    /// Loads the embedded checks (when `builtin`) and every `.rego` file under `dirs`.
    pub fn load(dirs: &[PathBuf], builtin: bool) -> Result<Catalog, CheckError> {
        let mut files: Vec<(String, Arc<str>, bool)> = Vec::new();
        if builtin {
            for (path, text) in embedded::EMBEDDED_CHECKS {
                files.push((path.to_string(), Arc::from(*text), true));
            }
        }
        for dir in dirs {
            let mut paths = Vec::new();
            if dir.is_file() {
                paths.push(dir.clone());
            } else {
                read_dir_rego(dir, &mut paths)?;
            }
            paths.sort();
            for path in paths {
                let shown = path.display().to_string();
                let text = std::fs::read_to_string(&path).map_err(|e| CheckError {
                    file: shown.clone(),
                    line: None,
                    col: None,
                    message: format!("cannot read: {e}"),
                })?;
                files.push((shown, Arc::from(text), false));
            }
        }
        Self::from_sources(files)
    }

    /// Builds a catalog from (path, contents, builtin) triples.
    pub fn from_sources(files: Vec<(String, Arc<str>, bool)>) -> Result<Catalog, CheckError> {
        let mut catalog = Catalog::default();
        for (path, source, builtin) in files {
            if path.ends_with("_test.rego") {
                // Tests are parsed (and their errors reported) only when they run; a scan
                // needs just their package name.
                let package = source
                    .lines()
                    .find_map(|l| l.trim().strip_prefix("package "))
                    .map(|p| p.trim().to_string())
                    .unwrap_or_default();
                catalog.tests.push(RegoFile {
                    path,
                    source,
                    package,
                });
                continue;
            }
            let (package, rules) = parse_module(&path, &source)?;
            let file = RegoFile {
                path: path.clone(),
                source: source.clone(),
                package,
            };
            if !metadata::has_metadata(&source) {
                catalog.libraries.push(file);
                continue;
            }
            let meta =
                metadata::parse(&source).map_err(|e| CheckError::at(&path, e.line, e.message))?;
            if !rules.iter().any(|r| r == RULE_COMPLIANT) {
                let line = source
                    .lines()
                    .position(|l| l.starts_with("package "))
                    .map(|i| i + 1)
                    .unwrap_or(1);
                return Err(CheckError::at(
                    &path,
                    line,
                    format!("check `{}` defines no `{RULE_COMPLIANT}` rule", meta.id),
                ));
            }
            if let Some(other) = catalog.checks.iter().find(|c| c.meta.id == meta.id) {
                let line = source
                    .lines()
                    .position(|l| l.contains("id:"))
                    .map(|i| i + 1)
                    .unwrap_or(1);
                return Err(CheckError::at(
                    &path,
                    line,
                    format!(
                        "duplicate check id `{}` (also defined in {})",
                        meta.id, other.file.path
                    ),
                ));
            }
            if let Some(other) = catalog
                .checks
                .iter()
                .find(|c| c.file.package == file.package)
            {
                return Err(CheckError::at(
                    &path,
                    1,
                    format!(
                        "package `{}` is also used by {}",
                        file.package, other.file.path
                    ),
                ));
            }
            let has = |name: &str| rules.iter().any(|r| r == name);
            let rules = OptionalRules {
                message: has(RULE_MESSAGE),
                not_applicable: has(RULE_NOT_APPLICABLE),
                evidence: has(RULE_EVIDENCE),
            };
            catalog.checks.push(Check {
                meta,
                file,
                rules,
                builtin,
            });
        }
        catalog.checks.sort_by(|a, b| a.meta.id.cmp(&b.meta.id));
        Ok(catalog)
    }

    /// The check with this id.
    pub fn get(&self, id: &str) -> Option<&Check> {
        self.checks.iter().find(|c| c.meta.id == id)
    }

    /// The test module beside a check (`<name>_test.rego` in the same directory).
    pub fn test_of(&self, check: &Check) -> Option<&RegoFile> {
        let expected = check.file.path.trim_end_matches(".rego").to_string() + "_test.rego";
        self.tests.iter().find(|t| t.path == expected)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, text: &str) -> (String, Arc<str>, bool) {
        (path.to_string(), Arc::from(text), false)
    }

    const META: &str = "# METADATA\n# title: T\n# description: D\n# custom:\n#   id: demo_check\n#   severity: low\n#   scope: resource\n#   resource_types: [s3_bucket]\n#   remediation: R\n";

    #[test]
    fn classifies_and_reads_rules() {
        let check = format!(
            "{META}package stance.demo\n\ndefault compliant := false\n\ncompliant if input.x\n\nmessage := \"m\"\n"
        );
        let catalog = Catalog::from_sources(vec![
            file("c/demo.rego", &check),
            file(
                "c/demo_test.rego",
                "package stance.demo_test\n\ntest_pass_x if true\n",
            ),
            file("c/lib.rego", "package stance.lib.util\n\nf(x) := x\n"),
        ])
        .unwrap();
        assert_eq!(catalog.checks.len(), 1);
        assert_eq!(catalog.tests.len(), 1);
        assert_eq!(catalog.libraries.len(), 1);
        let c = &catalog.checks[0];
        assert_eq!(c.file.package, "stance.demo");
        assert!(c.rules.message && !c.rules.evidence);
        assert!(catalog.test_of(c).is_some());
    }

    #[test]
    fn syntax_error_points_at_file_line_col() {
        let bad = format!("{META}package stance.demo\n\ncompliant if {{\n  input.x ==\n}}\n");
        let err = Catalog::from_sources(vec![file("c/bad.rego", &bad)]).unwrap_err();
        assert_eq!(err.file, "c/bad.rego");
        assert_eq!(err.line, Some(14), "{err}");
        assert!(err.col.is_some());
        assert!(!err.to_string().contains('\n'));
    }

    #[test]
    fn missing_compliant_and_duplicates_are_errors() {
        let no_rule = format!("{META}package stance.demo\n\nmessage := \"m\"\n");
        let err = Catalog::from_sources(vec![file("c/a.rego", &no_rule)]).unwrap_err();
        assert!(err.message.contains("no `compliant` rule"), "{err}");

        let ok = format!("{META}package stance.demo\n\ncompliant := true\n");
        let ok2 = ok.replace("stance.demo", "stance.demo2");
        let err =
            Catalog::from_sources(vec![file("c/a.rego", &ok), file("c/b.rego", &ok2)]).unwrap_err();
        assert!(err.message.contains("duplicate check id"), "{err}");
    }
}
