//! Command-line interface (clap derive).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::check::metadata::Severity;
use crate::report::OutputSpec;

/// stance: cloud security posture for AWS, from live accounts, snapshots and IaC.
#[derive(Debug, Parser)]
#[command(name = "stance", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    /// Log verbosity: -v info, -vv debug, -vvv trace (or set RUST_LOG).
    #[arg(short, long, action = clap::ArgAction::Count, global = true)]
    pub verbose: u8,

    /// Print nothing but errors (the terminal summary is skipped).
    #[arg(short, long, global = true)]
    pub quiet: bool,

    /// Configuration file (default: ./stance.toml when present). Flags override it.
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// The command to run.
    #[command(subcommand)]
    pub command: Command,
}

/// Commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Evaluate the checks on an inventory and write reports.
    Scan(Box<ScanArgs>),
    /// Collect a live inventory snapshot without evaluating checks.
    Inventory(InventoryArgs),
    /// Inspect and test checks.
    #[command(subcommand)]
    Checks(ChecksCommand),
    /// Compare two JSON results: which failures are new, unchanged or resolved.
    Diff(DiffArgs),
    /// Merge JSON results (shards of one scan) into one result and render it.
    Merge(MergeArgs),
    /// Print generated documentation: the framework coverage tables or the check reference.
    Docs {
        /// Which document.
        #[arg(value_enum)]
        which: DocKind,
    },
    /// Print a JSON Schema: the inventory snapshot model or the JSON result.
    Schema {
        /// Which schema.
        #[arg(value_enum, default_value = "inventory")]
        which: SchemaKind,
    },
}

/// Documents stance generates.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum DocKind {
    /// docs/coverage.md: framework controls and the checks covering them.
    Coverage,
    /// docs/checks.md: every check's metadata and remediation.
    Checks,
}

/// Schemas stance can print.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum SchemaKind {
    /// The inventory snapshot (the resource model).
    Inventory,
    /// The JSON result (and baseline) format.
    Result,
    /// The configuration file (stance.toml).
    Config,
}

/// When the run fails.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum FailOn {
    /// Any open (unsuppressed) failure at or above --min-severity.
    #[default]
    Any,
    /// Only failures that are new compared with --baseline.
    New,
    /// Never: exit 0 whatever the findings (errors still exit non-zero).
    Never,
}

/// Which checks run.
#[derive(Debug, Clone, Args, Default)]
pub struct CheckSelection {
    /// Add the checks in this directory (recursively) to the built-in ones. Repeatable.
    #[arg(long = "checks-dir", value_name = "DIR")]
    pub checks_dirs: Vec<PathBuf>,

    /// Use only the checks from --checks-dir, not the built-in ones.
    #[arg(long)]
    pub no_builtin_checks: bool,

    /// Run only these checks: a check id, a framework (`fsbp`, `cis-aws-v3.0.0`) or a
    /// framework control (`fsbp:S3.8`, `cis-aws-v5.0.0:2.1.4`). Repeatable, comma-separated.
    #[arg(long, value_name = "CHECK|FRAMEWORK[:CONTROL]", value_delimiter = ',')]
    pub select: Vec<String>,

    /// Skip these checks (same forms as --select). Repeatable, comma-separated.
    #[arg(long, value_name = "CHECK|FRAMEWORK[:CONTROL]", value_delimiter = ',')]
    pub ignore: Vec<String>,

    /// Restrict to the checks of a framework and report per-control status in its order.
    #[arg(long, value_name = "FRAMEWORK", value_delimiter = ',')]
    pub framework: Vec<String>,
}

/// `stance scan`.
#[derive(Debug, Clone, Args)]
pub struct ScanArgs {
    /// Evaluate an inventory snapshot file instead of live AWS. Repeatable (merged).
    #[arg(long = "inventory", value_name = "FILE")]
    pub inventories: Vec<PathBuf>,

    /// Scan infrastructure as code: CloudFormation templates (YAML/JSON, SAM) and Terraform
    /// plans (`terraform show -json`). Files or directories (recursive). Repeatable; combines
    /// with --inventory.
    #[arg(long = "iac", value_name = "PATH")]
    pub iac: Vec<PathBuf>,

    /// Also scan live AWS when --inventory or --iac is given (live AWS is the default source
    /// when neither is, nor --source).
    #[arg(long = "aws", conflicts_with = "source")]
    pub aws_too: bool,

    /// Another inventory source instead of the live AWS APIs.
    #[command(flatten)]
    pub source: SourceArgs,

    /// Live AWS targets.
    #[command(flatten)]
    pub aws: AwsArgs,

    /// Check selection.
    #[command(flatten)]
    pub selection: CheckSelection,

    /// Outputs, baseline, suppressions and the failure policy.
    #[command(flatten)]
    pub report: ReportArgs,

    /// After writing the reports, send the ASFF findings to AWS Security Hub
    /// (BatchImportFindings, in batches of 100 per account and region). The only call stance
    /// makes that writes; accounts other than the caller's are reached through --role-name.
    #[arg(long)]
    pub securityhub_import: bool,
}

/// `stance diff`.
#[derive(Debug, Clone, Args)]
pub struct DiffArgs {
    /// The earlier JSON result (the baseline).
    pub old: PathBuf,
    /// The later JSON result.
    pub new: PathBuf,

    /// Outputs, suppressions and the failure policy (the baseline is OLD).
    #[command(flatten)]
    pub report: ReportArgs,
}

/// `stance merge`.
#[derive(Debug, Clone, Args)]
pub struct MergeArgs {
    /// JSON results to merge (e.g. one per shard).
    #[arg(required = true, num_args = 1..)]
    pub results: Vec<PathBuf>,

    /// Merge shard results even when the set is incomplete or repeats a shard (by default
    /// an error: a missing shard's findings would look resolved against a baseline).
    #[arg(long)]
    pub allow_partial: bool,

    /// Outputs, baseline, suppressions and the failure policy of the merged result.
    #[command(flatten)]
    pub report: ReportArgs,

    /// Send the merged result's ASFF findings to AWS Security Hub, as `scan
    /// --securityhub-import` does.
    #[arg(long)]
    pub securityhub_import: bool,

    /// Credentials and endpoint for --securityhub-import.
    #[command(flatten)]
    pub aws: AwsConnectionArgs,
}

/// How to reach AWS when a command only exports (no collection): credentials and endpoint.
#[derive(Debug, Clone, Args, Default)]
#[command(next_help_heading = "AWS (with --securityhub-import)")]
pub struct AwsConnectionArgs {
    /// Named profile from ~/.aws/config (SSO profiles included).
    #[arg(long, env = "AWS_PROFILE", value_name = "NAME")]
    pub profile: Option<String>,

    /// Custom endpoint (emulators such as moto or LocalStack).
    #[arg(long, env = "AWS_ENDPOINT_URL", value_name = "URL")]
    pub endpoint_url: Option<String>,

    /// Role assumed in accounts other than the caller's:
    /// arn:<partition>:iam::<id>:role/<NAME>.
    #[arg(long, value_name = "NAME")]
    pub role_name: Option<String>,

    /// External id required by the role's trust policy.
    #[arg(long, value_name = "ID")]
    pub external_id: Option<String>,
}

/// `stance inventory`.
#[derive(Debug, Clone, Args)]
pub struct InventoryArgs {
    /// Where to write the snapshot (`-` for standard output).
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: PathBuf,

    /// Live AWS targets.
    #[command(flatten)]
    pub aws: AwsArgs,

    /// Another inventory source instead of the live AWS APIs.
    #[command(flatten)]
    pub source: SourceArgs,

    /// Exit 3 when anything could not be collected.
    #[arg(long)]
    pub strict: bool,
}

/// Inventory sources other than the live AWS APIs.
#[derive(Debug, Clone, Args, Default)]
pub struct SourceArgs {
    /// Read the inventory from another source instead of calling each account's APIs.
    /// `config-aggregator NAME`: the configuration items an AWS Config aggregator recorded for
    /// every account and region it aggregates, read from the aggregator's account (no role in
    /// the member accounts). --accounts, --regions and --shard select among them.
    #[arg(long, num_args = 2, value_names = ["KIND", "NAME"])]
    pub source: Vec<String>,

    /// Region of the AWS Config aggregator [default: the profile's region, else us-east-1].
    #[arg(long, value_name = "REGION")]
    pub aggregator_region: Option<String>,
}

impl SourceArgs {
    /// The aggregator named by `--source config-aggregator NAME`, validated.
    pub fn config_aggregator(&self) -> Result<Option<String>, crate::error::StanceError> {
        let (kind, name) = match self.source.as_slice() {
            [] => return Ok(None),
            [kind, name] => (kind.as_str(), name.as_str()),
            other => {
                return Err(crate::error::StanceError::input(format!(
                    "--source takes a kind and a name (`--source config-aggregator NAME`), not {other:?}"
                )));
            }
        };
        if kind != "config-aggregator" {
            return Err(crate::error::StanceError::input(format!(
                "--source: unknown source kind `{kind}` (known: config-aggregator)"
            )));
        }
        // The pattern and length AWS Config allows for aggregator names.
        let valid = !name.is_empty()
            && name.len() <= 256
            && name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
        if !valid {
            return Err(crate::error::StanceError::input(format!(
                "--source config-aggregator: {name:?} is not an aggregator name (1 to 256 letters, digits, `_` and `-`)"
            )));
        }
        Ok(Some(name.to_string()))
    }
}

/// Which AWS accounts and regions to read, and how.
#[derive(Debug, Clone, Args, Default)]
pub struct AwsArgs {
    /// Named profile from ~/.aws/config (SSO profiles included).
    #[arg(long, env = "AWS_PROFILE", value_name = "NAME")]
    pub profile: Option<String>,

    /// Custom endpoint (emulators such as moto or LocalStack): S3 then uses path-style
    /// addressing and S3 Control a fixed endpoint.
    #[arg(long, env = "AWS_ENDPOINT_URL", value_name = "URL")]
    pub endpoint_url: Option<String>,

    /// Accounts to scan (default: the caller's account). Others are reached through --role-name.
    #[arg(long, value_delimiter = ',', value_name = "ID,...")]
    pub accounts: Vec<String>,

    /// Scan every ACTIVE account of the AWS Organization (from the management or a delegated
    /// administrator account).
    #[arg(long, conflicts_with = "accounts")]
    pub org: bool,

    /// Role assumed in each account: arn:<partition>:iam::<id>:role/<NAME> (default with
    /// --org: OrganizationAccountAccessRole).
    #[arg(long, value_name = "NAME")]
    pub role_name: Option<String>,

    /// External id required by the role's trust policy.
    #[arg(long, value_name = "ID")]
    pub external_id: Option<String>,

    /// Regions to scan (default: every region enabled for the account in its partition).
    #[arg(long, value_delimiter = ',', value_name = "REGION,...")]
    pub regions: Vec<String>,

    /// How many (account, region, service) units run at once [default: 16].
    #[arg(long, value_name = "N")]
    pub concurrency: Option<usize>,

    /// Attempts per API call: first try plus retries with adaptive back-off [default: 6].
    #[arg(long, value_name = "N")]
    pub max_attempts: Option<u32>,

    /// Time limit of one API call attempt, in seconds [default: 20].
    #[arg(long, value_name = "SECONDS")]
    pub call_timeout: Option<u64>,

    /// Scan shard K of N of the accounts (1-based), deterministic by account id: live accounts,
    /// an aggregator's, or a snapshot's (`--inventory`).
    #[arg(long, value_name = "K/N")]
    pub shard: Option<String>,
}

/// What to write and when to fail; shared by every command that produces a result.
#[derive(Debug, Clone, Args)]
pub struct ReportArgs {
    /// Write a report: FORMAT=PATH, FORMAT one of json, sarif, asff, html, markdown, text (`-`
    /// is standard output). Repeatable.
    #[arg(short = 'o', long = "output", value_name = "FORMAT=PATH")]
    pub outputs: Vec<OutputSpec>,

    /// A previous JSON result: mark failures new, unchanged or resolved.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,

    /// A suppressions file (YAML) of accepted findings.
    #[arg(long, value_name = "FILE")]
    pub suppressions: Option<PathBuf>,

    /// When to exit 1 [default: any].
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,

    /// Ignore failures below this severity when deciding the exit code [default: informational].
    #[arg(long, value_enum)]
    pub min_severity: Option<SeverityArg>,

    /// Exit 3 when anything could not be collected (coverage gaps) or a check errored.
    #[arg(long, overrides_with = "no_strict")]
    pub strict: bool,

    /// Do not exit 3 for coverage gaps, even when the config file sets `strict = true`.
    #[arg(long, overrides_with = "strict")]
    pub no_strict: bool,

    /// Repository file that SARIF anchors live (non-IaC) findings to, at line 1 [default: the
    /// config file, else stance.toml].
    #[arg(long, value_name = "PATH")]
    pub sarif_anchor: Option<String>,

    /// SARIF automation category (default: `iac` or the account set).
    #[arg(long, value_name = "NAME")]
    pub sarif_category: Option<String>,

    /// Pretty-print JSON outputs.
    #[arg(long)]
    pub pretty: bool,

    /// Suppressions declared in the config file, with their origin.
    #[arg(skip)]
    pub config_suppressions: Vec<(crate::suppress::RawSuppression, String)>,
}

/// Severity as a CLI value.
#[derive(Debug, Clone, Copy, ValueEnum, serde::Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum SeverityArg {
    /// Informational and above (everything).
    Informational,
    /// Low and above.
    Low,
    /// Medium and above.
    Medium,
    /// High and above.
    High,
    /// Critical only.
    Critical,
}

impl From<SeverityArg> for Severity {
    fn from(s: SeverityArg) -> Self {
        match s {
            SeverityArg::Informational => Severity::Informational,
            SeverityArg::Low => Severity::Low,
            SeverityArg::Medium => Severity::Medium,
            SeverityArg::High => Severity::High,
            SeverityArg::Critical => Severity::Critical,
        }
    }
}

/// `stance checks ...`.
#[derive(Debug, Clone, Subcommand)]
pub enum ChecksCommand {
    /// List the checks.
    List {
        /// Output format.
        #[arg(long, value_enum, default_value = "table")]
        format: ListFormat,
        /// Check selection.
        #[command(flatten)]
        selection: CheckSelection,
    },
    /// Show one check: metadata, remediation and source.
    Show {
        /// Check id.
        id: String,
        /// Check selection (for --checks-dir).
        #[command(flatten)]
        selection: CheckSelection,
    },
    /// Run the Rego tests beside the checks and lint the checks; exit 1 on any failure.
    Test {
        /// Check selection (for --checks-dir and --no-builtin-checks).
        #[command(flatten)]
        selection: CheckSelection,
        /// Run only the test files whose path contains this text.
        #[arg(long)]
        filter: Option<String>,
    },
}

/// Listing formats.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ListFormat {
    /// An aligned table.
    Table,
    /// A JSON array.
    Json,
}
