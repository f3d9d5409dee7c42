//! The configuration file, `stance.toml`: targets, checks, outputs and the failure policy a
//! team shares in its repository. Command-line flags override it. Unknown keys are errors (a
//! typo must not silently change what is scanned); relative paths are relative to the file.
//!
//! ```toml
//! [scan]
//! frameworks = ["cis-aws-v5.0.0"]
//! fail_on = "new"
//! min_severity = "high"
//! baseline = "security/baseline.json"
//! outputs = ["sarif=stance.sarif", "html=stance.html"]
//! iac = ["infra/"]
//!
//! [aws]
//! org = true
//! role_name = "SecurityAudit"
//! regions = ["eu-west-1", "eu-central-1"]
//! # or read an AWS Config aggregator instead of every account's APIs:
//! # config_aggregator = "org-aggregator"
//! # config_aggregator_region = "eu-west-1"
//!
//! [[suppressions]]
//! check = "s3_bucket_public_access_block"
//! resource = "arn:aws:s3:::public-website-*"
//! reason = "Static website assets"
//! owner = "web-team@example.com"
//! ```

use std::path::{Path, PathBuf};

use schemars::JsonSchema;
use serde::Deserialize;

use crate::cli::{AwsArgs, CheckSelection, FailOn, ReportArgs, SeverityArg, SourceArgs};
use crate::error::StanceError;
use crate::report::OutputSpec;
use crate::suppress::RawSuppression;

/// The default config file name, looked up in the working directory.
pub const DEFAULT_FILE: &str = "stance.toml";

/// The whole file.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// What to scan and report.
    #[serde(default)]
    pub scan: ScanConfig,
    /// Live AWS targets.
    #[serde(default)]
    pub aws: AwsConfig,
    /// Accepted findings (same fields as a suppressions file entry).
    #[serde(default)]
    pub suppressions: Vec<RawSuppression>,
}

/// `[scan]`.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScanConfig {
    /// Inventory snapshot files to scan instead of live AWS.
    #[serde(default)]
    pub inventory: Vec<PathBuf>,
    /// Infrastructure-as-code files or directories to scan.
    #[serde(default)]
    pub iac: Vec<PathBuf>,
    /// Extra check directories.
    #[serde(default)]
    pub checks_dirs: Vec<PathBuf>,
    /// Run only these checks / frameworks / controls.
    #[serde(default)]
    pub select: Vec<String>,
    /// Skip these checks / frameworks / controls.
    #[serde(default)]
    pub ignore: Vec<String>,
    /// Restrict to these frameworks.
    #[serde(default)]
    pub frameworks: Vec<String>,
    /// `any`, `new` or `never`.
    #[serde(default)]
    pub fail_on: Option<FailOn>,
    /// `informational`, `low`, `medium`, `high` or `critical`.
    #[serde(default)]
    pub min_severity: Option<SeverityArg>,
    /// Exit 3 on coverage gaps.
    #[serde(default)]
    pub strict: Option<bool>,
    /// A previous JSON result to compare with.
    #[serde(default)]
    pub baseline: Option<PathBuf>,
    /// A suppressions file.
    #[serde(default)]
    pub suppressions: Option<PathBuf>,
    /// Outputs, `FORMAT=PATH`.
    #[serde(default)]
    pub outputs: Vec<OutputSpec>,
    /// Repository file SARIF anchors live findings to (default: this config file).
    #[serde(default)]
    pub sarif_anchor: Option<String>,
    /// SARIF automation category.
    #[serde(default)]
    pub sarif_category: Option<String>,
}

/// `[aws]`.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AwsConfig {
    /// Named profile.
    #[serde(default)]
    pub profile: Option<String>,
    /// Custom endpoint.
    #[serde(default)]
    pub endpoint_url: Option<String>,
    /// Accounts to scan.
    #[serde(default)]
    pub accounts: Vec<String>,
    /// Discover accounts through AWS Organizations.
    #[serde(default)]
    pub org: Option<bool>,
    /// Role assumed in each account.
    #[serde(default)]
    pub role_name: Option<String>,
    /// External id of the role.
    #[serde(default)]
    pub external_id: Option<String>,
    /// Regions.
    #[serde(default)]
    pub regions: Vec<String>,
    /// Concurrent units.
    #[serde(default)]
    pub concurrency: Option<usize>,
    /// Attempts per call.
    #[serde(default)]
    pub max_attempts: Option<u32>,
    /// Seconds per call attempt.
    #[serde(default)]
    pub call_timeout: Option<u64>,
    /// Read the inventory from this AWS Config aggregator instead of the live APIs (the
    /// equivalent of `--source config-aggregator NAME`).
    #[serde(default)]
    pub config_aggregator: Option<String>,
    /// Region of the AWS Config aggregator.
    #[serde(default)]
    pub config_aggregator_region: Option<String>,
}

/// A loaded config and where it came from.
#[derive(Debug, Clone)]
pub struct LoadedConfig {
    /// The contents.
    pub config: Config,
    /// The file.
    pub path: PathBuf,
}

impl LoadedConfig {
    /// Resolves a path from the file relative to the file's directory.
    pub fn resolve(&self, p: &Path) -> PathBuf {
        if p.is_absolute() {
            return p.to_path_buf();
        }
        match self.path.parent().filter(|d| !d.as_os_str().is_empty()) {
            Some(dir) => dir.join(p),
            None => p.to_path_buf(),
        }
    }
}

/// Parses config text; `name` names the file in errors (`stance.toml:3:1: unknown field ...`).
pub fn parse(name: &str, text: &str) -> Result<Config, StanceError> {
    toml::from_str::<Config>(text).map_err(|e| {
        let location = e
            .span()
            .map(|span| {
                let before = &text[..span.start.min(text.len())];
                let line = before.matches('\n').count() + 1;
                let col = before
                    .rsplit('\n')
                    .next()
                    .map(|l| l.chars().count())
                    .unwrap_or(0)
                    + 1;
                format!("{line}:{col}: ")
            })
            .unwrap_or_default();
        // Errors without a position (a recursion limit) still read `name: message`.
        let location = if location.is_empty() {
            " ".to_string()
        } else {
            location
        };
        StanceError::input(format!("{name}:{location}{}", e.message()))
    })
}

/// The largest configuration file read. A real one is a few kilobytes; the TOML parser's tree
/// takes about 70 times the size of the text, so the input limit of snapshots would let a
/// malformed or hostile `stance.toml` (a pull request can change it) take gigabytes.
pub const MAX_CONFIG_BYTES: u64 = 1 << 20;

/// Loads `explicit`, or `stance.toml` in the working directory when it exists.
pub fn load(explicit: Option<&Path>) -> Result<Option<LoadedConfig>, StanceError> {
    let path = match explicit {
        Some(p) => p.to_path_buf(),
        None => {
            let default = PathBuf::from(DEFAULT_FILE);
            if !default.is_file() {
                return Ok(None);
            }
            default
        }
    };
    let text = crate::source::snapshot::read_input_within(
        &path,
        MAX_CONFIG_BYTES,
        "limit of a configuration file",
    )?;
    let config = parse(&path.display().to_string(), &text)?;
    Ok(Some(LoadedConfig { config, path }))
}

/// The JSON Schema of the config file.
pub fn schema() -> String {
    let generator = schemars::generate::SchemaSettings::draft2020_12().into_generator();
    let schema = generator.into_root_schema_for::<Config>();
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

impl LoadedConfig {
    /// Fills check selection flags the command line left empty.
    pub fn apply_selection(&self, sel: &mut CheckSelection) {
        let c = &self.config.scan;
        if sel.checks_dirs.is_empty() {
            sel.checks_dirs = c.checks_dirs.iter().map(|p| self.resolve(p)).collect();
        }
        if sel.select.is_empty() {
            sel.select = c.select.clone();
        }
        if sel.ignore.is_empty() {
            sel.ignore = c.ignore.clone();
        }
        if sel.framework.is_empty() {
            sel.framework = c.frameworks.clone();
        }
    }

    /// Fills report flags the command line left unset.
    pub fn apply_report(&self, r: &mut ReportArgs) {
        let c = &self.config.scan;
        if r.outputs.is_empty() {
            for spec in &c.outputs {
                let mut spec = spec.clone();
                if spec.path.as_os_str() != "-" {
                    spec.path = self.resolve(&spec.path);
                }
                r.outputs.push(spec);
            }
        }
        if r.baseline.is_none() {
            r.baseline = c.baseline.as_ref().map(|p| self.resolve(p));
        }
        if r.suppressions.is_none() {
            r.suppressions = c.suppressions.as_ref().map(|p| self.resolve(p));
        }
        r.fail_on = r.fail_on.or(c.fail_on);
        r.min_severity = r.min_severity.or(c.min_severity);
        r.strict = !r.no_strict && (r.strict || c.strict.unwrap_or(false));
        if r.sarif_anchor.is_none() {
            r.sarif_anchor = Some(
                c.sarif_anchor
                    .clone()
                    .unwrap_or_else(|| self.path.display().to_string()),
            );
        }
        if r.sarif_category.is_none() {
            r.sarif_category = c.sarif_category.clone();
        }
        for (i, s) in self.config.suppressions.iter().enumerate() {
            r.config_suppressions.push((
                s.clone(),
                format!("{}:[[suppressions]] #{}", self.path.display(), i + 1),
            ));
        }
    }

    /// Fills the connection flags of an export-only command (`stance merge`) the command line
    /// left unset.
    pub fn apply_connection(&self, a: &mut crate::cli::AwsConnectionArgs) {
        let c = &self.config.aws;
        if a.profile.is_none() {
            a.profile = c.profile.clone();
        }
        if a.endpoint_url.is_none() {
            a.endpoint_url = c.endpoint_url.clone();
        }
        if a.role_name.is_none() {
            a.role_name = c.role_name.clone();
        }
        if a.external_id.is_none() {
            a.external_id = c.external_id.clone();
        }
    }

    /// Fills the aggregator source from the file when the command line names no source
    /// (`named_sources`): a command-line source replaces the file's.
    pub fn apply_source(&self, s: &mut SourceArgs, named_sources: bool) {
        let c = &self.config.aws;
        if s.source.is_empty()
            && !named_sources
            && let Some(name) = &c.config_aggregator
        {
            s.source = vec!["config-aggregator".to_string(), name.clone()];
        }
        if s.aggregator_region.is_none() {
            s.aggregator_region = c.config_aggregator_region.clone();
        }
    }

    /// Fills AWS flags the command line left unset.
    pub fn apply_aws(&self, a: &mut AwsArgs) {
        let c = &self.config.aws;
        if a.profile.is_none() {
            a.profile = c.profile.clone();
        }
        if a.endpoint_url.is_none() {
            a.endpoint_url = c.endpoint_url.clone();
        }
        if a.accounts.is_empty() && !a.org {
            a.accounts = c.accounts.clone();
        }
        a.org = a.org || (a.accounts.is_empty() && c.org.unwrap_or(false));
        if a.role_name.is_none() {
            a.role_name = c.role_name.clone();
        }
        if a.external_id.is_none() {
            a.external_id = c.external_id.clone();
        }
        if a.regions.is_empty() {
            a.regions = c.regions.clone();
        }
        a.concurrency = a.concurrency.or(c.concurrency);
        a.max_attempts = a.max_attempts.or(c.max_attempts);
        a.call_timeout = a.call_timeout.or(c.call_timeout);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_deepest_toml_the_parser_allows_fits_the_stack_stance_gives_it() {
        // toml stops at 80 levels of arrays and inline tables and at 80-part dotted keys, but
        // a key at every level multiplies the two: 39 nested `[{` pairs each holding a 79-part
        // dotted key build a tree 3,000 tables deep, which the parser drops recursively.
        let deepest = format!(
            "[scan]\nx = [ {{\n{}{}",
            format!("{}a = [ {{\n", "a.".repeat(79)).repeat(39),
            "}]\n".repeat(40)
        );
        let err = crate::app::on_large_stack(move || parse("stance.toml", &deepest).map(|_| ()))
            .unwrap()
            .unwrap_err();
        assert!(
            err.to_string()
                .starts_with("stance.toml:2:1: unknown field `x`"),
            "{err}"
        );
    }

    #[test]
    fn unknown_keys_name_the_line() {
        let err = parse(
            "stance.toml",
            "[scan]\nfail_on = \"new\"\nfial_on = \"any\"\n",
        )
        .unwrap_err();
        let text = err.to_string();
        assert!(text.starts_with("stance.toml:3:1: "), "{text}");
        assert!(text.contains("fial_on"), "{text}");
        let err = parse("stance.toml", "[scan]\nfail_on = \"sometimes\"\n").unwrap_err();
        assert!(err.to_string().starts_with("stance.toml:2:11: "), "{err}");
        let err = parse("stance.toml", "[scan]\noutputs = [\"pdf=x\"]\n").unwrap_err();
        assert!(
            err.to_string().contains("unknown output format `pdf`"),
            "{err}"
        );
        let err = parse("stance.toml", "[aws]\nconcurrency = \"many\"\n").unwrap_err();
        assert!(err.to_string().starts_with("stance.toml:2:15: "), "{err}");
        let ok = parse("c.toml", "[scan]\nframeworks = [\"fsbp\"]\n[aws]\nregions = [\"eu-west-1\"]\n[[suppressions]]\ncheck = \"x\"\nreason = \"r\"\nowner = \"o\"\n").unwrap();
        assert_eq!(ok.scan.frameworks, vec!["fsbp"]);
        assert_eq!(ok.suppressions.len(), 1);
    }
}
