//! Terraform plans (`terraform show -json plan.out`) into the resource model.
//!
//! Resources come from `planned_values.root_module` and its `child_modules`, recursively.
//! Values listed in `resource_changes[].change.after_unknown` are unknown until apply *when
//! the configuration sets them* (an expression on another resource's computed attribute);
//! attributes the configuration leaves out are provider-computed defaults, so they are
//! modelled with the defaults AWS applies (the same rules as for CloudFormation).
//!
//! Related resources are joined the way Terraform users write them: an
//! `aws_s3_bucket_versioning` whose `bucket` refers to `aws_s3_bucket.logs` (by the
//! configuration's references, or by equal names) becomes the versioning of that bucket.
//!
//! Plan JSON has no source positions, so each resource is located in the `.tf` files of its
//! module (`resource "TYPE" "NAME"` under the plan's directory, or the module's local source
//! directory), with the lines of its top-level arguments; a `# stance:ignore <check> <reason>`
//! comment directly above the block suppresses a check. When the `.tf` is not found, the
//! resource points at its line in the plan file.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use super::cloudformation::{normalize_protocol, record_open_rule};
use super::yaml::{Entry, Kind, Node};
use super::{Fields, FileResult, Format, InlineSuppression, apply_fields, iac_meta};
use crate::model::cloudtrail::{
    AdvancedEventSelector, AdvancedFieldSelector, CloudTrailTrail, DataResource, EventSelector,
};
use crate::model::config::ConfigRecorder;
use crate::model::ec2::{
    Ec2EbsEncryptionDefault, Ec2FlowLog, Ec2Instance, Ec2LaunchTemplate, Ec2SecurityGroup,
    Ec2Subnet, Ec2Volume, Ec2Vpc, MetadataOptions, SecurityGroupPermission,
};
use crate::model::elb::{Elbv2LoadBalancer, Listener, ListenerAction};
use crate::model::iam::{
    AccessKey, IamGroup, IamPasswordPolicy, IamPolicy, IamRole, IamUser, InlinePolicy,
};
use crate::model::kms::KmsKey;
use crate::model::lambda::LambdaFunction;
use crate::model::monitoring::{LogsLogGroup, SnsSubscription, SnsTopic};
use crate::model::rds::{RdsDbCluster, RdsDbInstance};
use crate::model::s3::{
    AclGrant, BucketAcl, BucketLogging, EncryptionRule, PublicAccessBlock,
    S3AccountPublicAccessBlock, S3Bucket, Versioning,
};
use crate::model::services::{
    ContainerDefinition, DynamoDbTable, EcrRepository, EcsCluster, EcsService, EcsTaskDefinition,
    EfsAccessPoint, EfsFileSystem, SecretsManagerSecret, SqsQueue,
};
use crate::model::{Resource, ResourceMeta};

/// Whether text is a Terraform JSON plan (rather than a template or another JSON file).
pub fn looks_like_plan(text: &str) -> bool {
    let head: String = text.chars().take(4096).collect();
    head.trim_start().starts_with('{')
        && text.contains("\"format_version\"")
        && (text.contains("\"planned_values\"") || text.contains("\"resource_changes\""))
}

/// A planned resource with its values, references and location.
struct TfRes {
    address: String,
    rtype: String,
    /// Values, unknowns as [`Kind::Unknown`], top-level entries at their `.tf` lines.
    values: Node,
    /// Configuration references by argument, as absolute base addresses
    /// (`module.a.aws_s3_bucket.logs`).
    refs: HashMap<String, Vec<String>>,
    file: String,
    line: u32,
    /// `# stance:ignore` comments above the block: (check, reason, line).
    ignores: Vec<(String, String, u32)>,
}

impl TfRes {
    fn e(&self, key: &str) -> Option<&Entry> {
        self.values.entry(key)
    }

    /// The first block of a nested block list (`versioning { ... }` is a one-item list).
    fn block(&self, key: &str) -> Option<&Node> {
        block_of(self.values.get(key)?)
    }

    fn base(&self) -> &str {
        base_address(&self.address)
    }

    fn str(&self, key: &str) -> Option<String> {
        match self.values.get(key).map(|n| &n.kind) {
            Some(Kind::Unknown(_)) | None => None,
            Some(_) => self.values.get(key)?.as_str(),
        }
    }
}

fn block_of(node: &Node) -> Option<&Node> {
    match &node.kind {
        Kind::Seq(items) => items.first(),
        Kind::Map(_) => Some(node),
        _ => None,
    }
}

/// `aws_s3_bucket.b[0]` → `aws_s3_bucket.b`.
fn base_address(address: &str) -> &str {
    match address.rfind('[') {
        Some(i) if address.ends_with(']') && !address[i..].contains('.') => &address[..i],
        _ => address,
    }
}

/// Loads one plan. `path` is the file on disk, `shown` its path in outputs.
pub fn load_plan(path: &Path, shown: &str, text: &str) -> FileResult {
    let mut result = FileResult {
        format: Some(Format::Terraform),
        ..FileResult::default()
    };
    let plan: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            let message = crate::error::json_error("", &e);
            result.error = Some(message.trim_start_matches(':').to_string());
            return result;
        }
    };
    let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let base = super::path_base();
    let mut unknowns: HashMap<String, Value> = HashMap::new();
    for change in plan["resource_changes"].as_array().into_iter().flatten() {
        if let Some(address) = change["address"].as_str() {
            unknowns.insert(
                address.to_string(),
                change["change"]["after_unknown"].clone(),
            );
        }
    }
    let mut configs: HashMap<String, ModuleConfig> = HashMap::new();
    collect_config(
        &plan["configuration"]["root_module"],
        "",
        Some(dir.clone()),
        &mut configs,
    );
    let mut planned = Vec::new();
    collect_planned(&plan["planned_values"]["root_module"], &mut planned);
    let mut locator = Locator::default();
    let mut resources = Vec::new();
    for value in planned {
        if value["mode"].as_str() != Some("managed") {
            continue;
        }
        let (Some(address), Some(rtype), Some(name)) = (
            value["address"].as_str(),
            value["type"].as_str(),
            value["name"].as_str(),
        ) else {
            continue;
        };
        let module = module_prefix(address);
        let config = configs.get(module.trim_end_matches('.'));
        let rel = &address[module.len()..];
        let expressions = config.and_then(|c| c.resources.get(base_address(rel)));
        // Where the block is written: the module's .tf files, else the plan itself.
        let located = config
            .and_then(|c| c.dir.as_ref())
            .and_then(|d| locator.find(d, rtype, name));
        let (file, line, attr_lines, ignores) = match located {
            Some(l) => (
                super::display_path(&l.file, base.as_deref()),
                l.line,
                l.attributes,
                l.ignores,
            ),
            None => (
                shown.to_string(),
                line_in(text, address),
                HashMap::new(),
                Vec::new(),
            ),
        };
        // Only arguments written in the `.tf` have a line of their own; values the provider
        // fills in get none (0), so findings point at the resource instead.
        let mut node = Node::from_json(&value["values"], 0);
        node.line = line;
        if let Some(unknown) = unknowns.get(address) {
            mark_unknown(&mut node, unknown, expressions);
        }
        if let Kind::Map(entries) = &mut node.kind {
            for e in entries.iter_mut() {
                if let Some(l) = attr_lines.get(&e.key) {
                    set_lines(&mut e.value, *l);
                    e.line = *l;
                }
            }
        }
        let refs = expressions
            .map(|e| {
                e.references
                    .iter()
                    .map(|(k, v)| {
                        (
                            k.clone(),
                            v.iter().map(|r| format!("{module}{r}")).collect(),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        resources.push(TfRes {
            address: address.to_string(),
            rtype: rtype.to_string(),
            values: node,
            refs,
            file,
            line,
            ignores,
        });
    }
    let plan = Plan { resources };
    for r in &plan.resources {
        for (check, reason, line) in &r.ignores {
            if reason.is_empty() {
                tracing::warn!(
                    "{}:{line}: `# stance:ignore {check}` gives no reason; not applied (write `# stance:ignore {check} <reason>`)",
                    r.file
                );
                continue;
            }
            result.suppressions.push(InlineSuppression {
                check: check.clone(),
                resource: r.address.clone(),
                reason: reason.clone(),
                origin: format!("{}:{line}", r.file),
            });
        }
        if let Some(tag) = tag_value(r, "stance:suppress") {
            let origin = format!("{}:{}", r.file, r.e("tags").map_or(r.line, |e| e.line));
            let (checks, reason) = tag.split_once(':').unwrap_or((tag.as_str(), ""));
            if reason.trim().is_empty() {
                tracing::warn!(
                    "{origin}: tag stance:suppress = {tag:?} gives no reason; not applied (write \"<check>[,<check>]: <reason>\")"
                );
            }
            for check in checks
                .split(',')
                .map(str::trim)
                .filter(|c| !c.is_empty() && !reason.trim().is_empty())
            {
                result.suppressions.push(InlineSuppression {
                    check: check.to_string(),
                    resource: r.address.clone(),
                    reason: reason.trim().to_string(),
                    origin: origin.clone(),
                });
            }
        }
        if let Some(resource) = plan.map(r) {
            result.resources.push(resource);
        }
    }
    result
}

fn tag_value(r: &TfRes, key: &str) -> Option<String> {
    r.values.get("tags")?.get(key)?.as_str()
}

fn set_lines(node: &mut Node, line: u32) {
    node.line = line;
    match &mut node.kind {
        Kind::Seq(items) => items.iter_mut().for_each(|i| set_lines(i, line)),
        Kind::Map(entries) => entries.iter_mut().for_each(|e| {
            e.line = line;
            set_lines(&mut e.value, line);
        }),
        _ => {}
    }
}

/// The 1-based line of `"address": "<address>"` in the plan text (first occurrence).
fn line_in(text: &str, address: &str) -> u32 {
    let needle = format!("\"address\": \"{address}\"");
    let compact = format!("\"address\":\"{address}\"");
    text.find(&needle)
        .or_else(|| text.find(&compact))
        .map_or(1, |pos| text[..pos].matches('\n').count() as u32 + 1)
}

/// `module.a.module.b.aws_x.y` → `module.a.module.b.`.
fn module_prefix(address: &str) -> &str {
    let mut end = 0;
    let mut rest = address;
    while let Some(after) = rest.strip_prefix("module.") {
        // The module name may carry an index: module.a["x"].
        let Some(dot) = after.find('.') else { break };
        let consumed = "module.".len() + dot + 1;
        end += consumed;
        rest = &rest[consumed..];
    }
    &address[..end]
}

fn collect_planned<'a>(module: &'a Value, out: &mut Vec<&'a Value>) {
    out.extend(module["resources"].as_array().into_iter().flatten());
    for child in module["child_modules"].as_array().into_iter().flatten() {
        collect_planned(child, out);
    }
}

/// The configuration of one module: where its `.tf` files are and its resources' expressions.
#[derive(Default)]
struct ModuleConfig {
    dir: Option<PathBuf>,
    resources: HashMap<String, Expressions>,
}

#[derive(Default)]
struct Expressions {
    /// The configuration's expressions, as written in the plan (arguments the configuration
    /// sets, nested blocks as lists).
    expressions: Value,
    /// References by argument (module-relative base addresses).
    references: HashMap<String, Vec<String>>,
}

fn collect_config(
    module: &Value,
    path: &str,
    dir: Option<PathBuf>,
    out: &mut HashMap<String, ModuleConfig>,
) {
    let mut config = ModuleConfig {
        dir: dir.clone(),
        ..ModuleConfig::default()
    };
    for r in module["resources"].as_array().into_iter().flatten() {
        let Some(address) = r["address"].as_str() else {
            continue;
        };
        let mut e = Expressions {
            expressions: r["expressions"].clone(),
            ..Expressions::default()
        };
        if let Some(map) = r["expressions"].as_object() {
            for (arg, expr) in map {
                let mut refs = Vec::new();
                collect_references(expr, &mut refs);
                if !refs.is_empty() {
                    e.references.insert(arg.clone(), refs);
                }
            }
        }
        config.resources.insert(address.to_string(), e);
    }
    out.insert(path.to_string(), config);
    for (name, call) in module["module_calls"].as_object().into_iter().flatten() {
        let source = call["source"].as_str().unwrap_or_default();
        let child_dir = match &dir {
            Some(d) if source.starts_with("./") || source.starts_with("../") => {
                Some(d.join(source))
            }
            _ => None,
        };
        let child_path = if path.is_empty() {
            format!("module.{name}")
        } else {
            format!("{path}.module.{name}")
        };
        collect_config(&call["module"], &child_path, child_dir, out);
    }
}

/// References of an expression (and of nested blocks), as resource base addresses
/// (`aws_s3_bucket.logs.id` → `aws_s3_bucket.logs`).
fn collect_references(expr: &Value, out: &mut Vec<String>) {
    match expr {
        Value::Object(map) => {
            if let Some(refs) = map.get("references").and_then(Value::as_array) {
                for r in refs.iter().filter_map(Value::as_str) {
                    let parts: Vec<&str> = r.split('.').collect();
                    let base = if parts.first() == Some(&"data") || parts.first() == Some(&"module")
                    {
                        parts.iter().take(3).copied().collect::<Vec<_>>().join(".")
                    } else {
                        parts.iter().take(2).copied().collect::<Vec<_>>().join(".")
                    };
                    let base = base_address(&base).to_string();
                    if !out.contains(&base) {
                        out.push(base);
                    }
                }
            }
            for (k, v) in map {
                if k != "references" {
                    collect_references(v, out);
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|i| collect_references(i, out)),
        _ => {}
    }
}

/// Marks the values `after_unknown` lists. Arguments the configuration does not set (at any
/// nesting level) are provider defaults: they are removed so the mapper applies AWS's
/// default. A configured argument that refers to another resource of the plan (a KMS key's
/// ARN) becomes a reference: present, value unknown.
fn mark_unknown(node: &mut Node, unknown: &Value, expressions: Option<&Expressions>) {
    let configured = expressions.map(|e| &e.expressions);
    mark_value(node, unknown, configured);
    let Some(e) = expressions else { return };
    if let Kind::Map(entries) = &mut node.kind {
        for entry in entries.iter_mut() {
            if let Kind::Unknown(_) = entry.value.kind
                && let Some(target) = e.references.get(&entry.key).and_then(|refs| {
                    refs.iter().find(|r| {
                        !r.starts_with("var.")
                            && !r.starts_with("local.")
                            && !r.starts_with("each.")
                            && !r.starts_with("count.")
                    })
                })
            {
                entry.value.kind = Kind::Unknown(format!("{}${{{target}}}", super::REFERENCE));
            }
        }
    }
}

/// The expressions of one nesting level: a map of arguments (or a one-item list of it, for
/// blocks).
fn expression_level(expr: Option<&Value>) -> Option<&serde_json::Map<String, Value>> {
    match expr? {
        Value::Object(map) => Some(map),
        Value::Array(items) => items.first().and_then(Value::as_object),
        _ => None,
    }
}

fn mark_value(node: &mut Node, unknown: &Value, expr: Option<&Value>) {
    match unknown {
        Value::Bool(true) => node.kind = Kind::Unknown("known after apply".into()),
        Value::Array(items) => {
            if let Kind::Seq(values) = &mut node.kind {
                for (v, u) in values.iter_mut().zip(items) {
                    mark_value(v, u, expr);
                }
            }
        }
        Value::Object(map) => {
            let level = expression_level(expr);
            let line = node.line;
            if let Kind::Map(entries) = &mut node.kind {
                for (k, u) in map {
                    // A `constant_value` sets the whole argument: nothing inside is unknown.
                    let configured = match level {
                        Some(l) if l.contains_key("constant_value") => false,
                        Some(l) => l.contains_key(k),
                        None => expr.is_none(),
                    };
                    if !configured {
                        if *u == Value::Bool(true) {
                            entries.retain(|e| &e.key != k);
                        }
                        continue;
                    }
                    let sub = level.and_then(|l| l.get(k));
                    match entries.iter_mut().find(|e| &e.key == k) {
                        Some(e) => mark_value(&mut e.value, u, sub),
                        None if *u == Value::Bool(true) => entries.push(Entry {
                            key: k.clone(),
                            line,
                            value: Node::new(line, 1, Kind::Unknown("known after apply".into())),
                        }),
                        None => {}
                    }
                }
            }
        }
        _ => {}
    }
}

/// A resource block found in a `.tf` file.
struct Located {
    file: PathBuf,
    line: u32,
    /// Lines of the block's top-level arguments and nested blocks.
    attributes: HashMap<String, u32>,
    ignores: Vec<(String, String, u32)>,
}

/// Finds resource blocks in `.tf` files, reading each directory once.
#[derive(Default)]
struct Locator {
    dirs: HashMap<PathBuf, Vec<(PathBuf, String)>>,
}

impl Locator {
    fn find(&mut self, dir: &Path, rtype: &str, name: &str) -> Option<Located> {
        let files = self.dirs.entry(dir.to_path_buf()).or_insert_with(|| {
            let mut files = Vec::new();
            if let Ok(entries) = std::fs::read_dir(dir) {
                for e in entries.flatten() {
                    let p = e.path();
                    if p.extension().is_some_and(|x| x == "tf")
                        && let Ok(text) = crate::source::snapshot::read_input(&p)
                    {
                        files.push((p, text));
                    }
                }
            }
            files.sort();
            files
        });
        let header = format!("resource \"{rtype}\" \"{name}\"");
        for (path, text) in files.iter() {
            let lines: Vec<&str> = text.lines().collect();
            let Some(index) = lines.iter().position(|l| {
                let t = l.trim_start();
                t.starts_with(&header) && t[header.len()..].trim_start().starts_with('{')
            }) else {
                continue;
            };
            return Some(Located {
                file: path.clone(),
                line: index as u32 + 1,
                attributes: block_attributes(&lines, index),
                ignores: ignores_above(&lines, index),
            });
        }
        None
    }
}

/// Lines of the top-level arguments (`name =`) and nested blocks (`name {`) of the block that
/// opens at `start`.
fn block_attributes(lines: &[&str], start: usize) -> HashMap<String, u32> {
    let mut out = HashMap::new();
    let mut depth: i32 = 0;
    for (i, line) in lines.iter().enumerate().skip(start) {
        let code = line.split('#').next().unwrap_or("");
        let code = code.split("//").next().unwrap_or("");
        if depth == 1 {
            let t = code.trim_start();
            let ident: String = t
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            let rest = t[ident.len()..].trim_start();
            if !ident.is_empty() && (rest.starts_with('=') || rest.starts_with('{')) {
                out.entry(ident).or_insert(i as u32 + 1);
            }
        }
        let mut in_string = false;
        let mut prev = ' ';
        for c in code.chars() {
            match c {
                '"' if prev != '\\' => in_string = !in_string,
                '{' | '[' | '(' if !in_string => depth += 1,
                '}' | ']' | ')' if !in_string => depth -= 1,
                _ => {}
            }
            prev = c;
        }
        if i > start && depth <= 0 {
            break;
        }
    }
    out
}

/// `# stance:ignore <check> <reason>` comments directly above line `start` (the reason empty
/// when the comment gives none).
fn ignores_above(lines: &[&str], start: usize) -> Vec<(String, String, u32)> {
    let mut out = Vec::new();
    let mut i = start;
    while i > 0 {
        i -= 1;
        let t = lines[i].trim();
        let Some(comment) = t.strip_prefix('#').or_else(|| t.strip_prefix("//")) else {
            break;
        };
        if let Some(rest) = comment.trim().strip_prefix("stance:ignore") {
            let rest = rest.trim();
            let (check, reason) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
            if !check.is_empty() {
                // An empty reason is kept so the caller can name the file in its warning.
                out.push((check.to_string(), reason.trim().to_string(), i as u32 + 1));
            }
        }
    }
    out
}

/// All resources of a plan, for joins.
struct Plan {
    resources: Vec<TfRes>,
}

impl Plan {
    /// Resources of `rtype` whose argument `arg` refers to `target` (by reference, or by a
    /// value equal to one of `names`).
    fn related<'a>(
        &'a self,
        rtype: &str,
        arg: &str,
        target: &TfRes,
        names: &[Option<String>],
    ) -> Vec<&'a TfRes> {
        self.resources
            .iter()
            .filter(|r| r.rtype == rtype && refers(r, arg, target, names))
            .collect()
    }

    /// Resources of `rtype` whose list argument `arg` names `target`.
    fn related_list<'a>(
        &'a self,
        rtype: &str,
        arg: &str,
        target: &TfRes,
        names: &[Option<String>],
    ) -> Vec<&'a TfRes> {
        self.resources
            .iter()
            .filter(|r| {
                r.rtype == rtype
                    && (r
                        .refs
                        .get(arg)
                        .is_some_and(|refs| refs.iter().any(|x| x == target.base()))
                        || r.values.get(arg).is_some_and(|v| {
                            v.items().iter().any(|i| {
                                i.as_str()
                                    .is_some_and(|s| names.iter().flatten().any(|n| *n == s))
                            })
                        }))
            })
            .collect()
    }

    fn meta(&self, r: &TfRes, name: Option<String>) -> ResourceMeta {
        let mut meta = iac_meta(
            r.address.clone(),
            Some(name.unwrap_or_else(|| r.address.clone())),
            &r.file,
            r.line,
            Format::Terraform,
            &r.address,
        );
        meta.tags = r
            .values
            .get("tags")
            .map(|t| {
                t.entries()
                    .iter()
                    .filter_map(|e| Some((e.key.clone(), e.value.as_str()?)))
                    .collect()
            })
            .unwrap_or_default();
        meta
    }

    /// A stand-in id for another resource this one refers to through `arg` (its address), or
    /// the literal value.
    fn id_ref(&self, r: &TfRes, arg: &str) -> Option<String> {
        if let Some(target) = r.refs.get(arg).and_then(|refs| {
            refs.iter()
                .find(|x| !x.starts_with("var.") && !x.contains("data."))
        }) && self.resources.iter().any(|x| x.base() == target)
        {
            return Some(target.clone());
        }
        r.str(arg)
    }

    fn map(&self, r: &TfRes) -> Option<Resource> {
        Some(match r.rtype.as_str() {
            "aws_s3_bucket" => self.s3_bucket(r),
            "aws_s3_account_public_access_block" => self.s3_account_pab(r),
            "aws_security_group" => self.security_group(r),
            "aws_instance" => self.instance(r),
            "aws_launch_template" => self.launch_template(r),
            "aws_ebs_volume" => self.volume(r),
            "aws_ebs_encryption_by_default" => self.ebs_default(r),
            "aws_vpc" => self.vpc(r),
            "aws_flow_log" => self.flow_log(r),
            "aws_subnet" => self.subnet(r),
            "aws_db_instance" => self.db_instance(r),
            "aws_rds_cluster" => self.db_cluster(r),
            "aws_kms_key" => self.kms_key(r),
            "aws_cloudtrail" => self.trail(r),
            "aws_iam_user" => self.iam_user(r),
            "aws_iam_group" => self.iam_group(r),
            "aws_iam_role" => self.iam_role(r),
            "aws_iam_policy" => self.iam_policy(r),
            "aws_iam_account_password_policy" => self.password_policy(r),
            "aws_lambda_function" => self.lambda(r),
            "aws_sqs_queue" => self.sqs_queue(r),
            "aws_sns_topic" => self.sns_topic(r),
            "aws_efs_file_system" => self.efs(r),
            "aws_efs_access_point" => self.efs_access_point(r),
            "aws_dynamodb_table" => self.dynamodb(r),
            "aws_ecr_repository" => self.ecr(r),
            "aws_ecs_task_definition" => self.task_definition(r),
            "aws_ecs_cluster" => self.ecs_cluster(r),
            "aws_ecs_service" => self.ecs_service(r),
            "aws_lb" | "aws_alb" => self.load_balancer(r),
            "aws_secretsmanager_secret" => self.secret(r),
            "aws_config_configuration_recorder" => self.config_recorder(r),
            "aws_cloudwatch_log_group" => self.log_group(r),
            _ => return None,
        })
    }

    // ---- S3 ------------------------------------------------------------------------------

    /// `aws_s3_bucket` joined with its `aws_s3_bucket_*` configuration resources (and the
    /// deprecated inline blocks when no separate resource exists). Defaults as for
    /// CloudFormation: SSE-S3, Block Public Access all on and `BucketOwnerEnforced` unless a
    /// related resource says otherwise; versioning and logging off.
    fn s3_bucket(&self, r: &TfRes) -> Resource {
        let mut f = Fields::default();
        let name = r.str("bucket");
        let names = [name.clone()];
        let one = |t: &str| self.related(t, "bucket", r, &names).into_iter().next_back();

        let public_access_block = match one("aws_s3_bucket_public_access_block") {
            Some(p) => {
                f.at("public_access_block", p.line);
                let mut flag = |k: &str| f.bool("public_access_block", p.e(k), false);
                Some(PublicAccessBlock {
                    block_public_acls: flag("block_public_acls"),
                    ignore_public_acls: flag("ignore_public_acls"),
                    block_public_policy: flag("block_public_policy"),
                    restrict_public_buckets: flag("restrict_public_buckets"),
                })
            }
            None => Some(PublicAccessBlock {
                block_public_acls: true,
                ignore_public_acls: true,
                block_public_policy: true,
                restrict_public_buckets: true,
            }),
        };

        let sse_source = one("aws_s3_bucket_server_side_encryption_configuration");
        let sse_rules: Vec<Node> = match sse_source {
            Some(s) => {
                f.at("encryption_rules", s.line);
                s.values
                    .get("rule")
                    .map(|n| n.items().to_vec())
                    .unwrap_or_default()
            }
            None => r
                .block("server_side_encryption_configuration")
                .and_then(|c| c.get("rule"))
                .map(|n| n.items().to_vec())
                .unwrap_or_default(),
        };
        let mut encryption_rules: Vec<EncryptionRule> = sse_rules
            .iter()
            .map(|rule| {
                let d = rule
                    .get("apply_server_side_encryption_by_default")
                    .and_then(block_of);
                EncryptionRule {
                    sse_algorithm: f
                        .str("encryption_rules", d.and_then(|d| d.entry("sse_algorithm")))
                        .unwrap_or_else(|| "AES256".into()),
                    kms_master_key_id: f.present(
                        "encryption_rules",
                        d.and_then(|d| d.entry("kms_master_key_id")),
                    ),
                    bucket_key_enabled: f.bool(
                        "encryption_rules",
                        rule.entry("bucket_key_enabled"),
                        false,
                    ),
                }
            })
            .collect();
        if encryption_rules.is_empty() && !f.unknown.iter().any(|u| u == "encryption_rules") {
            encryption_rules.push(EncryptionRule {
                sse_algorithm: "AES256".into(),
                kms_master_key_id: None,
                bucket_key_enabled: false,
            });
        }

        let versioning = match one("aws_s3_bucket_versioning") {
            Some(v) => {
                f.at("versioning", v.line);
                let c = v.block("versioning_configuration");
                let status = f.str("versioning", c.and_then(|c| c.entry("status")));
                Versioning {
                    status: status.filter(|s| s != "Disabled"),
                    mfa_delete: f
                        .str("versioning", c.and_then(|c| c.entry("mfa_delete")))
                        .as_deref()
                        == Some("Enabled"),
                }
            }
            None => match r.block("versioning") {
                Some(v) => {
                    f.at_entry("versioning", r.e("versioning"));
                    let enabled = f.bool("versioning", v.entry("enabled"), false);
                    Versioning {
                        status: enabled.then(|| "Enabled".into()),
                        mfa_delete: f.bool("versioning", v.entry("mfa_delete"), false),
                    }
                }
                None => Versioning::default(),
            },
        };

        let logging = match one("aws_s3_bucket_logging") {
            Some(l) => {
                f.at("logging", l.line);
                BucketLogging {
                    enabled: true,
                    target_bucket: f
                        .present("logging", l.e("target_bucket"))
                        .or_else(|| Some("(bucket)".into())),
                    target_prefix: f.str("logging", l.e("target_prefix")),
                }
            }
            None => match r.block("logging") {
                Some(l) => {
                    f.at_entry("logging", r.e("logging"));
                    BucketLogging {
                        enabled: true,
                        target_bucket: f.present("logging", l.entry("target_bucket")),
                        target_prefix: f.str("logging", l.entry("target_prefix")),
                    }
                }
                None => BucketLogging::default(),
            },
        };

        let acl_entry = one("aws_s3_bucket_acl")
            .map(|a| (a.e("acl"), a.line))
            .unwrap_or((r.e("acl"), r.line));
        let acl = canned_acl(&mut f, acl_entry.0);
        if acl_entry.0.is_some() {
            f.at("acl", acl_entry.1);
        }

        let object_ownership = match one("aws_s3_bucket_ownership_controls") {
            Some(o) => {
                f.at("object_ownership", o.line);
                f.str(
                    "object_ownership",
                    o.block("rule").and_then(|b| b.entry("object_ownership")),
                )
            }
            None => Some("BucketOwnerEnforced".into()),
        };

        let lifecycle_rule_count = match one("aws_s3_bucket_lifecycle_configuration") {
            Some(l) => {
                f.at("lifecycle_rule_count", l.line);
                l.values.get("rule").map_or(0, |n| n.items().len() as u32)
            }
            None => r
                .values
                .get("lifecycle_rule")
                .map_or(0, |n| n.items().len() as u32),
        };

        let policy = match one("aws_s3_bucket_policy") {
            Some(p) => {
                f.at("policy", p.line);
                f.json("policy", p.e("policy"))
            }
            None => f.json("policy", r.e("policy")),
        };
        let object_lock_enabled = f.bool("object_lock_enabled", r.e("object_lock_enabled"), false);
        let mut meta = self.meta(r, name.clone());
        if let Some(n) = &name {
            meta.arn = Some(format!("arn:aws:s3:::{n}"));
        }
        apply_fields(&mut meta, f);
        Resource::S3Bucket(S3Bucket {
            meta,
            creation_date: None,
            public_access_block,
            encryption_rules,
            versioning,
            logging,
            policy,
            acl,
            object_ownership,
            object_lock_enabled,
            lifecycle_rule_count,
            derived: Default::default(),
        })
    }

    /// `aws_s3_account_public_access_block`: flags default to false.
    fn s3_account_pab(&self, r: &TfRes) -> Resource {
        let mut f = Fields::default();
        let mut flag = |k: &str| f.bool("configuration", r.e(k), false);
        let configuration = Some(PublicAccessBlock {
            block_public_acls: flag("block_public_acls"),
            ignore_public_acls: flag("ignore_public_acls"),
            block_public_policy: flag("block_public_policy"),
            restrict_public_buckets: flag("restrict_public_buckets"),
        });
        let mut meta = self.meta(r, None);
        apply_fields(&mut meta, f);
        Resource::S3AccountPublicAccessBlock(S3AccountPublicAccessBlock {
            meta,
            configuration,
        })
    }

    // ---- EC2 -----------------------------------------------------------------------------

    /// `aws_security_group` with `aws_security_group_rule` and
    /// `aws_vpc_security_group_ingress_rule`/`egress_rule`. Terraform removes EC2's default
    /// allow-all egress, so there is none unless written.
    fn security_group(&self, r: &TfRes) -> Resource {
        let mut f = Fields::default();
        let group_name = r
            .str("name")
            .or_else(|| r.str("name_prefix"))
            .unwrap_or_else(|| r.address.clone());
        let mut ingress = Vec::new();
        let mut egress = Vec::new();
        for (key, list) in [("ingress", &mut ingress), ("egress", &mut egress)] {
            if let Some(e) = r.e(key) {
                f.at(key, e.line);
                if let Kind::Unknown(_) = e.value.kind {
                    f.unknown(key);
                }
                for rule in e.value.items() {
                    list.push(sg_rule(&mut f, key, rule, e.line, false));
                }
            }
        }
        let names = [None];
        for rule in self.related("aws_security_group_rule", "security_group_id", r, &names) {
            let key = if rule.str("type").as_deref() == Some("egress") {
                "egress"
            } else {
                "ingress"
            };
            f.at(key, rule.line);
            let p = sg_rule(&mut f, key, &rule.values, rule.line, false);
            if key == "egress" {
                egress.push(p)
            } else {
                ingress.push(p)
            }
        }
        for (t, key) in [
            ("aws_vpc_security_group_ingress_rule", "ingress"),
            ("aws_vpc_security_group_egress_rule", "egress"),
        ] {
            for rule in self.related(t, "security_group_id", r, &names) {
                f.at(key, rule.line);
                let p = sg_rule(&mut f, key, &rule.values, rule.line, true);
                if key == "egress" {
                    egress.push(p)
                } else {
                    ingress.push(p)
                }
            }
        }
        let sg = Ec2SecurityGroup {
            group_id: r.address.clone(),
            description: f.str("description", r.e("description")).unwrap_or_default(),
            vpc_id: self.id_ref(r, "vpc_id"),
            ingress,
            egress,
            attached_interface_count: None,
            derived: Default::default(),
            group_name: group_name.clone(),
            meta: ResourceMeta::new("", "", "", ""),
        };
        let mut meta = self.meta(r, Some(group_name));
        apply_fields(&mut meta, f);
        Resource::Ec2SecurityGroup(Ec2SecurityGroup { meta, ..sg })
    }

    /// `aws_instance`: IMDS options from `metadata_options`, else from the launch template it
    /// uses, else the EC2 API default (`optional`). A public IP depends on the subnet unless
    /// `associate_public_ip_address` is set; the virtualization type on the AMI.
    fn instance(&self, r: &TfRes) -> Resource {
        let mut f = Fields::default();
        let mut metadata_options = MetadataOptions {
            http_tokens: "optional".into(),
            http_endpoint: "enabled".into(),
            http_put_response_hop_limit: None,
        };
        let template = r.refs.get("launch_template").and_then(|refs| {
            refs.iter().find_map(|x| {
                self.resources
                    .iter()
                    .find(|t| t.base() == x && t.rtype == "aws_launch_template")
            })
        });
        if let Some(t) = template
            && let Some(m) = t.block("metadata_options")
        {
            f.at_entry("metadata_options", r.e("launch_template"));
            read_metadata_options(&mut f, m, &mut metadata_options);
        } else if r.block("launch_template").is_some() {
            f.unknown("metadata_options");
        }
        if let Some(m) = r.block("metadata_options") {
            f.at_entry("metadata_options", r.e("metadata_options"));
            read_metadata_options(&mut f, m, &mut metadata_options);
        }
        let public_ip_address = match r.e("associate_public_ip_address") {
            Some(e) => f
                .opt_bool("public_ip_address", Some(e))
                .and_then(|b| b.then(|| "(assigned at launch)".to_string())),
            None => {
                f.unknown("public_ip_address");
                None
            }
        };
        f.unknown("virtualization_type");
        let instance = Ec2Instance {
            instance_id: r.address.clone(),
            state: "pending".into(),
            instance_type: f
                .str("instance_type", r.e("instance_type"))
                .unwrap_or_default(),
            image_id: f.str("image_id", r.e("ami")),
            launch_time: None,
            metadata_options,
            public_ip_address,
            iam_instance_profile_arn: f
                .present("iam_instance_profile_arn", r.e("iam_instance_profile")),
            vpc_id: None,
            subnet_id: self.id_ref(r, "subnet_id"),
            security_group_ids: f.strings("security_group_ids", r.e("vpc_security_group_ids")),
            network_interface_count: 1,
            virtualization_type: String::new(),
            stopped_since: None,
            derived: Default::default(),
            meta: ResourceMeta::new("", "", "", ""),
        };
        let mut meta = self.meta(r, None);
        apply_fields(&mut meta, f);
        Resource::Ec2Instance(Ec2Instance { meta, ..instance })
    }

    /// `aws_launch_template`.
    fn launch_template(&self, r: &TfRes) -> Resource {
        let mut f = Fields::default();
        let metadata_http_tokens = r.block("metadata_options").and_then(|m| {
            f.at_entry("metadata_http_tokens", r.e("metadata_options"));
            f.str("metadata_http_tokens", m.entry("http_tokens"))
        });
        let mut associates_public_ip = false;
        if let Some(ni) = r.e("network_interfaces") {
            for i in ni.value.items() {
                associates_public_ip |= f.bool(
                    "associates_public_ip",
                    i.entry("associate_public_ip_address"),
                    false,
                );
            }
        }
        let mut all_ebs_encrypted = true;
        if let Some(bdm) = r.e("block_device_mappings") {
            for b in bdm.value.items() {
                if let Some(ebs) = b.get("ebs").and_then(block_of) {
                    all_ebs_encrypted &= f.bool("all_ebs_encrypted", ebs.entry("encrypted"), false);
                }
            }
        }
        let mut meta = self.meta(r, r.str("name"));
        apply_fields(&mut meta, f);
        Resource::Ec2LaunchTemplate(Ec2LaunchTemplate {
            meta,
            default_version: 1,
            metadata_http_tokens,
            associates_public_ip,
            all_ebs_encrypted,
        })
    }

    /// `aws_ebs_volume` (+ `aws_volume_attachment`): unencrypted unless `encrypted` is set
    /// (the account-level default is outside the plan, unless the plan sets it too).
    fn volume(&self, r: &TfRes) -> Resource {
        let mut f = Fields::default();
        let attached_instance_ids = self
            .related("aws_volume_attachment", "volume_id", r, &[None])
            .iter()
            .map(|a| {
                self.id_ref(a, "instance_id")
                    .unwrap_or_else(|| "(instance)".into())
            })
            .collect();
        let volume = Ec2Volume {
            volume_id: r.address.clone(),
            encrypted: f.bool("encrypted", r.e("encrypted"), false),
            kms_key_id: f.present("kms_key_id", r.e("kms_key_id")),
            size_gib: f.int("size_gib", r.e("size")).unwrap_or(0) as i32,
            state: "creating".into(),
            attached_instance_ids,
            meta: ResourceMeta::new("", "", "", ""),
        };
        let mut meta = self.meta(r, None);
        apply_fields(&mut meta, f);
        Resource::Ec2Volume(Ec2Volume { meta, ..volume })
    }

    /// `aws_ebs_encryption_by_default`: `enabled` defaults to true.
    fn ebs_default(&self, r: &TfRes) -> Resource {
        let mut f = Fields::default();
        let enabled = f.bool("enabled", r.e("enabled"), true);
        let mut meta = self.meta(r, None);
        apply_fields(&mut meta, f);
        Resource::Ec2EbsEncryptionDefault(Ec2EbsEncryptionDefault {
            meta,
            enabled,
            kms_key_id: None,
        })
    }

    /// `aws_vpc`; flow logs join by the derive step (the flow log's `vpc_id` reference).
    fn vpc(&self, r: &TfRes) -> Resource {
        let mut f = Fields::default();
        let cidr_block = f.str("cidr_block", r.e("cidr_block"));
        let mut meta = self.meta(r, None);
        apply_fields(&mut meta, f);
        Resource::Ec2Vpc(Ec2Vpc {
            meta,
            vpc_id: r.address.clone(),
            cidr_block,
            is_default: false,
            state: "pending".into(),
            derived: Default::default(),
        })
    }

    /// `aws_flow_log`: traffic type as written (required by the provider).
    fn flow_log(&self, r: &TfRes) -> Resource {
        let mut f = Fields::default();
        let resource_id = ["vpc_id", "subnet_id", "eni_id", "transit_gateway_id"]
            .iter()
            .find_map(|k| self.id_ref(r, k))
            .unwrap_or_default();
        let flow = Ec2FlowLog {
            flow_log_id: r.address.clone(),
            resource_id,
            traffic_type: f
                .str("traffic_type", r.e("traffic_type"))
                .unwrap_or_else(|| "ALL".into()),
            status: "ACTIVE".into(),
            log_destination_type: f
                .str("log_destination_type", r.e("log_destination_type"))
                .unwrap_or_else(|| "cloud-watch-logs".into()),
            meta: ResourceMeta::new("", "", "", ""),
        };
        let mut meta = self.meta(r, None);
        apply_fields(&mut meta, f);
        Resource::Ec2FlowLog(Ec2FlowLog { meta, ..flow })
    }

    /// `aws_subnet`.
    fn subnet(&self, r: &TfRes) -> Resource {
        let mut f = Fields::default();
        let subnet = Ec2Subnet {
            subnet_id: r.address.clone(),
            vpc_id: self.id_ref(r, "vpc_id").unwrap_or_default(),
            availability_zone: f
                .str("availability_zone", r.e("availability_zone"))
                .unwrap_or_default(),
            map_public_ip_on_launch: f.bool(
                "map_public_ip_on_launch",
                r.e("map_public_ip_on_launch"),
                false,
            ),
            derived: Default::default(),
            meta: ResourceMeta::new("", "", "", ""),
        };
        let mut meta = self.meta(r, None);
        apply_fields(&mut meta, f);
        Resource::Ec2Subnet(Ec2Subnet { meta, ..subnet })
    }

    // ---- RDS -----------------------------------------------------------------------------

    fn parameters(
        &self,
        f: &mut Fields,
        r: &TfRes,
        arg: &str,
        group_type: &str,
    ) -> BTreeMap<String, String> {
        let group = r.refs.get(arg).and_then(|refs| {
            refs.iter().find_map(|x| {
                self.resources
                    .iter()
                    .find(|g| g.base() == x && g.rtype == group_type)
            })
        });
        match group {
            Some(g) => g
                .values
                .get("parameter")
                .map(Node::items)
                .unwrap_or_default()
                .iter()
                .filter_map(|p| Some((p.get("name")?.as_str()?, p.get("value")?.as_str()?)))
                .collect(),
            None => {
                f.unknown("parameters");
                BTreeMap::new()
            }
        }
    }

    /// `aws_db_instance`: provider defaults (not public, not Multi-AZ, unencrypted, minor
    /// upgrades on, the engine's port).
    fn db_instance(&self, r: &TfRes) -> Resource {
        let mut f = Fields::default();
        let engine = f.str("engine", r.e("engine")).unwrap_or_default();
        let port = f
            .int("port", r.e("port"))
            .map(|p| p as i32)
            .or_else(|| crate::model::derive::default_port(&engine));
        let parameters =
            self.parameters(&mut f, r, "parameter_group_name", "aws_db_parameter_group");
        f.unknown("subnet_ids");
        let db = RdsDbInstance {
            db_instance_identifier: r.str("identifier").unwrap_or_else(|| r.address.clone()),
            engine_version: f
                .str("engine_version", r.e("engine_version"))
                .unwrap_or_default(),
            storage_encrypted: f.bool("storage_encrypted", r.e("storage_encrypted"), false),
            publicly_accessible: f.bool("publicly_accessible", r.e("publicly_accessible"), false),
            multi_az: f.bool("multi_az", r.e("multi_az"), false),
            auto_minor_version_upgrade: f.bool(
                "auto_minor_version_upgrade",
                r.e("auto_minor_version_upgrade"),
                true,
            ),
            deletion_protection: f.bool("deletion_protection", r.e("deletion_protection"), false),
            backup_retention_period: f
                .int("backup_retention_period", r.e("backup_retention_period"))
                .unwrap_or(1) as i32,
            iam_database_authentication_enabled: f.bool(
                "iam_database_authentication_enabled",
                r.e("iam_database_authentication_enabled"),
                false,
            ),
            enabled_cloudwatch_logs_exports: f.strings(
                "enabled_cloudwatch_logs_exports",
                r.e("enabled_cloudwatch_logs_exports"),
            ),
            monitoring_interval: f
                .int("monitoring_interval", r.e("monitoring_interval"))
                .unwrap_or(0) as i32,
            copy_tags_to_snapshot: f.bool(
                "copy_tags_to_snapshot",
                r.e("copy_tags_to_snapshot"),
                false,
            ),
            port,
            master_username: f.str("master_username", r.e("username")),
            db_cluster_identifier: self.id_ref(r, "cluster_identifier"),
            subnet_ids: Vec::new(),
            parameters,
            derived: Default::default(),
            engine,
            meta: ResourceMeta::new("", "", "", ""),
        };
        let mut meta = self.meta(r, None);
        apply_fields(&mut meta, f);
        Resource::RdsDbInstance(RdsDbInstance { meta, ..db })
    }

    /// `aws_rds_cluster`.
    fn db_cluster(&self, r: &TfRes) -> Resource {
        let mut f = Fields::default();
        let engine = f
            .str("engine", r.e("engine"))
            .unwrap_or_else(|| "aurora".into());
        let port = f
            .int("port", r.e("port"))
            .map(|p| p as i32)
            .or_else(|| crate::model::derive::default_port(&engine));
        let parameters = self.parameters(
            &mut f,
            r,
            "db_cluster_parameter_group_name",
            "aws_rds_cluster_parameter_group",
        );
        let zones = f.strings("availability_zone_count", r.e("availability_zones"));
        if r.e("availability_zones").is_none() {
            f.unknown("availability_zone_count");
        }
        let db = RdsDbCluster {
            db_cluster_identifier: r
                .str("cluster_identifier")
                .unwrap_or_else(|| r.address.clone()),
            engine_mode: f
                .str("engine_mode", r.e("engine_mode"))
                .unwrap_or_else(|| "provisioned".into()),
            storage_encrypted: f.bool("storage_encrypted", r.e("storage_encrypted"), false),
            deletion_protection: f.bool("deletion_protection", r.e("deletion_protection"), false),
            availability_zone_count: zones.len() as u32,
            multi_az: zones.len() > 1,
            iam_database_authentication_enabled: f.bool(
                "iam_database_authentication_enabled",
                r.e("iam_database_authentication_enabled"),
                false,
            ),
            backtrack_window: f
                .int("backtrack_window", r.e("backtrack_window"))
                .unwrap_or(0),
            copy_tags_to_snapshot: f.bool(
                "copy_tags_to_snapshot",
                r.e("copy_tags_to_snapshot"),
                false,
            ),
            enabled_cloudwatch_logs_exports: f.strings(
                "enabled_cloudwatch_logs_exports",
                r.e("enabled_cloudwatch_logs_exports"),
            ),
            auto_minor_version_upgrade: f.bool(
                "auto_minor_version_upgrade",
                r.e("auto_minor_version_upgrade"),
                true,
            ),
            backup_retention_period: f
                .int("backup_retention_period", r.e("backup_retention_period"))
                .unwrap_or(1) as i32,
            master_username: f.str("master_username", r.e("master_username")),
            port,
            parameters,
            derived: Default::default(),
            engine,
            meta: ResourceMeta::new("", "", "", ""),
        };
        let mut meta = self.meta(r, None);
        apply_fields(&mut meta, f);
        Resource::RdsDbCluster(RdsDbCluster { meta, ..db })
    }

    // ---- KMS, CloudTrail, Config, Logs ---------------------------------------------------------

    /// `aws_kms_key`: symmetric, rotation off unless `enable_key_rotation`; the default key
    /// policy when `policy` is not set.
    fn kms_key(&self, r: &TfRes) -> Resource {
        let mut f = Fields::default();
        let enabled = f.bool("key_state", r.e("is_enabled"), true);
        let key = KmsKey {
            key_id: r.address.clone(),
            key_manager: "CUSTOMER".into(),
            key_state: if enabled { "Enabled" } else { "Disabled" }.into(),
            key_spec: f
                .str("key_spec", r.e("customer_master_key_spec"))
                .unwrap_or_else(|| "SYMMETRIC_DEFAULT".into()),
            key_usage: f
                .str("key_usage", r.e("key_usage"))
                .unwrap_or_else(|| "ENCRYPT_DECRYPT".into()),
            origin: "AWS_KMS".into(),
            rotation_enabled: Some(f.bool("rotation_enabled", r.e("enable_key_rotation"), false)),
            policy: f.json("policy", r.e("policy")),
            deletion_date: None,
            derived: Default::default(),
            meta: ResourceMeta::new("", "", "", ""),
        };
        let mut meta = self.meta(r, None);
        apply_fields(&mut meta, f);
        Resource::KmsKey(KmsKey { meta, ..key })
    }

    /// `aws_cloudtrail`: management events (all) unless selectors say otherwise; global
    /// service events and logging on by default; validation off.
    fn trail(&self, r: &TfRes) -> Resource {
        let mut f = Fields::default();
        let mut event_selectors = Vec::new();
        if let Some(e) = r.e("event_selector") {
            f.at("event_selectors", e.line);
            for s in e.value.items() {
                event_selectors.push(EventSelector {
                    read_write_type: f
                        .str("event_selectors", s.entry("read_write_type"))
                        .unwrap_or_else(|| "All".into()),
                    include_management_events: f.bool(
                        "event_selectors",
                        s.entry("include_management_events"),
                        true,
                    ),
                    data_resources: s
                        .get("data_resource")
                        .map(Node::items)
                        .unwrap_or_default()
                        .iter()
                        .map(|d| DataResource {
                            resource_type: d.get("type").and_then(Node::as_str).unwrap_or_default(),
                            values: f.strings("event_selectors", d.entry("values")),
                        })
                        .collect(),
                });
            }
        }
        let mut advanced_event_selectors = Vec::new();
        if let Some(e) = r.e("advanced_event_selector") {
            f.at("advanced_event_selectors", e.line);
            let list = |n: &Node, k: &str| -> Vec<String> {
                n.get(k)
                    .map(Node::items)
                    .unwrap_or_default()
                    .iter()
                    .filter_map(Node::as_str)
                    .collect()
            };
            for s in e.value.items() {
                advanced_event_selectors.push(AdvancedEventSelector {
                    name: s.get("name").and_then(Node::as_str),
                    field_selectors: s
                        .get("field_selector")
                        .map(Node::items)
                        .unwrap_or_default()
                        .iter()
                        .map(|fs| AdvancedFieldSelector {
                            field: fs.get("field").and_then(Node::as_str).unwrap_or_default(),
                            equals: list(fs, "equals"),
                            not_equals: list(fs, "not_equals"),
                            starts_with: list(fs, "starts_with"),
                            not_starts_with: list(fs, "not_starts_with"),
                        })
                        .collect(),
                });
            }
        }
        if event_selectors.is_empty() && advanced_event_selectors.is_empty() {
            event_selectors.push(EventSelector {
                read_write_type: "All".into(),
                include_management_events: true,
                data_resources: Vec::new(),
            });
        }
        let trail = CloudTrailTrail {
            is_multi_region_trail: f.bool(
                "is_multi_region_trail",
                r.e("is_multi_region_trail"),
                false,
            ),
            is_organization_trail: f.bool(
                "is_organization_trail",
                r.e("is_organization_trail"),
                false,
            ),
            include_global_service_events: f.bool(
                "include_global_service_events",
                r.e("include_global_service_events"),
                true,
            ),
            log_file_validation_enabled: f.bool(
                "log_file_validation_enabled",
                r.e("enable_log_file_validation"),
                false,
            ),
            kms_key_id: f.present("kms_key_id", r.e("kms_key_id")),
            s3_bucket_name: f.present("s3_bucket_name", r.e("s3_bucket_name")),
            cloud_watch_logs_log_group_arn: f.present(
                "cloud_watch_logs_log_group_arn",
                r.e("cloud_watch_logs_group_arn"),
            ),
            is_logging: f.bool("is_logging", r.e("enable_logging"), true),
            latest_cloud_watch_logs_delivery_time: None,
            event_selectors,
            advanced_event_selectors,
            derived: Default::default(),
            meta: ResourceMeta::new("", "", "", ""),
        };
        let mut meta = self.meta(r, r.str("name"));
        apply_fields(&mut meta, f);
        Resource::CloudTrailTrail(CloudTrailTrail { meta, ..trail })
    }

    /// `aws_config_configuration_recorder`.
    fn config_recorder(&self, r: &TfRes) -> Resource {
        let mut f = Fields::default();
        let g = r.block("recording_group");
        let recorder = ConfigRecorder {
            role_arn: f.present("role_arn", r.e("role_arn")),
            all_supported: f.bool(
                "all_supported",
                g.and_then(|g| g.entry("all_supported")),
                true,
            ),
            include_global_resource_types: f.bool(
                "include_global_resource_types",
                g.and_then(|g| g.entry("include_global_resource_types")),
                false,
            ),
            recording_strategy: None,
            resource_types: f.strings("resource_types", g.and_then(|g| g.entry("resource_types"))),
            excluded_resource_types: Vec::new(),
            recording: true,
            last_status: None,
            meta: ResourceMeta::new("", "", "", ""),
        };
        let mut meta = self.meta(r, r.str("name"));
        apply_fields(&mut meta, f);
        Resource::ConfigRecorder(ConfigRecorder { meta, ..recorder })
    }

    /// `aws_cloudwatch_log_group`.
    fn log_group(&self, r: &TfRes) -> Resource {
        let mut f = Fields::default();
        let group = LogsLogGroup {
            retention_in_days: f
                .int("retention_in_days", r.e("retention_in_days"))
                .filter(|d| *d > 0)
                .map(|d| d as i32),
            kms_key_id: f.present("kms_key_id", r.e("kms_key_id")),
            meta: ResourceMeta::new("", "", "", ""),
        };
        let mut meta = self.meta(r, r.str("name"));
        apply_fields(&mut meta, f);
        Resource::LogsLogGroup(LogsLogGroup { meta, ..group })
    }

    // ---- IAM -----------------------------------------------------------------------------

    /// Inline policies from `aws_iam_{kind}_policy` resources naming the principal (and a
    /// role's `inline_policy` blocks).
    fn inline_policies(&self, f: &mut Fields, r: &TfRes, kind: &str) -> Vec<InlinePolicy> {
        let mut out = Vec::new();
        if let Some(e) = r.e("inline_policy") {
            for p in e.value.items() {
                if p.get("policy").is_none() {
                    continue;
                }
                f.at("inline_policies", e.line);
                if let Some(document) = f.json("inline_policies", p.entry("policy")) {
                    out.push(InlinePolicy {
                        name: p.get("name").and_then(Node::as_str).unwrap_or_default(),
                        document,
                        derived: Default::default(),
                    });
                }
            }
        }
        for p in self.related(&format!("aws_iam_{kind}_policy"), kind, r, &[r.str("name")]) {
            f.at("inline_policies", p.line);
            if let Some(document) = f.json("inline_policies", p.e("policy")) {
                out.push(InlinePolicy {
                    name: p.str("name").unwrap_or_else(|| p.address.clone()),
                    document,
                    derived: Default::default(),
                });
            }
        }
        out
    }

    /// Managed policies attached by `aws_iam_{kind}_policy_attachment` and
    /// `aws_iam_policy_attachment`, as ARNs (a policy of the plan by its address).
    fn attached_policies(&self, f: &mut Fields, r: &TfRes, kind: &str) -> Vec<String> {
        let names = [r.str("name")];
        let mut out: Vec<String> = f.strings("attached_policies", r.e("managed_policy_arns"));
        for a in self.related(
            &format!("aws_iam_{kind}_policy_attachment"),
            kind,
            r,
            &names,
        ) {
            f.at("attached_policies", a.line);
            match self.id_ref(a, "policy_arn") {
                Some(arn) => out.push(arn),
                None => f.unknown("attached_policies"),
            }
        }
        for a in self.related_list("aws_iam_policy_attachment", &format!("{kind}s"), r, &names) {
            f.at("attached_policies", a.line);
            match self.id_ref(a, "policy_arn") {
                Some(arn) => out.push(arn),
                None => f.unknown("attached_policies"),
            }
        }
        out
    }

    /// `aws_iam_user` (+ login profile, group memberships, policies, access keys).
    fn iam_user(&self, r: &TfRes) -> Resource {
        let mut f = Fields::default();
        let names = [r.str("name")];
        let inline_policies = self.inline_policies(&mut f, r, "user");
        let attached_policies = self.attached_policies(&mut f, r, "user");
        let login = self.related("aws_iam_user_login_profile", "user", r, &names);
        if let Some(l) = login.first() {
            f.at("password_enabled", l.line);
        }
        let mut groups = Vec::new();
        for m in self.related("aws_iam_user_group_membership", "user", r, &names) {
            groups.extend(
                m.values
                    .get("groups")
                    .map(Node::items)
                    .unwrap_or_default()
                    .iter()
                    .filter_map(Node::as_str),
            );
        }
        for m in self.related_list("aws_iam_group_membership", "users", r, &names) {
            groups.extend(m.str("group"));
        }
        let mut access_keys = Vec::new();
        for key in self.related("aws_iam_access_key", "user", r, &names) {
            f.at("access_keys", key.line);
            // `status` defaults to Active; a value unknown until apply is unknown, not Active.
            let status = match key.values.get("status").map(|n| &n.kind) {
                None | Some(Kind::Null) => Some("Active".to_string()),
                Some(_) => key.str("status"),
            };
            let Some(status) = status else {
                f.unknown.push("access_keys".to_string());
                continue;
            };
            access_keys.push(AccessKey {
                id: key.address.clone(),
                status,
                created: None,
                last_used: None,
                age_days: None,
                days_since_last_use: None,
            });
        }
        let user = IamUser {
            created: None,
            password_enabled: !login.is_empty(),
            password_last_used: None,
            mfa_devices: Vec::new(),
            access_keys,
            attached_policies,
            inline_policies,
            groups,
            derived: Default::default(),
            meta: ResourceMeta::new("", "", "", ""),
        };
        let mut meta = self.meta(r, r.str("name"));
        apply_fields(&mut meta, f);
        Resource::IamUser(IamUser { meta, ..user })
    }

    /// `aws_iam_group`.
    fn iam_group(&self, r: &TfRes) -> Resource {
        let mut f = Fields::default();
        let inline_policies = self.inline_policies(&mut f, r, "group");
        let attached_policies = self.attached_policies(&mut f, r, "group");
        let mut meta = self.meta(r, r.str("name"));
        apply_fields(&mut meta, f);
        Resource::IamGroup(IamGroup {
            meta,
            attached_policies,
            inline_policies,
            users: Vec::new(),
        })
    }

    /// `aws_iam_role`: path `/` by default.
    fn iam_role(&self, r: &TfRes) -> Resource {
        let mut f = Fields::default();
        let inline_policies = self.inline_policies(&mut f, r, "role");
        let attached_policies = self.attached_policies(&mut f, r, "role");
        let role = IamRole {
            path: f.str("path", r.e("path")).unwrap_or_else(|| "/".into()),
            assume_role_policy: f
                .json("assume_role_policy", r.e("assume_role_policy"))
                .unwrap_or_default(),
            attached_policies,
            inline_policies,
            last_used: None,
            derived: Default::default(),
            meta: ResourceMeta::new("", "", "", ""),
        };
        let mut meta = self.meta(r, r.str("name"));
        apply_fields(&mut meta, f);
        Resource::IamRole(IamRole { meta, ..role })
    }

    /// `aws_iam_policy`, with the principals its attachments name.
    fn iam_policy(&self, r: &TfRes) -> Resource {
        let mut f = Fields::default();
        let document = f.json("document", r.e("policy")).unwrap_or_default();
        let mut users = Vec::new();
        let mut groups = Vec::new();
        let mut roles = Vec::new();
        for (kind, list) in [
            ("user", &mut users),
            ("group", &mut groups),
            ("role", &mut roles),
        ] {
            for a in self.related(
                &format!("aws_iam_{kind}_policy_attachment"),
                "policy_arn",
                r,
                &[None],
            ) {
                list.extend(self.id_ref(a, kind));
            }
            for a in self.related("aws_iam_policy_attachment", "policy_arn", r, &[None]) {
                list.extend(
                    a.values
                        .get(&format!("{kind}s"))
                        .map(Node::items)
                        .unwrap_or_default()
                        .iter()
                        .filter_map(Node::as_str),
                );
            }
        }
        let mut meta = self.meta(r, r.str("name"));
        apply_fields(&mut meta, f);
        Resource::IamPolicy(IamPolicy {
            meta,
            aws_managed: false,
            attachment_count: (users.len() + groups.len() + roles.len()) as u32,
            attached_users: users,
            attached_groups: groups,
            attached_roles: roles,
            document,
            derived: Default::default(),
        })
    }

    /// `aws_iam_account_password_policy`: the provider's defaults (length 6, no character
    /// classes required, users may change their password).
    fn password_policy(&self, r: &TfRes) -> Resource {
        let mut f = Fields::default();
        let policy = IamPasswordPolicy {
            exists: true,
            minimum_password_length: Some(
                f.int("minimum_password_length", r.e("minimum_password_length"))
                    .unwrap_or(6) as u32,
            ),
            require_symbols: f.bool("require_symbols", r.e("require_symbols"), false),
            require_numbers: f.bool("require_numbers", r.e("require_numbers"), false),
            require_uppercase_characters: f.bool(
                "require_uppercase_characters",
                r.e("require_uppercase_characters"),
                false,
            ),
            require_lowercase_characters: f.bool(
                "require_lowercase_characters",
                r.e("require_lowercase_characters"),
                false,
            ),
            allow_users_to_change_password: f.bool(
                "allow_users_to_change_password",
                r.e("allow_users_to_change_password"),
                true,
            ),
            max_password_age: f
                .int("max_password_age", r.e("max_password_age"))
                .filter(|a| *a > 0)
                .map(|a| a as u32),
            password_reuse_prevention: f
                .int(
                    "password_reuse_prevention",
                    r.e("password_reuse_prevention"),
                )
                .filter(|a| *a > 0)
                .map(|a| a as u32),
            hard_expiry: f.bool("hard_expiry", r.e("hard_expiry"), false),
            meta: ResourceMeta::new("", "", "", ""),
        };
        let mut meta = self.meta(r, None);
        apply_fields(&mut meta, f);
        Resource::IamPasswordPolicy(IamPasswordPolicy { meta, ..policy })
    }

    // ---- Lambda, SQS, SNS ------------------------------------------------------------------

    /// `aws_lambda_function` with `aws_lambda_permission` (one statement each) and
    /// `aws_lambda_function_url`.
    fn lambda(&self, r: &TfRes) -> Resource {
        let mut f = Fields::default();
        let function_name = r.str("function_name").unwrap_or_else(|| r.address.clone());
        let names = [Some(function_name.clone())];
        let vpc_subnet_ids = r
            .block("vpc_config")
            .map(|v| f.strings("vpc_subnet_ids", v.entry("subnet_ids")))
            .unwrap_or_default();
        let environment_variable_names = r
            .block("environment")
            .and_then(|e| e.get("variables"))
            .map(|v| v.entries().iter().map(|e| e.key.clone()).collect())
            .unwrap_or_default();
        let mut statements = Vec::new();
        for p in self.related("aws_lambda_permission", "function_name", r, &names) {
            f.at("policy", p.line);
            let principal = match p.values.get("principal").map(|n| &n.kind) {
                Some(Kind::Str(s)) if s == "*" => json!("*"),
                Some(Kind::Str(s)) if s.ends_with(".amazonaws.com") => json!({"Service": s}),
                Some(Kind::Str(s)) => json!({"AWS": s}),
                _ => {
                    f.unknown("policy");
                    continue;
                }
            };
            let mut condition = serde_json::Map::new();
            for (arg, key, op) in [
                ("source_arn", "AWS:SourceArn", "ArnLike"),
                ("source_account", "AWS:SourceAccount", "StringEquals"),
                ("principal_org_id", "aws:PrincipalOrgID", "StringEquals"),
                (
                    "function_url_auth_type",
                    "lambda:FunctionUrlAuthType",
                    "StringEquals",
                ),
            ] {
                if p.values.get(arg).is_some() {
                    let value = p.str(arg).unwrap_or_else(|| "${unknown}".into());
                    if let Some(m) = condition
                        .entry(op.to_string())
                        .or_insert_with(|| json!({}))
                        .as_object_mut()
                    {
                        m.insert(key.to_string(), json!(value));
                    }
                }
            }
            let mut stmt = json!({
                "Sid": p.address,
                "Effect": "Allow",
                "Principal": principal,
                "Action": p.str("action").unwrap_or_else(|| "lambda:InvokeFunction".into()),
                "Resource": "*",
            });
            if !condition.is_empty() {
                stmt["Condition"] = Value::Object(condition);
            }
            statements.push(stmt);
        }
        let policy = (!statements.is_empty())
            .then(|| json!({"Version": "2012-10-17", "Statement": statements}));
        let mut function_url_auth_type = None;
        for u in self.related("aws_lambda_function_url", "function_name", r, &names) {
            f.at("function_url_auth_type", u.line);
            function_url_auth_type = f.str("function_url_auth_type", u.e("authorization_type"));
        }
        let function = LambdaFunction {
            runtime: f.str("runtime", r.e("runtime")),
            package_type: f
                .str("package_type", r.e("package_type"))
                .unwrap_or_else(|| "Zip".into()),
            policy,
            vpc_subnet_ids,
            environment_variable_names,
            function_url_auth_type,
            derived: Default::default(),
            function_name: function_name.clone(),
            meta: ResourceMeta::new("", "", "", ""),
        };
        let mut meta = self.meta(r, Some(function_name));
        apply_fields(&mut meta, f);
        Resource::LambdaFunction(LambdaFunction { meta, ..function })
    }

    /// `aws_sqs_queue` (+ `aws_sqs_queue_policy`): SSE-SQS by default unless a KMS key is set.
    fn sqs_queue(&self, r: &TfRes) -> Resource {
        let mut f = Fields::default();
        let kms_master_key_id = f.present("kms_master_key_id", r.e("kms_master_key_id"));
        let sqs_managed_sse_enabled = f.bool(
            "sqs_managed_sse_enabled",
            r.e("sqs_managed_sse_enabled"),
            kms_master_key_id.is_none(),
        );
        let mut policy = f.json("policy", r.e("policy"));
        for p in self.related("aws_sqs_queue_policy", "queue_url", r, &[None]) {
            f.at("policy", p.line);
            policy = f.json("policy", p.e("policy"));
        }
        let mut meta = self.meta(r, r.str("name"));
        apply_fields(&mut meta, f);
        Resource::SqsQueue(SqsQueue {
            queue_url: r.address.clone(),
            meta,
            sqs_managed_sse_enabled,
            kms_master_key_id,
            policy,
            derived: Default::default(),
        })
    }

    /// `aws_sns_topic` (+ `aws_sns_topic_policy`, `aws_sns_topic_subscription`).
    fn sns_topic(&self, r: &TfRes) -> Resource {
        let mut f = Fields::default();
        let kms_master_key_id = f.present("kms_master_key_id", r.e("kms_master_key_id"));
        let mut policy = f.json("policy", r.e("policy"));
        for p in self.related("aws_sns_topic_policy", "arn", r, &[None]) {
            f.at("policy", p.line);
            policy = f.json("policy", p.e("policy"));
        }
        let subscriptions = self
            .related("aws_sns_topic_subscription", "topic_arn", r, &[None])
            .iter()
            .filter_map(|s| s.str("protocol"))
            .map(|protocol| SnsSubscription {
                confirmed: !protocol.starts_with("email"),
                protocol,
            })
            .collect();
        let mut meta = self.meta(r, r.str("name"));
        apply_fields(&mut meta, f);
        Resource::SnsTopic(SnsTopic {
            meta,
            kms_master_key_id,
            policy,
            subscriptions,
            derived: Default::default(),
        })
    }

    // ---- EFS, DynamoDB, ECR, ECS -------------------------------------------------------------

    /// `aws_efs_file_system` (+ backup policy, mount targets, file system policy).
    fn efs(&self, r: &TfRes) -> Resource {
        let mut f = Fields::default();
        let names = [None];
        let backup_policy_status = match self
            .related("aws_efs_backup_policy", "file_system_id", r, &names)
            .first()
        {
            Some(b) => {
                f.at("backup_policy_status", b.line);
                f.str(
                    "backup_policy_status",
                    b.block("backup_policy").and_then(|p| p.entry("status")),
                )
            }
            None => Some("DISABLED".into()),
        };
        let mount_target_subnet_ids = self
            .related("aws_efs_mount_target", "file_system_id", r, &names)
            .iter()
            .filter_map(|m| self.id_ref(m, "subnet_id"))
            .collect();
        let mut policy = None;
        for p in self.related("aws_efs_file_system_policy", "file_system_id", r, &names) {
            f.at("policy", p.line);
            policy = f.json("policy", p.e("policy"));
        }
        let fs = EfsFileSystem {
            file_system_id: r.address.clone(),
            encrypted: f.bool("encrypted", r.e("encrypted"), false),
            kms_key_id: f.present("kms_key_id", r.e("kms_key_id")),
            backup_policy_status,
            mount_target_subnet_ids,
            policy,
            derived: Default::default(),
            meta: ResourceMeta::new("", "", "", ""),
        };
        let mut meta = self.meta(r, None);
        apply_fields(&mut meta, f);
        Resource::EfsFileSystem(EfsFileSystem { meta, ..fs })
    }

    /// `aws_efs_access_point`.
    fn efs_access_point(&self, r: &TfRes) -> Resource {
        let mut f = Fields::default();
        f.at_entry("posix_user_enforced", r.e("posix_user"));
        let ap = EfsAccessPoint {
            file_system_id: self.id_ref(r, "file_system_id").unwrap_or_default(),
            root_directory_path: r
                .block("root_directory")
                .and_then(|d| f.str("root_directory_path", d.entry("path")))
                .or_else(|| Some("/".into())),
            posix_user_enforced: r.block("posix_user").is_some(),
            meta: ResourceMeta::new("", "", "", ""),
        };
        let mut meta = self.meta(r, None);
        apply_fields(&mut meta, f);
        Resource::EfsAccessPoint(EfsAccessPoint { meta, ..ap })
    }

    /// `aws_dynamodb_table` (+ `aws_appautoscaling_target` naming `table/<name>`).
    fn dynamodb(&self, r: &TfRes) -> Resource {
        let mut f = Fields::default();
        let name = r.str("name");
        let billing_mode = f
            .str("billing_mode", r.e("billing_mode"))
            .unwrap_or_else(|| "PROVISIONED".into());
        let scaled = self.resources.iter().any(|t| {
            t.rtype == "aws_appautoscaling_target"
                && (t
                    .refs
                    .get("resource_id")
                    .is_some_and(|refs| refs.iter().any(|x| x == r.base()))
                    || name.as_ref().is_some_and(|n| {
                        t.str("resource_id").as_deref() == Some(&format!("table/{n}"))
                    }))
        });
        let auto_scaling_enabled = if scaled {
            Some(true)
        } else {
            if billing_mode != "PAY_PER_REQUEST" {
                f.unknown("auto_scaling_enabled");
            }
            None
        };
        let table = DynamoDbTable {
            point_in_time_recovery_enabled: r
                .block("point_in_time_recovery")
                .map(|p| {
                    f.at_entry(
                        "point_in_time_recovery_enabled",
                        r.e("point_in_time_recovery"),
                    );
                    f.bool("point_in_time_recovery_enabled", p.entry("enabled"), false)
                })
                .unwrap_or(false),
            deletion_protection_enabled: f.bool(
                "deletion_protection_enabled",
                r.e("deletion_protection_enabled"),
                false,
            ),
            billing_mode,
            auto_scaling_enabled,
            meta: ResourceMeta::new("", "", "", ""),
        };
        let mut meta = self.meta(r, name);
        apply_fields(&mut meta, f);
        Resource::DynamoDbTable(DynamoDbTable { meta, ..table })
    }

    /// `aws_ecr_repository` (+ `aws_ecr_lifecycle_policy`).
    fn ecr(&self, r: &TfRes) -> Resource {
        let mut f = Fields::default();
        let scan_on_push = r
            .block("image_scanning_configuration")
            .map(|c| {
                f.at_entry("scan_on_push", r.e("image_scanning_configuration"));
                f.bool("scan_on_push", c.entry("scan_on_push"), false)
            })
            .unwrap_or(false);
        let lifecycle = self.related(
            "aws_ecr_lifecycle_policy",
            "repository",
            r,
            &[r.str("name")],
        );
        if let Some(l) = lifecycle.first() {
            f.at("lifecycle_policy_present", l.line);
        }
        let image_tag_mutability = f
            .str("image_tag_mutability", r.e("image_tag_mutability"))
            .unwrap_or_else(|| "MUTABLE".into());
        let mut meta = self.meta(r, r.str("name"));
        apply_fields(&mut meta, f);
        Resource::EcrRepository(EcrRepository {
            meta,
            scan_on_push,
            enhanced_scanning: false,
            image_tag_mutability,
            lifecycle_policy_present: !lifecycle.is_empty(),
        })
    }

    /// `aws_ecs_task_definition`: `container_definitions` is JSON text; names of environment
    /// variables only.
    fn task_definition(&self, r: &TfRes) -> Resource {
        let mut f = Fields::default();
        let family = r.str("family").unwrap_or_else(|| r.address.clone());
        let definitions = f
            .json("containers", r.e("container_definitions"))
            .unwrap_or_default();
        let containers = definitions
            .as_array()
            .into_iter()
            .flatten()
            .map(|c| ContainerDefinition {
                name: c["name"].as_str().unwrap_or_default().to_string(),
                privileged: c["privileged"].as_bool().unwrap_or(false),
                user: c["user"].as_str().map(str::to_string),
                readonly_root_filesystem: c["readonlyRootFilesystem"].as_bool().unwrap_or(false),
                environment_variable_names: c["environment"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|v| v["name"].as_str().map(str::to_string))
                    .collect(),
                log_configuration_present: c.get("logConfiguration").is_some_and(|l| !l.is_null()),
            })
            .collect();
        let td = EcsTaskDefinition {
            revision: 1,
            network_mode: f
                .str("network_mode", r.e("network_mode"))
                .unwrap_or_else(|| "bridge".into()),
            pid_mode: f.str("pid_mode", r.e("pid_mode")),
            containers,
            derived: Default::default(),
            family: family.clone(),
            meta: ResourceMeta::new("", "", "", ""),
        };
        let mut meta = self.meta(r, Some(family));
        apply_fields(&mut meta, f);
        Resource::EcsTaskDefinition(EcsTaskDefinition { meta, ..td })
    }

    /// `aws_ecs_cluster`: Container Insights from `setting` (off by default).
    fn ecs_cluster(&self, r: &TfRes) -> Resource {
        let mut f = Fields::default();
        let mut container_insights = "disabled".to_string();
        if let Some(e) = r.e("setting") {
            for s in e.value.items() {
                if s.get("name").and_then(Node::as_str).as_deref() == Some("containerInsights") {
                    f.at("container_insights", e.line);
                    container_insights = f
                        .str("container_insights", s.entry("value"))
                        .unwrap_or(container_insights);
                }
            }
        }
        let mut meta = self.meta(r, r.str("name"));
        apply_fields(&mut meta, f);
        Resource::EcsCluster(EcsCluster {
            meta,
            container_insights,
        })
    }

    /// `aws_ecs_service`.
    fn ecs_service(&self, r: &TfRes) -> Resource {
        let mut f = Fields::default();
        let assign_public_ip = r
            .block("network_configuration")
            .map(|n| f.bool("assign_public_ip", n.entry("assign_public_ip"), false))
            .unwrap_or(false);
        let service = EcsService {
            cluster_arn: self.id_ref(r, "cluster").unwrap_or_default(),
            launch_type: f
                .str("launch_type", r.e("launch_type"))
                .unwrap_or_else(|| "EC2".into()),
            platform_version: f.str("platform_version", r.e("platform_version")),
            assign_public_ip,
            meta: ResourceMeta::new("", "", "", ""),
        };
        let mut meta = self.meta(r, r.str("name"));
        apply_fields(&mut meta, f);
        Resource::EcsService(EcsService { meta, ..service })
    }

    // ---- ELBv2, Secrets Manager ----------------------------------------------------------------

    /// `aws_lb` / `aws_alb` with `aws_lb_listener` / `aws_alb_listener`.
    fn load_balancer(&self, r: &TfRes) -> Resource {
        let mut f = Fields::default();
        let internal = f.bool("scheme", r.e("internal"), false);
        let subnets = r.e("subnets").or_else(|| r.e("subnet_mapping"));
        let availability_zones = match subnets {
            Some(e) if !e.value.has_unknown() => {
                f.at("availability_zones", e.line);
                (1..=e.value.items().len())
                    .map(|i| format!("(zone of subnet {i})"))
                    .collect()
            }
            _ => {
                f.unknown("availability_zones");
                Vec::new()
            }
        };
        let access_logs_enabled = r
            .block("access_logs")
            .map(|a| {
                f.at_entry("access_logs_enabled", r.e("access_logs"));
                f.bool("access_logs_enabled", a.entry("enabled"), true)
            })
            .unwrap_or(false);
        let mut listeners = Vec::new();
        for t in ["aws_lb_listener", "aws_alb_listener"] {
            for l in self.related(t, "load_balancer_arn", r, &[None]) {
                f.at("listeners", l.line);
                listeners.push(Listener {
                    arn: l.address.clone(),
                    protocol: f
                        .str("listeners", l.e("protocol"))
                        .unwrap_or_else(|| "HTTP".into()),
                    port: f.int("listeners", l.e("port")).unwrap_or(0) as i32,
                    ssl_policy: f.str("listeners", l.e("ssl_policy")),
                    default_actions: l
                        .values
                        .get("default_action")
                        .map(Node::items)
                        .unwrap_or_default()
                        .iter()
                        .map(|a| ListenerAction {
                            action_type: a.get("type").and_then(Node::as_str).unwrap_or_default(),
                            redirect_protocol: a
                                .get("redirect")
                                .and_then(block_of)
                                .and_then(|x| x.get("protocol"))
                                .and_then(Node::as_str),
                        })
                        .collect(),
                });
            }
        }
        let lb = Elbv2LoadBalancer {
            load_balancer_type: f
                .str("load_balancer_type", r.e("load_balancer_type"))
                .unwrap_or_else(|| "application".into()),
            scheme: if internal {
                "internal"
            } else {
                "internet-facing"
            }
            .into(),
            availability_zones,
            listeners,
            deletion_protection_enabled: f.bool(
                "deletion_protection_enabled",
                r.e("enable_deletion_protection"),
                false,
            ),
            access_logs_enabled,
            drop_invalid_header_fields: f.bool(
                "drop_invalid_header_fields",
                r.e("drop_invalid_header_fields"),
                false,
            ),
            desync_mitigation_mode: f
                .str("desync_mitigation_mode", r.e("desync_mitigation_mode"))
                .or_else(|| Some("defensive".into())),
            meta: ResourceMeta::new("", "", "", ""),
        };
        let mut meta = self.meta(r, r.str("name"));
        apply_fields(&mut meta, f);
        Resource::Elbv2LoadBalancer(Elbv2LoadBalancer { meta, ..lb })
    }

    /// `aws_secretsmanager_secret` (+ `aws_secretsmanager_secret_rotation`).
    fn secret(&self, r: &TfRes) -> Resource {
        let mut f = Fields::default();
        let rotations = self.related(
            "aws_secretsmanager_secret_rotation",
            "secret_id",
            r,
            &[None],
        );
        let mut rotation_interval_days = None;
        for rot in &rotations {
            f.at("rotation_enabled", rot.line);
            rotation_interval_days = rot
                .block("rotation_rules")
                .and_then(|rules| {
                    f.int(
                        "rotation_interval_days",
                        rules.entry("automatically_after_days"),
                    )
                })
                .filter(|d| *d > 0);
        }
        let mut meta = self.meta(r, r.str("name"));
        apply_fields(&mut meta, f);
        Resource::SecretsManagerSecret(SecretsManagerSecret {
            meta,
            rotation_enabled: !rotations.is_empty(),
            rotation_interval_days,
            last_rotated_date: None,
            last_accessed_date: None,
            created_date: None,
            derived: Default::default(),
        })
    }
}

/// Whether `r.arg` refers to `target`: through the configuration's references, or by a value
/// equal to one of `names` (or the target's address).
fn refers(r: &TfRes, arg: &str, target: &TfRes, names: &[Option<String>]) -> bool {
    if r.refs
        .get(arg)
        .is_some_and(|refs| refs.iter().any(|x| x == target.base()))
    {
        return true;
    }
    match r.str(arg) {
        Some(v) => v == target.address || names.iter().flatten().any(|n| *n == v),
        None => false,
    }
}

/// A canned ACL as grants.
fn canned_acl(f: &mut Fields, entry: Option<&Entry>) -> BucketAcl {
    let group = |uri: &str, permission: &str| AclGrant {
        grantee_type: "Group".into(),
        grantee_uri: Some(format!("http://acs.amazonaws.com/groups/{uri}")),
        grantee_id: None,
        permission: permission.into(),
    };
    let grants = match f.str("acl", entry).as_deref() {
        Some("public-read") => vec![group("global/AllUsers", "READ")],
        Some("public-read-write") => vec![
            group("global/AllUsers", "READ"),
            group("global/AllUsers", "WRITE"),
        ],
        Some("authenticated-read") => vec![group("global/AuthenticatedUsers", "READ")],
        Some("log-delivery-write") => vec![group("s3/LogDelivery", "WRITE")],
        _ => Vec::new(),
    };
    BucketAcl {
        owner_id: None,
        grants,
    }
}

fn read_metadata_options(f: &mut Fields, m: &Node, out: &mut MetadataOptions) {
    if let Some(t) = f.str("metadata_options", m.entry("http_tokens")) {
        out.http_tokens = t;
    }
    if let Some(t) = f.str("metadata_options", m.entry("http_endpoint")) {
        out.http_endpoint = t;
    }
    out.http_put_response_hop_limit = f
        .int("metadata_options", m.entry("http_put_response_hop_limit"))
        .map(|h| h as i32);
}

/// One security group rule from an inline block, an `aws_security_group_rule` or (`vpc_rule`)
/// an `aws_vpc_security_group_*_rule`. Unknown protocols, ports or sources make the rule list
/// unknown.
fn sg_rule(
    f: &mut Fields,
    path: &str,
    rule: &Node,
    line: u32,
    vpc_rule: bool,
) -> SecurityGroupPermission {
    let mut unknown = false;
    let mut get = |key: &str| -> Option<&Node> {
        let n = rule.get(key)?;
        if let Kind::Unknown(_) = n.kind {
            unknown = true;
            return None;
        }
        Some(n)
    };
    let protocol = normalize_protocol(
        &get(if vpc_rule { "ip_protocol" } else { "protocol" })
            .and_then(Node::as_str)
            .unwrap_or_else(|| "-1".into()),
    );
    let all = protocol == "-1";
    let from_port = if all {
        None
    } else {
        get("from_port").and_then(Node::as_i64).map(|p| p as i32)
    };
    let to_port = if all {
        None
    } else {
        get("to_port").and_then(Node::as_i64).map(|p| p as i32)
    };
    let strings = |n: Option<&Node>| -> Vec<String> {
        match n {
            Some(n) if matches!(n.kind, Kind::Seq(_)) => {
                n.items().iter().filter_map(Node::as_str).collect()
            }
            Some(n) => n.as_str().into_iter().collect(),
            None => Vec::new(),
        }
    };
    let mut p = SecurityGroupPermission {
        protocol,
        from_port,
        to_port,
        ..Default::default()
    };
    if vpc_rule {
        p.ipv4_ranges = strings(get("cidr_ipv4"));
        p.ipv6_ranges = strings(get("cidr_ipv6"));
        p.prefix_list_ids = strings(get("prefix_list_id"));
        p.referenced_group_ids = strings(get("referenced_security_group_id"));
    } else {
        p.ipv4_ranges = strings(get("cidr_blocks"));
        p.ipv6_ranges = strings(get("ipv6_cidr_blocks"));
        p.prefix_list_ids = strings(get("prefix_list_ids"));
        p.referenced_group_ids = strings(get("security_groups"));
        p.referenced_group_ids
            .extend(strings(get("source_security_group_id")));
    }
    if unknown {
        f.unknown(path);
    }
    if path == "ingress" {
        record_open_rule(f, &p, line);
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn module_prefixes_and_bases() {
        assert_eq!(module_prefix("aws_s3_bucket.b"), "");
        assert_eq!(module_prefix("module.a.aws_s3_bucket.b"), "module.a.");
        assert_eq!(
            module_prefix("module.a.module.b.aws_s3_bucket.c[0]"),
            "module.a.module.b."
        );
        assert_eq!(base_address("aws_s3_bucket.b[0]"), "aws_s3_bucket.b");
        assert_eq!(base_address("aws_s3_bucket.b[\"x\"]"), "aws_s3_bucket.b");
    }

    #[test]
    fn block_attributes_and_ignores() {
        let text = "# stance:ignore s3_bucket_access_logging_enabled logs bucket\nresource \"aws_s3_bucket\" \"b\" {\n  bucket = \"x\"\n  tags = {\n    a = \"{\"\n  }\n  versioning {\n    enabled = true\n  }\n}\n";
        let lines: Vec<&str> = text.lines().collect();
        let attrs = block_attributes(&lines, 1);
        assert_eq!(attrs.get("bucket"), Some(&3));
        assert_eq!(attrs.get("tags"), Some(&4));
        assert_eq!(attrs.get("versioning"), Some(&7));
        assert_eq!(attrs.get("enabled"), None);
        let ignores = ignores_above(&lines, 1);
        assert_eq!(
            ignores,
            vec![(
                "s3_bucket_access_logging_enabled".to_string(),
                "logs bucket".to_string(),
                1
            )]
        );
    }
}
