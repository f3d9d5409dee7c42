//! Infrastructure as code: CloudFormation templates (YAML, JSON, SAM) and Terraform plans
//! (`terraform show -json`) mapped into the same resource model the live collectors fill, so
//! the same checks judge a template before it is deployed.
//!
//! - Every resource carries `Source::Iac` with its file and line, `meta.lines` with the line
//!   of each property by model field path (so a failing finding points at the property), and
//!   `meta.unknown` with the model fields whose value is not known until deploy (checks that
//!   read them report NOT_APPLICABLE "unresolved at plan time", never a guess).
//! - IaC is not bound to an account: resources go under account `""` and region `""`, so
//!   account- and region-scope checks do not run on them.
//! - A file that cannot be parsed is reported as a [`Gap`] (`service: iac`, `operation:
//!   parse`, `error: file:line:col: message`) and the other files are still scanned.
//! - Inline suppressions (CloudFormation `Metadata.stance.suppress`, Terraform tag
//!   `stance:suppress` and `# stance:ignore` comments) become suppressions of the scan.
//!
//! Defaults: when a property is absent, a resource is modelled as AWS would deploy it, since
//! the same resource scanned live would be judged that way. Where the deployed value depends
//! on something outside the template (an account-level default, the AMI, the subnet), the
//! field is marked unknown unless the API default is documented to apply; each mapper's doc
//! comment states its rules.

pub mod cloudformation;
pub mod terraform;
pub mod yaml;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::error::StanceError;
use crate::finding::SourceInfo;
use crate::model::time::Timestamp;
use crate::model::{
    AccountInventory, Gap, Inventory, RegionInventory, Resource, ResourceMeta, Source, derive,
};
use crate::suppress::{RawSuppression, Suppression};
use yaml::{Entry, Kind, Node};

/// Directories never descended into.
const SKIPPED_DIRS: &[&str] = &[".git", "node_modules", ".terraform"];

/// What the IaC sources produced.
#[derive(Debug)]
pub struct IacLoad {
    /// The resources (one account `""`, one region `""`), derived facts computed, plus a gap
    /// per file that could not be parsed.
    pub inventory: Inventory,
    /// One source per `--iac` path and format found under it.
    pub sources: Vec<SourceInfo>,
    /// Inline suppressions declared in the templates.
    pub suppressions: Vec<Suppression>,
    /// Number of files that looked like templates or plans but could not be read.
    pub invalid_files: usize,
}

/// The format of one parsed file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A CloudFormation (or SAM) template.
    CloudFormation,
    /// A Terraform plan in JSON.
    Terraform,
}

impl Format {
    /// The name used in `Source::Iac.format` and `SourceInfo.kind`.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::CloudFormation => "cloudformation",
            Format::Terraform => "terraform",
        }
    }
}

/// An inline suppression found in a file.
#[derive(Debug, Clone)]
pub struct InlineSuppression {
    /// Check id.
    pub check: String,
    /// The resource id it applies to.
    pub resource: String,
    /// Why.
    pub reason: String,
    /// `file:line`.
    pub origin: String,
}

/// What one file produced.
#[derive(Debug, Default)]
pub struct FileResult {
    /// The format, `None` when the file is neither a template nor a plan.
    pub format: Option<Format>,
    /// Resources.
    pub resources: Vec<Resource>,
    /// Inline suppressions.
    pub suppressions: Vec<InlineSuppression>,
    /// `line:col: message` when the file is a template or plan that could not be read.
    pub error: Option<String>,
}

/// Loads every template and plan under `paths` (files or directories, recursively).
pub fn load(paths: &[PathBuf], collected_at: Timestamp) -> Result<IacLoad, StanceError> {
    let mut files: Vec<(usize, PathBuf)> = Vec::new();
    for (index, path) in paths.iter().enumerate() {
        if !path.exists() {
            return Err(StanceError::input(format!(
                "--iac {}: no such file or directory",
                path.display()
            )));
        }
        let mut found = Vec::new();
        walk(path, &mut found, path.is_file());
        found.sort();
        files.extend(found.into_iter().map(|f| (index, f)));
    }
    let base = path_base();
    let results: Vec<(usize, String, FileResult)> = files
        .par_iter()
        .map(|(index, path)| {
            let shown = display_path(path, base.as_deref());
            let result = load_file(path, &shown);
            (*index, shown, result)
        })
        .collect();

    let mut inventory = Inventory::new(collected_at);
    let mut resources = Vec::new();
    let mut suppressions = Vec::new();
    let mut kinds: Vec<(usize, Format)> = Vec::new();
    let mut invalid_files = 0;
    let mut skipped = 0;
    for (index, shown, result) in results {
        if let Some(error) = result.error {
            invalid_files += 1;
            let message = format!("{shown}:{error}");
            tracing::error!("{message}");
            inventory.gaps.push(Gap {
                account_id: String::new(),
                region: String::new(),
                service: "iac".into(),
                operation: "parse".into(),
                error: message,
                resource_types: Vec::new(),
                resource_id: None,
            });
        }
        match result.format {
            Some(format) => {
                if !kinds.contains(&(index, format)) {
                    kinds.push((index, format));
                }
            }
            None => skipped += 1,
        }
        resources.extend(result.resources);
        for s in result.suppressions {
            let raw = RawSuppression {
                check: Some(s.check),
                resource: Some(escape_glob(&s.resource)),
                account: None,
                region: None,
                tags: BTreeMap::new(),
                reason: s.reason,
                owner: "inline".into(),
                expires: None,
            };
            suppressions.push(Suppression::from_raw(raw, s.origin)?);
        }
    }
    tracing::debug!(
        files = files.len(),
        skipped,
        "IaC files read ({skipped} neither templates nor plans)"
    );
    // A path that yielded nothing is most often a mistake (a directory of Terraform source, a
    // file that is not a template): say so rather than report a clean scan of nothing.
    for (index, path) in paths.iter().enumerate() {
        if kinds.iter().any(|(i, _)| *i == index) {
            continue;
        }
        let read = files.iter().filter(|(i, _)| *i == index).count();
        let what = if path.is_file() {
            "neither a CloudFormation template nor a Terraform plan".to_string()
        } else {
            format!(
                "no CloudFormation template or Terraform plan among its {read} .yaml, .yml, \
                 .json and .template files"
            )
        };
        tracing::warn!(
            "--iac {}: {what}; Terraform is scanned through its plan: `terraform show -json PLAN > plan.json`",
            path.display()
        );
    }
    for resource in &mut resources {
        finalize(resource);
    }
    inventory.accounts.push(AccountInventory {
        account_id: String::new(),
        partition: "aws".into(),
        name: None,
        regions: vec![RegionInventory {
            region: String::new(),
            resources,
        }],
    });
    derive::enrich(&mut inventory);
    kinds.sort_by_key(|(i, f)| (*i, f.as_str()));
    let sources = kinds
        .into_iter()
        .map(|(index, format)| SourceInfo {
            kind: format.as_str().into(),
            location: paths[index].display().to_string(),
        })
        .collect();
    Ok(IacLoad {
        inventory,
        sources,
        suppressions,
        invalid_files,
    })
}

/// Collects candidate files: `.yaml`, `.yml`, `.json` and `.template`. A file named on the
/// command line is read whatever its extension.
fn walk(path: &Path, out: &mut Vec<PathBuf>, explicit: bool) {
    if path.is_file() {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        if explicit || matches!(ext.as_deref(), Some("yaml" | "yml" | "json" | "template")) {
            out.push(path.to_path_buf());
        }
        return;
    }
    let Ok(entries) = std::fs::read_dir(path) else {
        tracing::warn!("cannot list {}", path.display());
        return;
    };
    for entry in entries.flatten() {
        let child = entry.path();
        let name = entry.file_name();
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            if !SKIPPED_DIRS.iter().any(|s| name == *s) {
                walk(&child, out, false);
            }
        } else if kind.is_file() {
            walk(&child, out, false);
        }
    }
}

/// The directory outputs show template paths relative to: GitHub's workspace when set, else the
/// repository holding the working directory (nearest ancestor with `.git`), else the working
/// directory. Code scanning resolves SARIF's relative URIs against the repository root, so a scan
/// started in a subdirectory must still write `infra/app.yaml`, not `app.yaml`.
pub(crate) fn path_base() -> Option<PathBuf> {
    if let Some(workspace) = std::env::var_os("GITHUB_WORKSPACE").filter(|w| !w.is_empty()) {
        return Some(PathBuf::from(workspace));
    }
    let cwd = std::env::current_dir().ok()?;
    let repo = cwd
        .ancestors()
        .find(|dir| dir.join(".git").exists())
        .map(Path::to_path_buf);
    Some(repo.unwrap_or(cwd))
}

/// The path as outputs show it: relative to `base` (see [`path_base`]) when the file is under
/// it, else as given.
pub(crate) fn display_path(path: &Path, base: Option<&Path>) -> String {
    if let (Some(base), Ok(abs)) = (base, std::fs::canonicalize(path))
        && let Ok(base) = std::fs::canonicalize(base)
        && let Ok(rel) = abs.strip_prefix(&base)
    {
        return rel.to_string_lossy().replace('\\', "/");
    }
    path.to_string_lossy().replace('\\', "/")
}

/// Reads and maps one file.
fn load_file(path: &Path, shown: &str) -> FileResult {
    let text = match crate::source::snapshot::read_input(path) {
        Ok(t) => t,
        Err(e) => {
            // Only files that would have been templates matter; a binary or huge file in a
            // scanned directory is skipped unless it was named on the command line.
            return FileResult {
                format: None,
                error: Some(format!(
                    "1: {}",
                    e.to_string()
                        .strip_prefix(&format!("{}: ", path.display()))
                        .unwrap_or(&e.to_string())
                )),
                ..FileResult::default()
            };
        }
    };
    parse_file(path, shown, &text)
}

/// Parses one file's text as a Terraform plan or a CloudFormation template, whichever it is.
/// `path` is the file on disk (a plan's `.tf` files are looked for beside it), `shown` its
/// path in outputs. Resources are not yet [`finalize`]d.
pub fn parse_file(path: &Path, shown: &str, text: &str) -> FileResult {
    if terraform::looks_like_plan(text) {
        return terraform::load_plan(path, shown, text);
    }
    cloudformation::load_template(shown, text)
}

/// Escapes glob metacharacters so a resource id matches only itself.
fn escape_glob(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '*' | '?' | '[' | ']' | '{' | '}' | '\\' => {
                out.push('[');
                out.push(c);
                out.push(']');
            }
            _ => out.push(c),
        }
    }
    out
}

/// The metadata of an IaC resource.
pub fn iac_meta(
    id: String,
    name: Option<String>,
    file: &str,
    line: u32,
    format: Format,
    logical_id: &str,
) -> ResourceMeta {
    let mut meta = ResourceMeta::new(id, "", "", "aws");
    meta.name = name;
    meta.source = Source::Iac {
        file: file.to_string(),
        line,
        format: format.as_str().into(),
        logical_id: logical_id.to_string(),
    };
    meta
}

/// Accumulates, while a mapper reads properties, which model fields are unknown and on which
/// line each one is declared.
#[derive(Debug, Default)]
pub struct Fields {
    /// Model field paths unknown until deploy.
    pub unknown: Vec<String>,
    /// Lines by model field path.
    pub lines: BTreeMap<String, u32>,
}

/// Prefix of the reason of an unknown value that is a reference to another resource of the
/// same template (a `GetAtt`) or a pseudo parameter (`AWS::AccountId`): its exact value is
/// unknown, but it certainly exists and names something of this stack or account. The rest of
/// the reason is a placeholder such as `${Key.Arn}`.
pub const REFERENCE: &str = "ref:";

/// Whether an unknown value is a reference (see [`REFERENCE`]).
pub fn is_reference(reason: &str) -> bool {
    reason.starts_with(REFERENCE)
}

/// The placeholder text of a reference (`${Key.Arn}`).
pub fn placeholder(reason: &str) -> String {
    reason.strip_prefix(REFERENCE).unwrap_or(reason).to_string()
}

impl Fields {
    /// Records the line of `path` (the first record wins: the most specific property is
    /// recorded first by the mappers).
    pub fn at(&mut self, path: &str, line: u32) {
        if line == 0 {
            return; // no position of its own (a provider-computed plan value)
        }
        self.lines.entry(path.to_string()).or_insert(line);
    }

    /// Records the line of an entry, when present.
    pub fn at_entry(&mut self, path: &str, entry: Option<&Entry>) {
        if let Some(e) = entry {
            self.at(path, e.line);
        }
    }

    /// Marks `path` unknown.
    pub fn unknown(&mut self, path: &str) {
        if !self.unknown.iter().any(|u| u == path) {
            self.unknown.push(path.to_string());
        }
    }

    /// Reads a node, recording its line; `None` (and `path` marked unknown) when unknown.
    fn known<'a>(&mut self, path: &str, entry: Option<&'a Entry>) -> Option<&'a Node> {
        let entry = entry?;
        self.at(path, entry.line);
        match &entry.value.kind {
            Kind::Unknown(_) => {
                self.unknown(path);
                None
            }
            Kind::Null => None,
            _ => Some(&entry.value),
        }
    }

    /// A string property.
    pub fn str(&mut self, path: &str, entry: Option<&Entry>) -> Option<String> {
        self.known(path, entry).and_then(Node::as_str)
    }

    /// A string property whose presence matters more than its value (a KMS key id, a role
    /// ARN): a reference to another resource counts as present, shown as `${Logical.Attr}`.
    pub fn present(&mut self, path: &str, entry: Option<&Entry>) -> Option<String> {
        let e = entry?;
        if let Kind::Unknown(reason) = &e.value.kind
            && is_reference(reason)
        {
            self.at(path, e.line);
            return Some(placeholder(reason));
        }
        self.str(path, entry).filter(|s| !s.is_empty())
    }

    /// A boolean property with the default AWS applies when it is absent.
    pub fn bool(&mut self, path: &str, entry: Option<&Entry>, default: bool) -> bool {
        self.known(path, entry)
            .and_then(Node::as_bool)
            .unwrap_or(default)
    }

    /// An optional boolean property.
    pub fn opt_bool(&mut self, path: &str, entry: Option<&Entry>) -> Option<bool> {
        self.known(path, entry).and_then(Node::as_bool)
    }

    /// An integer property.
    pub fn int(&mut self, path: &str, entry: Option<&Entry>) -> Option<i64> {
        self.known(path, entry).and_then(Node::as_i64)
    }

    /// A list of strings; unknown as a whole when any item is unknown.
    pub fn strings(&mut self, path: &str, entry: Option<&Entry>) -> Vec<String> {
        let Some(node) = self.known(path, entry) else {
            return Vec::new();
        };
        match &node.kind {
            Kind::Seq(items) => {
                if items.iter().any(|i| matches!(i.kind, Kind::Unknown(_))) {
                    self.unknown(path);
                }
                items.iter().filter_map(Node::as_str).collect()
            }
            _ => node.as_str().into_iter().collect(),
        }
    }

    /// A JSON document (a policy): references to other resources become `${Logical.Attr}`
    /// strings, which do not change what a policy grants to whom; any other unknown value
    /// makes the whole document unknown.
    pub fn json(&mut self, path: &str, entry: Option<&Entry>) -> Option<serde_json::Value> {
        let node = self.known(path, entry)?;
        // Terraform (and some templates) give policies as JSON text.
        if let Kind::Str(text) = &node.kind {
            return serde_json::from_str(text).ok();
        }
        match json_with_references(node) {
            Some(v) => Some(v),
            None => {
                self.unknown(path);
                None
            }
        }
    }
}

/// The node as JSON with references as placeholder strings; `None` when another unknown is
/// inside.
pub fn json_with_references(node: &Node) -> Option<serde_json::Value> {
    use serde_json::Value;
    Some(match &node.kind {
        Kind::Unknown(reason) if is_reference(reason) => Value::String(placeholder(reason)),
        Kind::Unknown(_) => return None,
        Kind::Seq(items) => Value::Array(
            items
                .iter()
                .map(json_with_references)
                .collect::<Option<Vec<_>>>()?,
        ),
        Kind::Map(entries) => {
            let mut map = serde_json::Map::new();
            for e in entries {
                map.insert(e.key.clone(), json_with_references(&e.value)?);
            }
            Value::Object(map)
        }
        _ => node.to_json(),
    })
}

/// Puts what [`Fields`] gathered into a meta.
pub fn apply_fields(meta: &mut ResourceMeta, fields: Fields) {
    meta.unknown = fields.unknown;
    meta.lines = fields.lines;
}

/// Derived facts that follow from each raw field, by resource type, so an unknown raw field
/// makes the derived facts unknown too, and a failing check that reads only derived facts
/// still points at the property they come from.
const DERIVED_FROM: &[(&str, &str, &[&str])] = &[
    (
        "s3_bucket",
        "policy",
        &[
            "derived.policy",
            "derived.public_read",
            "derived.public_write",
        ],
    ),
    (
        "s3_bucket",
        "acl",
        &[
            "derived.acl_public_read",
            "derived.acl_public_write",
            "derived.public_read",
            "derived.public_write",
        ],
    ),
    (
        "s3_bucket",
        "public_access_block",
        &[
            "derived.effective_public_access_block",
            "derived.acls_in_force",
            "derived.public_read",
            "derived.public_write",
        ],
    ),
    (
        "s3_bucket",
        "object_ownership",
        &[
            "derived.acls_in_force",
            "derived.public_read",
            "derived.public_write",
        ],
    ),
    ("s3_bucket", "encryption_rules", &["derived.kms_encrypted"]),
    (
        "ec2_security_group",
        "ingress",
        &[
            "derived.world_open_ingress",
            "derived.admin_ports_open_ipv4",
            "derived.admin_ports_open_ipv6",
            "derived.rule_count",
        ],
    ),
    ("ec2_security_group", "egress", &["derived.rule_count"]),
    ("ec2_security_group", "group_name", &["derived.is_default"]),
    (
        "ec2_instance",
        "metadata_options",
        &["derived.imdsv2_required"],
    ),
    (
        "iam_user",
        "inline_policies",
        &["derived.has_full_admin", "derived.has_direct_policies"],
    ),
    (
        "iam_user",
        "attached_policies",
        &["derived.has_full_admin", "derived.has_direct_policies"],
    ),
    (
        "iam_role",
        "assume_role_policy",
        &["derived.trust_public", "derived.trusted_external_accounts"],
    ),
    ("iam_role", "path", &["derived.service_linked"]),
    ("iam_policy", "document", &["derived"]),
    ("kms_key", "policy", &["derived.policy"]),
    ("kms_key", "key_spec", &["derived.rotatable"]),
    ("kms_key", "origin", &["derived.rotatable"]),
    ("lambda_function", "policy", &["derived.policy"]),
    (
        "lambda_function",
        "vpc_subnet_ids",
        &["derived.vpc_availability_zones"],
    ),
    ("sqs_queue", "policy", &["derived.policy"]),
    ("sns_topic", "policy", &["derived.policy"]),
    ("rds_db_instance", "port", &["derived.uses_default_port"]),
    (
        "rds_db_instance",
        "master_username",
        &["derived.uses_default_master_username"],
    ),
    (
        "rds_db_instance",
        "subnet_ids",
        &["derived.in_public_subnet"],
    ),
    ("rds_db_cluster", "port", &["derived.uses_default_port"]),
    (
        "rds_db_cluster",
        "master_username",
        &["derived.uses_default_master_username"],
    ),
    (
        "cloudtrail_trail",
        "event_selectors",
        &[
            "derived.logs_management_events_read_write",
            "derived.logs_s3_data_events_read",
            "derived.logs_s3_data_events_write",
        ],
    ),
    (
        "cloudtrail_trail",
        "cloud_watch_logs_log_group_arn",
        &[
            "derived.cloud_watch_logs_log_group_name",
            "derived.cloud_watch_logs_region",
        ],
    ),
    (
        "ecs_task_definition",
        "containers",
        &["derived.secret_like_environment_variables"],
    ),
    (
        "efs_file_system",
        "mount_target_subnet_ids",
        &["derived.mount_targets_in_public_subnets"],
    ),
];

/// Facts that exist only once a resource is deployed and used (ages, last use, delivery
/// times): always unknown for IaC.
const RUNTIME_ONLY: &[(&str, &[&str])] = &[
    (
        "iam_user",
        &[
            "password_last_used",
            "derived.days_since_password_use",
            "derived.oldest_active_key_age_days",
            "derived.stalest_active_key_days",
        ],
    ),
    (
        "secretsmanager_secret",
        &[
            "last_rotated_date",
            "last_accessed_date",
            "derived.days_since_rotation",
            "derived.days_since_access",
        ],
    ),
    ("ec2_instance", &["derived.days_stopped"]),
    ("ec2_security_group", &["attached_interface_count"]),
];

/// Propagates unknowns and lines from raw fields to the derived facts computed from them, and
/// marks runtime-only facts unknown.
pub fn finalize(resource: &mut Resource) {
    let type_name = resource.type_name();
    let meta = resource.meta_mut();
    for (t, raw, derived) in DERIVED_FROM {
        if *t != type_name {
            continue;
        }
        let raw_unknown = meta
            .unknown
            .iter()
            .any(|u| u == raw || u.starts_with(&format!("{raw}.")));
        if raw_unknown {
            for d in *derived {
                if !meta.unknown.iter().any(|u| u == d) {
                    meta.unknown.push((*d).to_string());
                }
            }
        }
        if let Some(line) = meta.lines.get(*raw).copied() {
            for d in *derived {
                meta.lines.entry((*d).to_string()).or_insert(line);
            }
        }
    }
    // A trail that sends to CloudWatch Logs has delivered nothing yet; one that does not send
    // never will, which the template already says.
    if let Resource::CloudTrailTrail(t) = resource
        && t.cloud_watch_logs_log_group_arn.is_some()
    {
        t.meta
            .unknown
            .push("derived.cloud_watch_logs_delivered_recently".into());
    }
    let meta = resource.meta_mut();
    for (t, fields) in RUNTIME_ONLY {
        if *t == type_name {
            for f in *fields {
                if !meta.unknown.iter().any(|u| u == f) {
                    meta.unknown.push((*f).to_string());
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glob_escape_matches_only_itself() {
        let pattern = escape_glob("module.a.aws_s3_bucket.b[\"x*\"]");
        let glob = globset::Glob::new(&pattern)
            .expect("valid")
            .compile_matcher();
        assert!(glob.is_match("module.a.aws_s3_bucket.b[\"x*\"]"));
        assert!(!glob.is_match("module.a.aws_s3_bucket.b[\"xy\"]"));
    }
}
