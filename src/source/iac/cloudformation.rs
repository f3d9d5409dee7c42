//! CloudFormation (and SAM) templates, YAML or JSON, into the resource model.
//!
//! Intrinsic functions are evaluated where the template alone decides the value:
//! `Ref` to a parameter with a `Default` gives the default, `Ref` to a resource gives its
//! stance id (`<file>#<LogicalId>`, the stand-in for its physical id, so joins such as flow log
//! → VPC work), `Fn::Sub`, `Fn::Join`, `Fn::Select`, `Fn::Split`, `Fn::FindInMap`,
//! `Fn::Base64` (kept as the plain text), `Fn::Equals`, `Fn::Not`, `Fn::And`, `Fn::Or` and
//! `Condition` are computed when their inputs are known. Everything else is unknown until
//! deploy: `Fn::GetAtt` and pseudo parameters (`AWS::AccountId`...) become *references*
//! (present, value unknown), while `Fn::If`, `Fn::ImportValue`, `Fn::GetAZs`, `Fn::Cidr`,
//! `Ref` to a parameter without a default and unsupported functions are plainly unknown.
//! `Ref: AWS::NoValue` removes the property.
//!
//! Both the short YAML tags (`!Ref`, `!Sub`...) and the long forms (`Fn::Sub`, `Ref`) are read.

use std::collections::HashMap;

use serde_json::json;

use super::yaml::{self, Entry, Kind, Node};
use super::{Fields, FileResult, Format, InlineSuppression, REFERENCE, apply_fields, iac_meta};
use crate::model::cloudtrail::{
    AdvancedEventSelector, AdvancedFieldSelector, CloudTrailTrail, DataResource, EventSelector,
};
use crate::model::config::ConfigRecorder;
use crate::model::ec2::{
    Ec2FlowLog, Ec2Instance, Ec2LaunchTemplate, Ec2SecurityGroup, Ec2Subnet, Ec2Volume, Ec2Vpc,
    MetadataOptions, SecurityGroupPermission,
};
use crate::model::elb::{Elbv2LoadBalancer, Listener, ListenerAction};
use crate::model::iam::{AccessKey, IamGroup, IamPolicy, IamRole, IamUser, InlinePolicy};
use crate::model::kms::KmsKey;
use crate::model::lambda::LambdaFunction;
use crate::model::monitoring::{LogsLogGroup, SnsSubscription, SnsTopic};
use crate::model::rds::{RdsDbCluster, RdsDbInstance};
use crate::model::s3::{
    AclGrant, BucketAcl, BucketLogging, EncryptionRule, PublicAccessBlock, S3Bucket, Versioning,
};
use crate::model::services::{
    ContainerDefinition, DynamoDbTable, EcrRepository, EcsCluster, EcsService, EcsTaskDefinition,
    EfsAccessPoint, EfsFileSystem, SecretsManagerSecret, SqsQueue,
};
use crate::model::{Resource, ResourceMeta};

/// Whether text that failed to parse was meant to be a template (so the failure is an error
/// rather than an unrelated YAML/JSON file being skipped).
fn looks_like_template(text: &str) -> bool {
    text.contains("AWSTemplateFormatVersion")
        || (text.contains("Resources") && (text.contains("AWS::") || text.contains("Type")))
}

/// Parses and maps one template. `file` is the path as outputs show it.
pub fn load_template(file: &str, text: &str) -> FileResult {
    let root = match yaml::parse(text) {
        Ok(Some(root)) => root,
        Ok(None) => return FileResult::default(),
        Err(e) => {
            return FileResult {
                format: looks_like_template(text).then_some(Format::CloudFormation),
                error: looks_like_template(text).then(|| e.to_string()),
                ..FileResult::default()
            };
        }
    };
    let Some(resources) = root.get("Resources") else {
        return FileResult::default();
    };
    let is_template = root.get("AWSTemplateFormatVersion").is_some()
        || resources.entries().iter().any(|e| {
            e.value
                .get("Type")
                .and_then(Node::as_str)
                .is_some_and(|t| t.contains("::"))
        });
    if !is_template {
        return FileResult::default();
    }
    let mut result = FileResult {
        format: Some(Format::CloudFormation),
        ..FileResult::default()
    };
    let template = match Template::new(file, &root) {
        Ok(t) => t,
        Err(e) => {
            result.error = Some(e);
            return result;
        }
    };
    for res in &template.resources {
        result
            .suppressions
            .extend(inline_suppressions(&template, res));
        if let Some(resource) = template.map(res) {
            result.resources.push(resource);
        }
    }
    result
}

/// Inline suppressions in `Metadata: {stance: {suppress: [{check, reason}]}}`. An entry without
/// a reason is not applied: an accepted risk must say why.
fn inline_suppressions(t: &Template, res: &Res) -> Vec<InlineSuppression> {
    let Some(list) = res
        .metadata
        .and_then(|m| m.get("stance"))
        .and_then(|s| s.get("suppress"))
    else {
        return Vec::new();
    };
    list.items()
        .iter()
        .filter_map(|item| {
            let check = item.get("check").and_then(Node::as_str)?;
            let Some(reason) = item
                .get("reason")
                .and_then(Node::as_str)
                .filter(|r| !r.trim().is_empty())
            else {
                tracing::warn!(
                    "{}:{}: inline suppression of {check} gives no reason; not applied",
                    t.file,
                    item.line
                );
                return None;
            };
            Some(InlineSuppression {
                check,
                resource: t.id(&res.logical),
                reason,
                origin: format!("{}:{}", t.file, item.line),
            })
        })
        .collect()
}

/// One resource of the template, its properties resolved.
struct Res<'a> {
    logical: String,
    rtype: String,
    line: u32,
    /// Resolved properties (an empty mapping when the resource has none).
    props: Node,
    /// The properties as written (for references to other resources).
    raw: Option<&'a Node>,
    metadata: Option<&'a Node>,
}

impl Res<'_> {
    fn e(&self, key: &str) -> Option<&Entry> {
        self.props.entry(key)
    }

    fn raw(&self, key: &str) -> Option<&Node> {
        self.raw.and_then(|r| r.get(key))
    }
}

/// A template with its parameters, mappings and conditions, and its resources resolved.
struct Template<'a> {
    file: &'a str,
    params: HashMap<String, Option<Node>>,
    mappings: Option<&'a Node>,
    conditions: Option<&'a Node>,
    logical_ids: HashMap<String, String>,
    resources: Vec<Res<'a>>,
}

/// The long name of an intrinsic given as a short tag.
fn function_name(tag: &str) -> String {
    match tag {
        "Ref" | "Condition" => tag.to_string(),
        _ => format!("Fn::{tag}"),
    }
}

/// The intrinsic function a node is, with its argument.
fn function_of(node: &Node) -> Option<(String, Node)> {
    if let Some(tag) = &node.tag {
        let mut arg = node.clone();
        arg.tag = None;
        return Some((function_name(tag), arg));
    }
    if let Kind::Map(entries) = &node.kind
        && let [entry] = entries.as_slice()
    {
        let is_fn = entry.key == "Ref"
            || entry.key.starts_with("Fn::")
            || (entry.key == "Condition" && matches!(entry.value.kind, Kind::Str(_)));
        if is_fn {
            return Some((entry.key.clone(), entry.value.clone()));
        }
    }
    None
}

/// The logical id a raw value refers to through `Ref`, `Fn::GetAtt` or a whole-string
/// `Fn::Sub` of `${X}` / `${X.Attr}`.
fn ref_target(node: &Node) -> Option<String> {
    let (name, arg) = function_of(node)?;
    match name.as_str() {
        "Ref" => arg.as_str(),
        "Fn::GetAtt" => match &arg.kind {
            Kind::Seq(items) => items.first().and_then(Node::as_str),
            Kind::Str(s) => s.split('.').next().map(str::to_string),
            _ => None,
        },
        "Fn::Sub" => {
            let text = arg.as_str()?;
            let inner = text.strip_prefix("${")?.strip_suffix('}')?;
            (!inner.contains("${")).then(|| inner.split('.').next().unwrap_or(inner).to_string())
        }
        _ => None,
    }
}

fn unknown(line: u32, col: u32, reason: impl Into<String>) -> Node {
    Node::new(line, col, Kind::Unknown(reason.into()))
}

fn reference(line: u32, col: u32, text: &str) -> Node {
    unknown(line, col, format!("{REFERENCE}{text}"))
}

const PSEUDO_PARAMETERS: &[&str] = &[
    "AWS::AccountId",
    "AWS::Region",
    "AWS::Partition",
    "AWS::URLSuffix",
    "AWS::StackName",
    "AWS::StackId",
    "AWS::NotificationARNs",
];

/// Bound on nested condition references, against cycles.
const MAX_CONDITION_DEPTH: usize = 32;

impl<'a> Template<'a> {
    fn new(file: &'a str, root: &'a Node) -> Result<Self, String> {
        let mut t = Template {
            file,
            params: HashMap::new(),
            mappings: root.get("Mappings"),
            conditions: root.get("Conditions"),
            logical_ids: HashMap::new(),
            resources: Vec::new(),
        };
        let resources = root.get("Resources").map(Node::entries).unwrap_or(&[]);
        for e in resources {
            t.logical_ids.insert(e.key.clone(), String::new());
        }
        if let Some(params) = root.get("Parameters") {
            for p in params.entries() {
                let default = p.value.get("Default").map(|d| {
                    let list_type = p
                        .value
                        .get("Type")
                        .and_then(Node::as_str)
                        .is_some_and(|ty| ty.starts_with("List<") || ty == "CommaDelimitedList");
                    match (&d.kind, list_type) {
                        (Kind::Str(s), true) => Node::new(
                            d.line,
                            d.col,
                            Kind::Seq(
                                s.split(',')
                                    .map(|x| Node::new(d.line, d.col, Kind::Str(x.trim().into())))
                                    .collect(),
                            ),
                        ),
                        _ => d.clone(),
                    }
                });
                t.params.insert(p.key.clone(), default);
            }
        }
        // SAM `Globals.Function` properties apply to every serverless function that does not
        // set them itself.
        let globals = root.get("Globals").and_then(|g| g.get("Function"));
        for e in resources {
            let Some(rtype) = e.value.get("Type").and_then(Node::as_str) else {
                return Err(format!(
                    "{}:{}: resource {} has no Type",
                    e.line, e.value.col, e.key
                ));
            };
            let raw = e.value.get("Properties");
            let mut props = match raw {
                Some(p) => t
                    .resolve(p, 0)
                    .unwrap_or_else(|| Node::new(p.line, p.col, Kind::Map(Vec::new()))),
                None => Node::new(e.line, 1, Kind::Map(Vec::new())),
            };
            if rtype == "AWS::Serverless::Function"
                && let (Some(globals), Kind::Map(entries)) = (globals, &mut props.kind)
            {
                for g in globals.entries() {
                    if !entries.iter().any(|x| x.key == g.key)
                        && let Some(value) = t.resolve(&g.value, 0)
                    {
                        entries.push(Entry {
                            key: g.key.clone(),
                            line: g.line,
                            value,
                        });
                    }
                }
            }
            t.resources.push(Res {
                logical: e.key.clone(),
                rtype,
                line: e.line,
                props,
                raw,
                metadata: e.value.get("Metadata"),
            });
        }
        Ok(t)
    }

    /// The stance id of a resource of this template.
    fn id(&self, logical: &str) -> String {
        format!("{}#{logical}", self.file)
    }

    fn is_resource(&self, logical: &str) -> bool {
        self.logical_ids.contains_key(logical)
    }

    /// Resolves intrinsic functions; `None` for `AWS::NoValue` (the property is removed).
    fn resolve(&self, node: &Node, depth: usize) -> Option<Node> {
        if let Some((name, arg)) = function_of(node) {
            return self.function(&name, &arg, node, depth);
        }
        let mut out = node.clone();
        match &node.kind {
            Kind::Seq(items) => {
                out.kind = Kind::Seq(
                    items
                        .iter()
                        .filter_map(|i| self.resolve(i, depth))
                        .collect(),
                );
            }
            Kind::Map(entries) => {
                out.kind = Kind::Map(
                    entries
                        .iter()
                        .filter_map(|e| {
                            self.resolve(&e.value, depth).map(|value| Entry {
                                key: e.key.clone(),
                                line: e.line,
                                value,
                            })
                        })
                        .collect(),
                );
            }
            _ => {}
        }
        Some(out)
    }

    fn function(&self, name: &str, arg: &Node, at: &Node, depth: usize) -> Option<Node> {
        let (line, col) = (at.line, at.col);
        let node = |kind| Node::new(line, col, kind);
        Some(match name {
            "Ref" => {
                let target = self.resolve(arg, depth)?.as_str().unwrap_or_default();
                if target == "AWS::NoValue" {
                    return None;
                }
                if let Some(default) = self.params.get(&target) {
                    return Some(match default {
                        Some(d) => {
                            let mut v = self.resolve(d, depth)?;
                            v.line = line;
                            v.col = col;
                            v
                        }
                        None => unknown(line, col, format!("parameter {target} has no default")),
                    });
                }
                if PSEUDO_PARAMETERS.contains(&target.as_str()) {
                    return Some(reference(line, col, &format!("${{{target}}}")));
                }
                if self.is_resource(&target) {
                    return Some(node(Kind::Str(self.id(&target))));
                }
                unknown(line, col, format!("Ref to undeclared {target}"))
            }
            "Fn::GetAtt" => {
                let text = match &arg.kind {
                    Kind::Seq(items) => items
                        .iter()
                        .filter_map(|i| self.resolve(i, depth).and_then(|n| n.as_str()))
                        .collect::<Vec<_>>()
                        .join("."),
                    _ => arg.as_str().unwrap_or_default(),
                };
                reference(line, col, &format!("${{{text}}}"))
            }
            "Fn::Sub" => self.sub(arg, line, col, depth),
            "Fn::Join" => {
                let items = arg.items();
                let (Some(delim), Some(list)) = (items.first(), items.get(1)) else {
                    return Some(unknown(line, col, "malformed Fn::Join"));
                };
                let delim = self
                    .resolve(delim, depth)
                    .and_then(|d| d.as_str())
                    .unwrap_or_default();
                let Some(list) = self.resolve(list, depth) else {
                    return Some(node(Kind::Str(String::new())));
                };
                if let Kind::Unknown(_) = list.kind {
                    return Some(list);
                }
                concat(list.items().to_vec(), &delim, line, col)
            }
            "Fn::Select" => {
                let items = arg.items();
                let (Some(index), Some(list)) = (items.first(), items.get(1)) else {
                    return Some(unknown(line, col, "malformed Fn::Select"));
                };
                let index = self.resolve(index, depth).and_then(|i| i.as_i64());
                let list = self.resolve(list, depth)?;
                match (index, &list.kind) {
                    (Some(i), Kind::Seq(items)) => items
                        .get(usize::try_from(i).ok()?)
                        .cloned()
                        .unwrap_or_else(|| unknown(line, col, "Fn::Select index out of range")),
                    _ => unknown(line, col, "Fn::Select over an unknown list"),
                }
            }
            "Fn::Split" => {
                let items = arg.items();
                let (Some(delim), Some(text)) = (items.first(), items.get(1)) else {
                    return Some(unknown(line, col, "malformed Fn::Split"));
                };
                let delim = self.resolve(delim, depth).and_then(|d| d.as_str());
                let text = self.resolve(text, depth)?;
                match (delim, &text.kind) {
                    (Some(d), Kind::Str(s)) if !d.is_empty() => node(Kind::Seq(
                        s.split(d.as_str())
                            .map(|p| node(Kind::Str(p.to_string())))
                            .collect(),
                    )),
                    _ => unknown(line, col, "Fn::Split of an unknown value"),
                }
            }
            "Fn::FindInMap" => {
                let keys: Vec<Option<String>> = arg
                    .items()
                    .iter()
                    .take(3)
                    .map(|k| {
                        self.resolve(k, depth).and_then(|n| match n.kind {
                            Kind::Unknown(_) => None,
                            _ => n.as_str(),
                        })
                    })
                    .collect();
                match keys.as_slice() {
                    [Some(m), Some(a), Some(b)] => match self
                        .mappings
                        .and_then(|ms| ms.get(m))
                        .and_then(|x| x.get(a))
                        .and_then(|x| x.get(b))
                    {
                        Some(v) => {
                            let mut v = self.resolve(v, depth)?;
                            v.line = line;
                            v.col = col;
                            v
                        }
                        None => unknown(line, col, format!("Fn::FindInMap {m}.{a}.{b} not found")),
                    },
                    _ => unknown(line, col, "Fn::FindInMap with unknown keys"),
                }
            }
            // User data: the text is what matters to a reader, not its encoding.
            "Fn::Base64" => self.resolve(arg, depth)?,
            "Fn::Equals" | "Fn::Not" | "Fn::And" | "Fn::Or" | "Condition" => {
                match self.condition_value(name, arg, depth) {
                    Some(b) => node(Kind::Bool(b)),
                    None => unknown(
                        line,
                        col,
                        format!("{name} depends on values known at deploy"),
                    ),
                }
            }
            "Fn::If" => unknown(line, col, "Fn::If is decided at deploy"),
            "Fn::ImportValue" => unknown(line, col, "Fn::ImportValue comes from another stack"),
            "Fn::GetAZs" => unknown(line, col, "Fn::GetAZs depends on the region"),
            "Fn::Cidr" => unknown(line, col, "Fn::Cidr is computed at deploy"),
            other => unknown(line, col, format!("unsupported function {other}")),
        })
    }

    /// Evaluates a condition expression; `None` when it depends on unknown values.
    fn condition_value(&self, name: &str, arg: &Node, depth: usize) -> Option<bool> {
        if depth > MAX_CONDITION_DEPTH {
            return None;
        }
        let eval = |n: &Node| -> Option<bool> {
            match function_of(n) {
                Some((f, a)) => self.condition_value(&f, &a, depth + 1),
                None => n.as_bool(),
            }
        };
        match name {
            "Fn::Equals" => {
                let items = arg.items();
                let a = self.resolve(items.first()?, depth + 1)?;
                let b = self.resolve(items.get(1)?, depth + 1)?;
                if a.has_unknown() || b.has_unknown() {
                    return None;
                }
                Some(
                    a.to_json() == b.to_json()
                        || (a.as_str().is_some() && a.as_str() == b.as_str()),
                )
            }
            "Fn::Not" => eval(arg.items().first()?).map(|b| !b),
            "Fn::And" => {
                let values: Option<Vec<bool>> = arg.items().iter().map(eval).collect();
                values.map(|v| v.iter().all(|b| *b))
            }
            "Fn::Or" => {
                let values: Option<Vec<bool>> = arg.items().iter().map(eval).collect();
                values.map(|v| v.iter().any(|b| *b))
            }
            "Condition" => {
                let cond = self.conditions?.get(&arg.as_str()?)?;
                eval(cond)
            }
            _ => None,
        }
    }

    fn sub(&self, arg: &Node, line: u32, col: u32, depth: usize) -> Node {
        let (text, vars) = match &arg.kind {
            Kind::Seq(items) => (
                items
                    .first()
                    .and_then(|t| self.resolve(t, depth))
                    .and_then(|t| t.as_str()),
                items.get(1),
            ),
            _ => (arg.as_str(), None),
        };
        let Some(text) = text else {
            return unknown(line, col, "Fn::Sub of an unknown string");
        };
        let mut parts: Vec<Node> = Vec::new();
        let mut rest = text.as_str();
        let lit = |s: &str| Node::new(line, col, Kind::Str(s.to_string()));
        while let Some(start) = rest.find("${") {
            parts.push(lit(&rest[..start]));
            let after = &rest[start + 2..];
            let Some(end) = after.find('}') else {
                parts.push(lit(&rest[start..]));
                rest = "";
                break;
            };
            let name = &after[..end];
            rest = &after[end + 1..];
            if let Some(literal) = name.strip_prefix('!') {
                parts.push(lit(&format!("${{{literal}}}")));
                continue;
            }
            let var = vars.and_then(|v| v.get(name));
            let value = match var {
                Some(v) => self.resolve(v, depth),
                None if name.contains('.') && !name.starts_with("AWS::") => {
                    Some(reference(line, col, &format!("${{{name}}}")))
                }
                None => {
                    let r = Node::new(line, col, Kind::Str(name.to_string()));
                    let mut tagged = r;
                    tagged.tag = Some("Ref".into());
                    self.resolve(&tagged, depth)
                }
            };
            parts.push(value.unwrap_or_else(|| lit("")));
        }
        parts.push(lit(rest));
        concat(parts, "", line, col)
    }

    /// Maps one resource; `None` for types stance does not model (or that only feed joins).
    fn map(&self, res: &Res) -> Option<Resource> {
        Some(match res.rtype.as_str() {
            "AWS::S3::Bucket" => self.s3_bucket(res),
            "AWS::EC2::SecurityGroup" => self.security_group(res),
            "AWS::EC2::Instance" => self.instance(res),
            "AWS::EC2::LaunchTemplate" => self.launch_template(res),
            "AWS::EC2::Volume" => self.volume(res),
            "AWS::EC2::VPC" => self.vpc(res),
            "AWS::EC2::FlowLog" => self.flow_log(res),
            "AWS::EC2::Subnet" => self.subnet(res),
            "AWS::RDS::DBInstance" => self.db_instance(res),
            "AWS::RDS::DBCluster" => self.db_cluster(res),
            "AWS::KMS::Key" => self.kms_key(res),
            "AWS::CloudTrail::Trail" => self.trail(res),
            "AWS::IAM::User" => self.iam_user(res),
            "AWS::IAM::Group" => self.iam_group(res),
            "AWS::IAM::Role" => self.iam_role(res),
            "AWS::IAM::ManagedPolicy" => self.iam_managed_policy(res),
            "AWS::Lambda::Function" | "AWS::Serverless::Function" => self.lambda(res),
            "AWS::SQS::Queue" => self.sqs_queue(res),
            "AWS::SNS::Topic" => self.sns_topic(res),
            "AWS::EFS::FileSystem" => self.efs(res),
            "AWS::EFS::AccessPoint" => self.efs_access_point(res),
            "AWS::DynamoDB::Table" => self.dynamodb(res),
            "AWS::Serverless::SimpleTable" => self.simple_table(res),
            "AWS::ECR::Repository" => self.ecr(res),
            "AWS::ECS::TaskDefinition" => self.task_definition(res),
            "AWS::ECS::Cluster" => self.ecs_cluster(res),
            "AWS::ECS::Service" => self.ecs_service(res),
            "AWS::ElasticLoadBalancingV2::LoadBalancer" => self.load_balancer(res),
            "AWS::SecretsManager::Secret" => self.secret(res),
            "AWS::Config::ConfigurationRecorder" => self.config_recorder(res),
            "AWS::Logs::LogGroup" => self.log_group(res),
            _ => return None,
        })
    }

    fn meta(&self, res: &Res, name: Option<String>) -> ResourceMeta {
        let mut meta = iac_meta(
            self.id(&res.logical),
            Some(name.unwrap_or_else(|| res.logical.clone())),
            self.file,
            res.line,
            Format::CloudFormation,
            &res.logical,
        );
        meta.tags = tags(res.e("Tags"));
        meta
    }

    /// The resources of `rtype` whose property `key` refers to `target` (by `Ref`/`GetAtt`,
    /// or by its name when `name` is given and the property is that literal name).
    fn related<'t>(
        &'t self,
        rtype: &str,
        key: &str,
        target: &Res,
        name: Option<&str>,
    ) -> Vec<&'t Res<'a>> {
        self.resources
            .iter()
            .filter(|r| r.rtype == rtype)
            .filter(|r| refers_to(r, key, target, name, &self.id(&target.logical)))
            .collect()
    }

    // ---- S3 ------------------------------------------------------------------------------

    /// `AWS::S3::Bucket` (+ `AWS::S3::BucketPolicy`). Absent properties take the defaults AWS
    /// applies to every new bucket: SSE-S3 encryption (since January 2023), all four Block
    /// Public Access flags on and Object Ownership `BucketOwnerEnforced` (since April 2023);
    /// versioning and access logging off.
    fn s3_bucket(&self, res: &Res) -> Resource {
        let mut f = Fields::default();
        let name = f.str("meta.name", res.e("BucketName"));
        let public_access_block = match res.e("PublicAccessBlockConfiguration") {
            Some(e) => {
                f.at("public_access_block", e.line);
                let c = &e.value;
                let mut flag = |key: &str| f.bool("public_access_block", c.entry(key), false);
                Some(PublicAccessBlock {
                    block_public_acls: flag("BlockPublicAcls"),
                    ignore_public_acls: flag("IgnorePublicAcls"),
                    block_public_policy: flag("BlockPublicPolicy"),
                    restrict_public_buckets: flag("RestrictPublicBuckets"),
                })
            }
            None => Some(PublicAccessBlock {
                block_public_acls: true,
                ignore_public_acls: true,
                block_public_policy: true,
                restrict_public_buckets: true,
            }),
        };
        let encryption_rules = match res.e("BucketEncryption") {
            Some(e) => {
                f.at("encryption_rules", e.line);
                e.value
                    .get("ServerSideEncryptionConfiguration")
                    .map(Node::items)
                    .unwrap_or_default()
                    .iter()
                    .map(|rule| {
                        let by_default = rule.get("ServerSideEncryptionByDefault");
                        EncryptionRule {
                            sse_algorithm: f
                                .str(
                                    "encryption_rules",
                                    by_default.and_then(|d| d.entry("SSEAlgorithm")),
                                )
                                .unwrap_or_else(|| "AES256".into()),
                            kms_master_key_id: f.present(
                                "encryption_rules",
                                by_default.and_then(|d| d.entry("KMSMasterKeyID")),
                            ),
                            bucket_key_enabled: f.bool(
                                "encryption_rules",
                                rule.entry("BucketKeyEnabled"),
                                false,
                            ),
                        }
                    })
                    .collect()
            }
            None => vec![EncryptionRule {
                sse_algorithm: "AES256".into(),
                kms_master_key_id: None,
                bucket_key_enabled: false,
            }],
        };
        let versioning = Versioning {
            status: res
                .e("VersioningConfiguration")
                .and_then(|v| f.str("versioning", v.value.entry("Status"))),
            mfa_delete: false,
        };
        f.at_entry("versioning", res.e("VersioningConfiguration"));
        let logging = match res.e("LoggingConfiguration") {
            Some(e) => {
                f.at("logging", e.line);
                BucketLogging {
                    enabled: true,
                    target_bucket: f.present("logging", e.value.entry("DestinationBucketName")),
                    target_prefix: f.str("logging", e.value.entry("LogFilePrefix")),
                }
            }
            None => BucketLogging::default(),
        };
        let acl = canned_acl(&mut f, res.e("AccessControl"));
        let object_ownership = match res.e("OwnershipControls") {
            Some(e) => {
                let rule = e.value.get("Rules").and_then(|r| r.items().first());
                f.at("object_ownership", e.line);
                f.str(
                    "object_ownership",
                    rule.and_then(|r| r.entry("ObjectOwnership")),
                )
            }
            None => Some("BucketOwnerEnforced".into()),
        };
        let lifecycle_rule_count = res
            .e("LifecycleConfiguration")
            .map(|e| {
                f.at("lifecycle_rule_count", e.line);
                e.value.get("Rules").map_or(0, |r| r.items().len() as u32)
            })
            .unwrap_or(0);
        let mut policy = None;
        for p in self.related("AWS::S3::BucketPolicy", "Bucket", res, name.as_deref()) {
            policy = f.json("policy", p.e("PolicyDocument"));
        }
        let object_lock_enabled = f.bool("object_lock_enabled", res.e("ObjectLockEnabled"), false);
        let mut meta = self.meta(res, name.clone());
        f.unknown.retain(|u| u != "meta.name");
        f.lines.remove("meta.name");
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

    // ---- EC2 -----------------------------------------------------------------------------

    /// `AWS::EC2::SecurityGroup` (+ `AWS::EC2::SecurityGroupIngress`/`Egress`). Without
    /// `SecurityGroupEgress`, EC2 adds its allow-all egress rule.
    fn security_group(&self, res: &Res) -> Resource {
        let mut f = Fields::default();
        let group_name = f
            .str("group_name", res.e("GroupName"))
            .unwrap_or_else(|| res.logical.clone());
        let mut ingress = Vec::new();
        let mut egress = Vec::new();
        if let Some(e) = res.e("SecurityGroupIngress") {
            f.at("ingress", e.line);
            for rule in e.value.items() {
                ingress.push(sg_rule(&mut f, "ingress", rule, rule.line));
            }
        }
        let egress_entry = res.e("SecurityGroupEgress");
        if let Some(e) = egress_entry {
            f.at("egress", e.line);
            for rule in e.value.items() {
                egress.push(sg_rule(&mut f, "egress", rule, rule.line));
            }
        }
        for (rtype, list, path) in [
            ("AWS::EC2::SecurityGroupIngress", &mut ingress, "ingress"),
            ("AWS::EC2::SecurityGroupEgress", &mut egress, "egress"),
        ] {
            for r in self.related(rtype, "GroupId", res, None) {
                list.push(sg_rule(&mut f, path, &r.props, r.line));
            }
        }
        if egress_entry.is_none()
            && !self.resources.iter().any(|r| {
                r.rtype == "AWS::EC2::SecurityGroupEgress"
                    && refers_to(r, "GroupId", res, None, &self.id(&res.logical))
            })
        {
            egress.push(SecurityGroupPermission {
                protocol: "-1".into(),
                ipv4_ranges: vec!["0.0.0.0/0".into()],
                ..Default::default()
            });
        }
        let vpc_id = f.str("vpc_id", res.e("VpcId"));
        let description = f
            .str("description", res.e("GroupDescription"))
            .unwrap_or_default();
        let mut meta = self.meta(res, Some(group_name.clone()));
        apply_fields(&mut meta, f);
        Resource::Ec2SecurityGroup(Ec2SecurityGroup {
            group_id: self.id(&res.logical),
            group_name,
            description,
            vpc_id,
            ingress,
            egress,
            attached_interface_count: None,
            derived: Default::default(),
            meta,
        })
    }

    /// `AWS::EC2::Instance`. IMDS options come from the launch template the instance names
    /// (or `MetadataOptions` where given); without either, the EC2 API default applies:
    /// `HttpTokens: optional`. (An AMI or account-level IMDS default outside the template could
    /// tighten it: the template should state its intent.) Whether a public IP is assigned
    /// depends on the subnet unless a network interface says so; the virtualization type
    /// depends on the AMI: both unknown.
    fn instance(&self, res: &Res) -> Resource {
        let mut f = Fields::default();
        let mut metadata_options = MetadataOptions {
            http_tokens: "optional".into(),
            http_endpoint: "enabled".into(),
            http_put_response_hop_limit: None,
        };
        if let Some(lt) = res.raw("LaunchTemplate") {
            let target = lt
                .get("LaunchTemplateId")
                .or_else(|| lt.get("LaunchTemplateName"))
                .and_then(ref_target);
            let data = target
                .and_then(|t| self.resources.iter().find(|r| r.logical == t))
                .and_then(|r| r.props.get("LaunchTemplateData").cloned());
            match data {
                Some(d) => {
                    read_metadata_options(&mut f, d.entry("MetadataOptions"), &mut metadata_options)
                }
                None => {
                    f.unknown("metadata_options");
                }
            }
            f.at_entry("metadata_options", res.e("LaunchTemplate"));
        }
        read_metadata_options(&mut f, res.e("MetadataOptions"), &mut metadata_options);
        let interfaces = res.e("NetworkInterfaces");
        let public_ip = interfaces.and_then(|e| {
            e.value
                .items()
                .iter()
                .find_map(|i| i.entry("AssociatePublicIpAddress"))
        });
        let public_ip_address = match public_ip {
            Some(entry) => f
                .opt_bool("public_ip_address", Some(entry))
                .and_then(|b| b.then(|| "(assigned at launch)".to_string())),
            None => {
                f.unknown("public_ip_address");
                None
            }
        };
        f.unknown("virtualization_type");
        let iam_instance_profile_arn =
            f.present("iam_instance_profile_arn", res.e("IamInstanceProfile"));
        let security_group_ids = f.strings("security_group_ids", res.e("SecurityGroupIds"));
        let network_interface_count = interfaces.map_or(1, |e| e.value.items().len().max(1) as u32);
        let mut meta = self.meta(res, None);
        let instance = Ec2Instance {
            instance_id: self.id(&res.logical),
            state: "pending".into(),
            instance_type: f
                .str("instance_type", res.e("InstanceType"))
                .unwrap_or_default(),
            image_id: f.str("image_id", res.e("ImageId")),
            launch_time: None,
            metadata_options,
            public_ip_address,
            iam_instance_profile_arn,
            vpc_id: None,
            subnet_id: f.str("subnet_id", res.e("SubnetId")),
            security_group_ids,
            network_interface_count,
            virtualization_type: String::new(),
            stopped_since: None,
            derived: Default::default(),
            meta: ResourceMeta::new("", "", "", ""),
        };
        apply_fields(&mut meta, f);
        Resource::Ec2Instance(Ec2Instance { meta, ..instance })
    }

    /// `AWS::EC2::LaunchTemplate`: IMDS tokens (unset when the template does not say), public
    /// IPs on network interfaces, EBS encryption of block devices (false when unset: the
    /// account-level EBS default is outside the template).
    fn launch_template(&self, res: &Res) -> Resource {
        let mut f = Fields::default();
        let data = res.e("LaunchTemplateData");
        let d = data.map(|e| &e.value);
        let metadata_http_tokens = d.and_then(|d| d.get("MetadataOptions")).and_then(|m| {
            f.at_entry(
                "metadata_http_tokens",
                d.and_then(|d| d.entry("MetadataOptions")),
            );
            f.str("metadata_http_tokens", m.entry("HttpTokens"))
        });
        let mut associates_public_ip = false;
        if let Some(ni) = d.and_then(|d| d.entry("NetworkInterfaces")) {
            for i in ni.value.items() {
                associates_public_ip |= f.bool(
                    "associates_public_ip",
                    i.entry("AssociatePublicIpAddress"),
                    false,
                );
            }
        }
        let mut all_ebs_encrypted = true;
        if let Some(bdm) = d.and_then(|d| d.entry("BlockDeviceMappings")) {
            for b in bdm.value.items() {
                if let Some(ebs) = b.get("Ebs") {
                    all_ebs_encrypted &= f.bool("all_ebs_encrypted", ebs.entry("Encrypted"), false);
                }
            }
        }
        let name = f.str("meta.name", res.e("LaunchTemplateName"));
        f.unknown.retain(|u| u != "meta.name");
        let mut meta = self.meta(res, name);
        apply_fields(&mut meta, f);
        Resource::Ec2LaunchTemplate(Ec2LaunchTemplate {
            meta,
            default_version: 1,
            metadata_http_tokens,
            associates_public_ip,
            all_ebs_encrypted,
        })
    }

    /// `AWS::EC2::Volume` (+ `AWS::EC2::VolumeAttachment`). `Encrypted` absent is false: the
    /// account-level "EBS encryption by default" is outside the template.
    fn volume(&self, res: &Res) -> Resource {
        let mut f = Fields::default();
        let encrypted = f.bool("encrypted", res.e("Encrypted"), false);
        let kms_key_id = f.present("kms_key_id", res.e("KmsKeyId"));
        let size_gib = f.int("size_gib", res.e("Size")).unwrap_or(0) as i32;
        let attached_instance_ids = self
            .related("AWS::EC2::VolumeAttachment", "VolumeId", res, None)
            .iter()
            .map(|a| {
                a.raw("InstanceId")
                    .and_then(ref_target)
                    .map(|l| self.id(&l))
                    .unwrap_or_else(|| "(instance)".into())
            })
            .collect();
        let mut meta = self.meta(res, None);
        apply_fields(&mut meta, f);
        Resource::Ec2Volume(Ec2Volume {
            meta,
            volume_id: self.id(&res.logical),
            encrypted,
            kms_key_id,
            size_gib,
            state: "creating".into(),
            attached_instance_ids,
        })
    }

    /// `AWS::EC2::VPC`; flow logs are joined by the derive step (`ResourceId: !Ref Vpc`).
    fn vpc(&self, res: &Res) -> Resource {
        let mut f = Fields::default();
        let cidr_block = f.str("cidr_block", res.e("CidrBlock"));
        let mut meta = self.meta(res, None);
        apply_fields(&mut meta, f);
        Resource::Ec2Vpc(Ec2Vpc {
            meta,
            vpc_id: self.id(&res.logical),
            cidr_block,
            is_default: false,
            state: "pending".into(),
            derived: Default::default(),
        })
    }

    /// `AWS::EC2::FlowLog`.
    fn flow_log(&self, res: &Res) -> Resource {
        let mut f = Fields::default();
        let resource_id = f
            .str("resource_id", res.e("ResourceId"))
            .unwrap_or_default();
        let traffic_type = f
            .str("traffic_type", res.e("TrafficType"))
            .unwrap_or_else(|| "ALL".into());
        let log_destination_type = f
            .str("log_destination_type", res.e("LogDestinationType"))
            .unwrap_or_else(|| "cloud-watch-logs".into());
        let mut meta = self.meta(res, None);
        apply_fields(&mut meta, f);
        Resource::Ec2FlowLog(Ec2FlowLog {
            meta,
            flow_log_id: self.id(&res.logical),
            resource_id,
            traffic_type,
            status: "ACTIVE".into(),
            log_destination_type,
        })
    }

    /// `AWS::EC2::Subnet`.
    fn subnet(&self, res: &Res) -> Resource {
        let mut f = Fields::default();
        let subnet = Ec2Subnet {
            subnet_id: self.id(&res.logical),
            vpc_id: f.str("vpc_id", res.e("VpcId")).unwrap_or_default(),
            availability_zone: f
                .str("availability_zone", res.e("AvailabilityZone"))
                .unwrap_or_default(),
            map_public_ip_on_launch: f.bool(
                "map_public_ip_on_launch",
                res.e("MapPublicIpOnLaunch"),
                false,
            ),
            derived: Default::default(),
            meta: ResourceMeta::new("", "", "", ""),
        };
        let mut meta = self.meta(res, None);
        apply_fields(&mut meta, f);
        Resource::Ec2Subnet(Ec2Subnet { meta, ..subnet })
    }

    // ---- RDS -----------------------------------------------------------------------------

    /// `AWS::RDS::DBInstance`. Defaults: storage unencrypted, no Multi-AZ, deletion
    /// protection off, automatic minor upgrades on, 1 day of backups, the engine's default
    /// port. `PubliclyAccessible` absent is false when a DB subnet group is named, else it
    /// depends on the default VPC (unknown). Cluster members take encryption from the cluster.
    fn db_instance(&self, res: &Res) -> Resource {
        let mut f = Fields::default();
        let engine = f.str("engine", res.e("Engine")).unwrap_or_default();
        let cluster = res.raw("DBClusterIdentifier").and_then(ref_target);
        let cluster_res = cluster
            .as_ref()
            .and_then(|c| self.resources.iter().find(|r| &r.logical == c));
        let storage_encrypted = match (res.e("StorageEncrypted"), cluster_res) {
            (None, Some(c)) => f.bool("storage_encrypted", c.e("StorageEncrypted"), false),
            (e, _) => f.bool("storage_encrypted", e, false),
        };
        let publicly_accessible = match res.e("PubliclyAccessible") {
            Some(e) => f.bool("publicly_accessible", Some(e), false),
            None if res.e("DBSubnetGroupName").is_some() || cluster.is_some() => false,
            None => {
                f.unknown("publicly_accessible");
                false
            }
        };
        let port = f
            .int("port", res.e("Port"))
            .map(|p| p as i32)
            .or_else(|| crate::model::derive::default_port(&engine));
        let parameters = self.parameters(
            &mut f,
            res,
            "DBParameterGroupName",
            "AWS::RDS::DBParameterGroup",
        );
        let db = RdsDbInstance {
            db_instance_identifier: f
                .str("db_instance_identifier", res.e("DBInstanceIdentifier"))
                .unwrap_or_else(|| res.logical.clone()),
            engine_version: f
                .str("engine_version", res.e("EngineVersion"))
                .unwrap_or_default(),
            storage_encrypted,
            publicly_accessible,
            multi_az: f.bool("multi_az", res.e("MultiAZ"), false),
            auto_minor_version_upgrade: f.bool(
                "auto_minor_version_upgrade",
                res.e("AutoMinorVersionUpgrade"),
                true,
            ),
            deletion_protection: f.bool("deletion_protection", res.e("DeletionProtection"), false),
            backup_retention_period: f
                .int("backup_retention_period", res.e("BackupRetentionPeriod"))
                .unwrap_or(1) as i32,
            iam_database_authentication_enabled: f.bool(
                "iam_database_authentication_enabled",
                res.e("EnableIAMDatabaseAuthentication"),
                false,
            ),
            enabled_cloudwatch_logs_exports: f.strings(
                "enabled_cloudwatch_logs_exports",
                res.e("EnableCloudwatchLogsExports"),
            ),
            monitoring_interval: f
                .int("monitoring_interval", res.e("MonitoringInterval"))
                .unwrap_or(0) as i32,
            copy_tags_to_snapshot: f.bool(
                "copy_tags_to_snapshot",
                res.e("CopyTagsToSnapshot"),
                false,
            ),
            port,
            master_username: f.str("master_username", res.e("MasterUsername")),
            db_cluster_identifier: cluster.map(|c| self.id(&c)),
            subnet_ids: Vec::new(),
            parameters,
            derived: Default::default(),
            engine,
            meta: ResourceMeta::new("", "", "", ""),
        };
        f.unknown("subnet_ids");
        let mut meta = self.meta(res, None);
        apply_fields(&mut meta, f);
        Resource::RdsDbInstance(RdsDbInstance { meta, ..db })
    }

    /// Parameters of the parameter group a DB names: joined when the group is in the
    /// template, unknown otherwise (defaults vary by engine version).
    fn parameters(
        &self,
        f: &mut Fields,
        res: &Res,
        key: &str,
        group_type: &str,
    ) -> std::collections::BTreeMap<String, String> {
        let group = res.raw(key).and_then(ref_target).and_then(|t| {
            self.resources
                .iter()
                .find(|r| r.logical == t && r.rtype == group_type)
        });
        match group {
            Some(g) => g
                .props
                .get("Parameters")
                .map(Node::entries)
                .unwrap_or_default()
                .iter()
                .filter_map(|e| e.value.as_str().map(|v| (e.key.clone(), v)))
                .collect(),
            None => {
                f.unknown("parameters");
                Default::default()
            }
        }
    }

    /// `AWS::RDS::DBCluster`. Defaults as for instances; engine mode `provisioned`.
    fn db_cluster(&self, res: &Res) -> Resource {
        let mut f = Fields::default();
        let engine = f.str("engine", res.e("Engine")).unwrap_or_default();
        let port = f
            .int("port", res.e("Port"))
            .map(|p| p as i32)
            .or_else(|| crate::model::derive::default_port(&engine));
        let parameters = self.parameters(
            &mut f,
            res,
            "DBClusterParameterGroupName",
            "AWS::RDS::DBClusterParameterGroup",
        );
        let zones = f.strings("availability_zone_count", res.e("AvailabilityZones"));
        if res.e("AvailabilityZones").is_none() {
            f.unknown("availability_zone_count");
        }
        let db = RdsDbCluster {
            db_cluster_identifier: f
                .str("db_cluster_identifier", res.e("DBClusterIdentifier"))
                .unwrap_or_else(|| res.logical.clone()),
            engine_mode: f
                .str("engine_mode", res.e("EngineMode"))
                .unwrap_or_else(|| "provisioned".into()),
            storage_encrypted: f.bool("storage_encrypted", res.e("StorageEncrypted"), false),
            deletion_protection: f.bool("deletion_protection", res.e("DeletionProtection"), false),
            availability_zone_count: zones.len() as u32,
            multi_az: zones.len() > 1,
            iam_database_authentication_enabled: f.bool(
                "iam_database_authentication_enabled",
                res.e("EnableIAMDatabaseAuthentication"),
                false,
            ),
            backtrack_window: f
                .int("backtrack_window", res.e("BacktrackWindow"))
                .unwrap_or(0),
            copy_tags_to_snapshot: f.bool(
                "copy_tags_to_snapshot",
                res.e("CopyTagsToSnapshot"),
                false,
            ),
            enabled_cloudwatch_logs_exports: f.strings(
                "enabled_cloudwatch_logs_exports",
                res.e("EnableCloudwatchLogsExports"),
            ),
            auto_minor_version_upgrade: f.bool(
                "auto_minor_version_upgrade",
                res.e("AutoMinorVersionUpgrade"),
                true,
            ),
            backup_retention_period: f
                .int("backup_retention_period", res.e("BackupRetentionPeriod"))
                .unwrap_or(1) as i32,
            master_username: f.str("master_username", res.e("MasterUsername")),
            port,
            parameters,
            derived: Default::default(),
            engine,
            meta: ResourceMeta::new("", "", "", ""),
        };
        let mut meta = self.meta(res, None);
        apply_fields(&mut meta, f);
        Resource::RdsDbCluster(RdsDbCluster { meta, ..db })
    }

    // ---- KMS, CloudTrail, Config, Logs -------------------------------------------------------

    /// `AWS::KMS::Key`: customer managed; `KeySpec` `SYMMETRIC_DEFAULT`, usage
    /// `ENCRYPT_DECRYPT`, origin `AWS_KMS` and rotation off unless set.
    fn kms_key(&self, res: &Res) -> Resource {
        let mut f = Fields::default();
        let enabled = f.bool("key_state", res.e("Enabled"), true);
        let key = KmsKey {
            key_id: self.id(&res.logical),
            key_manager: "CUSTOMER".into(),
            key_state: if enabled { "Enabled" } else { "Disabled" }.into(),
            key_spec: f
                .str("key_spec", res.e("KeySpec"))
                .unwrap_or_else(|| "SYMMETRIC_DEFAULT".into()),
            key_usage: f
                .str("key_usage", res.e("KeyUsage"))
                .unwrap_or_else(|| "ENCRYPT_DECRYPT".into()),
            origin: f
                .str("origin", res.e("Origin"))
                .unwrap_or_else(|| "AWS_KMS".into()),
            rotation_enabled: Some(f.bool("rotation_enabled", res.e("EnableKeyRotation"), false)),
            policy: f.json("policy", res.e("KeyPolicy")),
            deletion_date: None,
            derived: Default::default(),
            meta: ResourceMeta::new("", "", "", ""),
        };
        let mut meta = self.meta(res, None);
        apply_fields(&mut meta, f);
        Resource::KmsKey(KmsKey { meta, ..key })
    }

    /// `AWS::CloudTrail::Trail`. Without event selectors a trail logs all management events;
    /// global service events are included by default; validation is off by default.
    fn trail(&self, res: &Res) -> Resource {
        let mut f = Fields::default();
        let mut event_selectors: Vec<EventSelector> = Vec::new();
        if let Some(e) = res.e("EventSelectors") {
            f.at("event_selectors", e.line);
            for s in e.value.items() {
                event_selectors.push(EventSelector {
                    read_write_type: f
                        .str("event_selectors", s.entry("ReadWriteType"))
                        .unwrap_or_else(|| "All".into()),
                    include_management_events: f.bool(
                        "event_selectors",
                        s.entry("IncludeManagementEvents"),
                        true,
                    ),
                    data_resources: s
                        .get("DataResources")
                        .map(Node::items)
                        .unwrap_or_default()
                        .iter()
                        .map(|d| DataResource {
                            resource_type: d.get("Type").and_then(Node::as_str).unwrap_or_default(),
                            values: f.strings("event_selectors", d.entry("Values")),
                        })
                        .collect(),
                });
            }
        }
        let mut advanced_event_selectors = Vec::new();
        if let Some(e) = res.e("AdvancedEventSelectors") {
            f.at("advanced_event_selectors", e.line);
            for s in e.value.items() {
                let list = |n: &Node, k: &str| -> Vec<String> {
                    n.get(k)
                        .map(Node::items)
                        .unwrap_or_default()
                        .iter()
                        .filter_map(Node::as_str)
                        .collect()
                };
                advanced_event_selectors.push(AdvancedEventSelector {
                    name: s.get("Name").and_then(Node::as_str),
                    field_selectors: s
                        .get("FieldSelectors")
                        .map(Node::items)
                        .unwrap_or_default()
                        .iter()
                        .map(|fs| AdvancedFieldSelector {
                            field: fs.get("Field").and_then(Node::as_str).unwrap_or_default(),
                            equals: list(fs, "Equals"),
                            not_equals: list(fs, "NotEquals"),
                            starts_with: list(fs, "StartsWith"),
                            not_starts_with: list(fs, "NotStartsWith"),
                        })
                        .collect(),
                });
            }
            if e.value.has_unknown() {
                f.unknown("advanced_event_selectors");
            }
        }
        if event_selectors.is_empty() && advanced_event_selectors.is_empty() {
            event_selectors.push(EventSelector {
                read_write_type: "All".into(),
                include_management_events: true,
                data_resources: Vec::new(),
            });
        }
        let name = f.str("meta.name", res.e("TrailName"));
        f.unknown.retain(|u| u != "meta.name");
        let trail = CloudTrailTrail {
            is_multi_region_trail: f.bool(
                "is_multi_region_trail",
                res.e("IsMultiRegionTrail"),
                false,
            ),
            is_organization_trail: f.bool(
                "is_organization_trail",
                res.e("IsOrganizationTrail"),
                false,
            ),
            include_global_service_events: f.bool(
                "include_global_service_events",
                res.e("IncludeGlobalServiceEvents"),
                true,
            ),
            log_file_validation_enabled: f.bool(
                "log_file_validation_enabled",
                res.e("EnableLogFileValidation"),
                false,
            ),
            kms_key_id: f.present("kms_key_id", res.e("KMSKeyId")),
            s3_bucket_name: f.present("s3_bucket_name", res.e("S3BucketName")),
            cloud_watch_logs_log_group_arn: f.present(
                "cloud_watch_logs_log_group_arn",
                res.e("CloudWatchLogsLogGroupArn"),
            ),
            is_logging: f.bool("is_logging", res.e("IsLogging"), true),
            latest_cloud_watch_logs_delivery_time: None,
            event_selectors,
            advanced_event_selectors,
            derived: Default::default(),
            meta: ResourceMeta::new("", "", "", ""),
        };
        let mut meta = self.meta(res, name);
        apply_fields(&mut meta, f);
        Resource::CloudTrailTrail(CloudTrailTrail { meta, ..trail })
    }

    /// `AWS::Config::ConfigurationRecorder`: records all supported types unless a recording
    /// group says otherwise; global types are excluded by default.
    fn config_recorder(&self, res: &Res) -> Resource {
        let mut f = Fields::default();
        let group = res.e("RecordingGroup");
        let g = group.map(|e| &e.value);
        let recorder = ConfigRecorder {
            role_arn: f.present("role_arn", res.e("RoleARN")),
            all_supported: f.bool(
                "all_supported",
                g.and_then(|g| g.entry("AllSupported")),
                g.is_none(),
            ),
            include_global_resource_types: f.bool(
                "include_global_resource_types",
                g.and_then(|g| g.entry("IncludeGlobalResourceTypes")),
                false,
            ),
            recording_strategy: g
                .and_then(|g| g.get("RecordingStrategy"))
                .and_then(|s| s.get("UseOnly"))
                .and_then(Node::as_str),
            resource_types: f.strings("resource_types", g.and_then(|g| g.entry("ResourceTypes"))),
            excluded_resource_types: Vec::new(),
            recording: true,
            last_status: None,
            meta: ResourceMeta::new("", "", "", ""),
        };
        let mut meta = self.meta(res, None);
        apply_fields(&mut meta, f);
        Resource::ConfigRecorder(ConfigRecorder { meta, ..recorder })
    }

    /// `AWS::Logs::LogGroup`: retention forever and no KMS key unless set.
    fn log_group(&self, res: &Res) -> Resource {
        let mut f = Fields::default();
        let name = f.str("meta.name", res.e("LogGroupName"));
        f.unknown.retain(|u| u != "meta.name");
        let group = LogsLogGroup {
            retention_in_days: f
                .int("retention_in_days", res.e("RetentionInDays"))
                .map(|d| d as i32),
            kms_key_id: f.present("kms_key_id", res.e("KmsKeyId")),
            meta: ResourceMeta::new("", "", "", ""),
        };
        let mut meta = self.meta(res, name);
        apply_fields(&mut meta, f);
        Resource::LogsLogGroup(LogsLogGroup { meta, ..group })
    }

    // ---- IAM -----------------------------------------------------------------------------

    /// Inline policies of a principal: its `Policies` plus `AWS::IAM::Policy` resources that
    /// name it in `key` (`Users`, `Groups`, `Roles`).
    fn inline_policies(&self, f: &mut Fields, res: &Res, key: &str) -> Vec<InlinePolicy> {
        let mut out = Vec::new();
        if let Some(e) = res.e("Policies") {
            f.at("inline_policies", e.line);
            for p in e.value.items() {
                if let Some(document) = f.json("inline_policies", p.entry("PolicyDocument")) {
                    out.push(InlinePolicy {
                        name: p
                            .get("PolicyName")
                            .and_then(Node::as_str)
                            .unwrap_or_default(),
                        document,
                        derived: Default::default(),
                    });
                }
            }
        }
        for p in self
            .resources
            .iter()
            .filter(|r| r.rtype == "AWS::IAM::Policy")
        {
            if list_refers_to(p, key, res) {
                f.at("inline_policies", p.line);
                if let Some(document) = f.json("inline_policies", p.e("PolicyDocument")) {
                    out.push(InlinePolicy {
                        name: p
                            .e("PolicyName")
                            .and_then(|e| e.value.as_str())
                            .unwrap_or_default(),
                        document,
                        derived: Default::default(),
                    });
                }
            }
        }
        out
    }

    /// Managed policies attached to a principal: its `ManagedPolicyArns` plus managed policies
    /// of the template that name it.
    fn attached_policies(&self, f: &mut Fields, res: &Res, key: &str) -> Vec<String> {
        let mut out = f.strings("attached_policies", res.e("ManagedPolicyArns"));
        for p in self
            .resources
            .iter()
            .filter(|r| r.rtype == "AWS::IAM::ManagedPolicy")
        {
            if list_refers_to(p, key, res) {
                out.push(self.id(&p.logical));
            }
        }
        out
    }

    /// `AWS::IAM::User`: a `LoginProfile` gives a console password; groups from `Groups` and
    /// `AWS::IAM::UserToGroupAddition`; access keys from `AWS::IAM::AccessKey`.
    fn iam_user(&self, res: &Res) -> Resource {
        let mut f = Fields::default();
        let inline_policies = self.inline_policies(&mut f, res, "Users");
        let attached_policies = self.attached_policies(&mut f, res, "Users");
        let mut groups = f.strings("groups", res.e("Groups"));
        for g in self
            .resources
            .iter()
            .filter(|r| r.rtype == "AWS::IAM::UserToGroupAddition")
        {
            if list_refers_to(g, "Users", res) {
                groups.extend(g.e("GroupName").and_then(|e| e.value.as_str()));
            }
        }
        f.at_entry("password_enabled", res.e("LoginProfile"));
        let name = f.str("meta.name", res.e("UserName"));
        f.unknown.retain(|u| u != "meta.name");
        let mut access_keys = Vec::new();
        for key in self.related("AWS::IAM::AccessKey", "UserName", res, name.as_deref()) {
            f.at("access_keys", key.line);
            // `Status` defaults to Active; a parameter left unresolved is unknown, not Active.
            let status = match key.e("Status") {
                None => Some("Active".to_string()),
                Some(e) => e.value.as_str(),
            };
            let Some(status) = status else {
                f.unknown.push("access_keys".to_string());
                continue;
            };
            access_keys.push(AccessKey {
                id: self.id(&key.logical),
                status,
                created: None,
                last_used: None,
                age_days: None,
                days_since_last_use: None,
            });
        }
        let user = IamUser {
            created: None,
            password_enabled: res.e("LoginProfile").is_some(),
            password_last_used: None,
            mfa_devices: Vec::new(),
            access_keys,
            attached_policies,
            inline_policies,
            groups,
            derived: Default::default(),
            meta: ResourceMeta::new("", "", "", ""),
        };
        let mut meta = self.meta(res, name);
        apply_fields(&mut meta, f);
        Resource::IamUser(IamUser { meta, ..user })
    }

    /// `AWS::IAM::Group`.
    fn iam_group(&self, res: &Res) -> Resource {
        let mut f = Fields::default();
        let inline_policies = self.inline_policies(&mut f, res, "Groups");
        let attached_policies = self.attached_policies(&mut f, res, "Groups");
        let name = f.str("meta.name", res.e("GroupName"));
        f.unknown.retain(|u| u != "meta.name");
        let mut meta = self.meta(res, name);
        apply_fields(&mut meta, f);
        Resource::IamGroup(IamGroup {
            meta,
            attached_policies,
            inline_policies,
            users: Vec::new(),
        })
    }

    /// `AWS::IAM::Role`: path `/` unless set.
    fn iam_role(&self, res: &Res) -> Resource {
        let mut f = Fields::default();
        let inline_policies = self.inline_policies(&mut f, res, "Roles");
        let attached_policies = self.attached_policies(&mut f, res, "Roles");
        let name = f.str("meta.name", res.e("RoleName"));
        f.unknown.retain(|u| u != "meta.name");
        let role = IamRole {
            path: f.str("path", res.e("Path")).unwrap_or_else(|| "/".into()),
            assume_role_policy: f
                .json("assume_role_policy", res.e("AssumeRolePolicyDocument"))
                .unwrap_or_default(),
            attached_policies,
            inline_policies,
            last_used: None,
            derived: Default::default(),
            meta: ResourceMeta::new("", "", "", ""),
        };
        let mut meta = self.meta(res, name);
        apply_fields(&mut meta, f);
        Resource::IamRole(IamRole { meta, ..role })
    }

    /// `AWS::IAM::ManagedPolicy`: attachments from its `Users`/`Groups`/`Roles` and from the
    /// principals' `ManagedPolicyArns` that refer to it.
    fn iam_managed_policy(&self, res: &Res) -> Resource {
        let mut f = Fields::default();
        let document = f
            .json("document", res.e("PolicyDocument"))
            .unwrap_or_default();
        let mut names = |key: &str, principal_type: &str| -> Vec<String> {
            let mut out = f.strings(
                &format!("attached_{}", key.to_ascii_lowercase()),
                res.e(key),
            );
            for p in self.resources.iter().filter(|r| r.rtype == principal_type) {
                let refers = p
                    .raw("ManagedPolicyArns")
                    .map(Node::items)
                    .unwrap_or_default()
                    .iter()
                    .any(|n| ref_target(n).as_deref() == Some(res.logical.as_str()));
                if refers {
                    out.push(self.id(&p.logical));
                }
            }
            out
        };
        let attached_users = names("Users", "AWS::IAM::User");
        let attached_groups = names("Groups", "AWS::IAM::Group");
        let attached_roles = names("Roles", "AWS::IAM::Role");
        let name = f.str("meta.name", res.e("ManagedPolicyName"));
        f.unknown.retain(|u| u != "meta.name");
        let mut meta = self.meta(res, name);
        apply_fields(&mut meta, f);
        Resource::IamPolicy(IamPolicy {
            meta,
            aws_managed: false,
            attachment_count: (attached_users.len() + attached_groups.len() + attached_roles.len())
                as u32,
            attached_users,
            attached_groups,
            attached_roles,
            document,
            derived: Default::default(),
        })
    }

    // ---- Lambda --------------------------------------------------------------------------

    /// `AWS::Lambda::Function` and SAM `AWS::Serverless::Function`. The resource policy is
    /// built from the `AWS::Lambda::Permission` resources that name the function (one
    /// statement each); a function URL from `AWS::Lambda::Url` or SAM `FunctionUrlConfig`.
    fn lambda(&self, res: &Res) -> Resource {
        let mut f = Fields::default();
        let function_name = f
            .str("function_name", res.e("FunctionName"))
            .unwrap_or_else(|| res.logical.clone());
        f.unknown.retain(|u| u != "function_name");
        let vpc = res.e("VpcConfig");
        let vpc_subnet_ids = f.strings(
            "vpc_subnet_ids",
            vpc.and_then(|v| v.value.entry("SubnetIds")),
        );
        let environment_variable_names = res
            .e("Environment")
            .and_then(|e| e.value.get("Variables"))
            .map(|v| v.entries().iter().map(|e| e.key.clone()).collect())
            .unwrap_or_default();
        let mut statements = Vec::new();
        for p in self.related(
            "AWS::Lambda::Permission",
            "FunctionName",
            res,
            Some(&function_name),
        ) {
            f.at("policy", p.line);
            let principal = p.e("Principal").map(|e| &e.value);
            let principal_json = match principal.map(|n| &n.kind) {
                Some(Kind::Str(s)) if s == "*" => json!("*"),
                Some(Kind::Str(s)) if s.ends_with(".amazonaws.com") => json!({"Service": s}),
                Some(Kind::Str(s)) => json!({"AWS": s}),
                Some(Kind::Unknown(r)) if super::is_reference(r) => {
                    json!({"AWS": super::placeholder(r)})
                }
                _ => {
                    f.unknown("policy");
                    continue;
                }
            };
            let mut condition = serde_json::Map::new();
            for (key, cond, op) in [
                ("SourceArn", "AWS:SourceArn", "ArnLike"),
                ("SourceAccount", "AWS:SourceAccount", "StringEquals"),
                ("PrincipalOrgID", "aws:PrincipalOrgID", "StringEquals"),
                (
                    "FunctionUrlAuthType",
                    "lambda:FunctionUrlAuthType",
                    "StringEquals",
                ),
            ] {
                if let Some(e) = p.e(key) {
                    let value =
                        super::json_with_references(&e.value).unwrap_or(json!("${unknown}"));
                    condition
                        .entry(op.to_string())
                        .or_insert_with(|| json!({}))
                        .as_object_mut()
                        .map(|m| m.insert(cond.to_string(), value));
                }
            }
            let mut stmt = json!({
                "Sid": p.logical,
                "Effect": "Allow",
                "Principal": principal_json,
                "Action": p.e("Action").and_then(|e| e.value.as_str()).unwrap_or_else(|| "lambda:InvokeFunction".into()),
                "Resource": "*",
            });
            if !condition.is_empty() {
                stmt["Condition"] = serde_json::Value::Object(condition);
            }
            statements.push(stmt);
        }
        let policy = (!statements.is_empty())
            .then(|| json!({"Version": "2012-10-17", "Statement": statements}));
        let mut function_url_auth_type = res
            .e("FunctionUrlConfig")
            .and_then(|e| f.str("function_url_auth_type", e.value.entry("AuthType")));
        for u in self.related(
            "AWS::Lambda::Url",
            "TargetFunctionArn",
            res,
            Some(&function_name),
        ) {
            function_url_auth_type = f.str("function_url_auth_type", u.e("AuthType"));
        }
        let function = LambdaFunction {
            runtime: f.str("runtime", res.e("Runtime")),
            package_type: f
                .str("package_type", res.e("PackageType"))
                .unwrap_or_else(|| "Zip".into()),
            policy,
            vpc_subnet_ids,
            environment_variable_names,
            function_url_auth_type,
            derived: Default::default(),
            function_name: function_name.clone(),
            meta: ResourceMeta::new("", "", "", ""),
        };
        let mut meta = self.meta(res, Some(function_name));
        apply_fields(&mut meta, f);
        Resource::LambdaFunction(LambdaFunction { meta, ..function })
    }

    // ---- SQS, SNS ------------------------------------------------------------------------

    /// `AWS::SQS::Queue` (+ `AWS::SQS::QueuePolicy`). New queues get SSE-SQS by default
    /// (since 2022) unless a KMS key is set or `SqsManagedSseEnabled: false`.
    fn sqs_queue(&self, res: &Res) -> Resource {
        let mut f = Fields::default();
        let kms_master_key_id = f.present("kms_master_key_id", res.e("KmsMasterKeyId"));
        let sqs_managed_sse_enabled = f.bool(
            "sqs_managed_sse_enabled",
            res.e("SqsManagedSseEnabled"),
            kms_master_key_id.is_none(),
        );
        let mut policy = None;
        for p in self
            .resources
            .iter()
            .filter(|r| r.rtype == "AWS::SQS::QueuePolicy")
        {
            if list_refers_to(p, "Queues", res) {
                policy = f.json("policy", p.e("PolicyDocument"));
            }
        }
        let name = f.str("meta.name", res.e("QueueName"));
        f.unknown.retain(|u| u != "meta.name");
        let mut meta = self.meta(res, name);
        apply_fields(&mut meta, f);
        Resource::SqsQueue(SqsQueue {
            queue_url: self.id(&res.logical),
            meta,
            sqs_managed_sse_enabled,
            kms_master_key_id,
            policy,
            derived: Default::default(),
        })
    }

    /// `AWS::SNS::Topic` (+ `AWS::SNS::TopicPolicy`, `AWS::SNS::Subscription`). Email
    /// subscriptions start unconfirmed.
    fn sns_topic(&self, res: &Res) -> Resource {
        let mut f = Fields::default();
        let kms_master_key_id = f.present("kms_master_key_id", res.e("KmsMasterKeyId"));
        let mut policy = None;
        for p in self
            .resources
            .iter()
            .filter(|r| r.rtype == "AWS::SNS::TopicPolicy")
        {
            if list_refers_to(p, "Topics", res) {
                policy = f.json("policy", p.e("PolicyDocument"));
            }
        }
        let subscription = |protocol: String| SnsSubscription {
            confirmed: !protocol.starts_with("email"),
            protocol,
        };
        let mut subscriptions: Vec<SnsSubscription> = res
            .e("Subscription")
            .map(|e| {
                e.value
                    .items()
                    .iter()
                    .filter_map(|s| s.get("Protocol").and_then(Node::as_str))
                    .map(subscription)
                    .collect()
            })
            .unwrap_or_default();
        for s in self.related("AWS::SNS::Subscription", "TopicArn", res, None) {
            subscriptions.extend(
                s.e("Protocol")
                    .and_then(|e| e.value.as_str())
                    .map(subscription),
            );
        }
        let name = f.str("meta.name", res.e("TopicName"));
        f.unknown.retain(|u| u != "meta.name");
        let mut meta = self.meta(res, name);
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

    /// `AWS::EFS::FileSystem` (+ `AWS::EFS::MountTarget`). Unencrypted and without automatic
    /// backups unless set (the API defaults).
    fn efs(&self, res: &Res) -> Resource {
        let mut f = Fields::default();
        let backup_policy_status = match res.e("BackupPolicy") {
            Some(e) => f.str("backup_policy_status", e.value.entry("Status")),
            None => Some("DISABLED".into()),
        };
        f.at_entry("backup_policy_status", res.e("BackupPolicy"));
        let mount_target_subnet_ids = self
            .related("AWS::EFS::MountTarget", "FileSystemId", res, None)
            .iter()
            .filter_map(|m| m.e("SubnetId").and_then(|e| e.value.as_str()))
            .collect();
        let fs = EfsFileSystem {
            file_system_id: self.id(&res.logical),
            encrypted: f.bool("encrypted", res.e("Encrypted"), false),
            kms_key_id: f.present("kms_key_id", res.e("KmsKeyId")),
            backup_policy_status,
            mount_target_subnet_ids,
            policy: f.json("policy", res.e("FileSystemPolicy")),
            derived: Default::default(),
            meta: ResourceMeta::new("", "", "", ""),
        };
        let mut meta = self.meta(res, None);
        apply_fields(&mut meta, f);
        Resource::EfsFileSystem(EfsFileSystem { meta, ..fs })
    }

    /// `AWS::EFS::AccessPoint`: root directory `/` and no POSIX user unless set.
    fn efs_access_point(&self, res: &Res) -> Resource {
        let mut f = Fields::default();
        let root = res.e("RootDirectory");
        let ap = EfsAccessPoint {
            file_system_id: f
                .str("file_system_id", res.e("FileSystemId"))
                .unwrap_or_default(),
            root_directory_path: root
                .and_then(|r| f.str("root_directory_path", r.value.entry("Path")))
                .or_else(|| Some("/".into())),
            posix_user_enforced: res.e("PosixUser").is_some(),
            meta: ResourceMeta::new("", "", "", ""),
        };
        f.at_entry("posix_user_enforced", res.e("PosixUser"));
        let mut meta = self.meta(res, None);
        apply_fields(&mut meta, f);
        Resource::EfsAccessPoint(EfsAccessPoint { meta, ..ap })
    }

    /// `AWS::DynamoDB::Table`: provisioned billing, no point-in-time recovery and no deletion
    /// protection unless set. Auto scaling lives in Application Auto Scaling resources, so for
    /// provisioned tables it is unknown unless a scalable target names the table.
    fn dynamodb(&self, res: &Res) -> Resource {
        let mut f = Fields::default();
        let billing_mode = f
            .str("billing_mode", res.e("BillingMode"))
            .unwrap_or_else(|| "PROVISIONED".into());
        let scaled = self.resources.iter().any(|r| {
            r.rtype == "AWS::ApplicationAutoScaling::ScalableTarget"
                && r.raw("ResourceId").is_some_and(|n| {
                    let text = format!("{n:?}");
                    text.contains(&format!("\"{}\"", res.logical))
                })
        });
        let auto_scaling_enabled = if scaled {
            Some(true)
        } else {
            if billing_mode != "PAY_PER_REQUEST" {
                f.unknown("auto_scaling_enabled");
            }
            None
        };
        let name = f.str("meta.name", res.e("TableName"));
        f.unknown.retain(|u| u != "meta.name");
        let table = DynamoDbTable {
            point_in_time_recovery_enabled: f.bool(
                "point_in_time_recovery_enabled",
                res.e("PointInTimeRecoverySpecification")
                    .and_then(|e| e.value.entry("PointInTimeRecoveryEnabled")),
                false,
            ),
            deletion_protection_enabled: f.bool(
                "deletion_protection_enabled",
                res.e("DeletionProtectionEnabled"),
                false,
            ),
            billing_mode,
            auto_scaling_enabled,
            meta: ResourceMeta::new("", "", "", ""),
        };
        f.at_entry(
            "point_in_time_recovery_enabled",
            res.e("PointInTimeRecoverySpecification"),
        );
        let mut meta = self.meta(res, name);
        apply_fields(&mut meta, f);
        Resource::DynamoDbTable(DynamoDbTable { meta, ..table })
    }

    /// SAM `AWS::Serverless::SimpleTable`: a DynamoDB table, on-demand unless
    /// `ProvisionedThroughput` is set, without point-in-time recovery or deletion protection.
    fn simple_table(&self, res: &Res) -> Resource {
        let mut f = Fields::default();
        let provisioned = res.e("ProvisionedThroughput").is_some();
        f.at_entry("billing_mode", res.e("ProvisionedThroughput"));
        if provisioned {
            f.unknown("auto_scaling_enabled");
        }
        let name = f.str("meta.name", res.e("TableName"));
        f.unknown.retain(|u| u != "meta.name");
        let mut meta = self.meta(res, name);
        apply_fields(&mut meta, f);
        Resource::DynamoDbTable(DynamoDbTable {
            meta,
            billing_mode: if provisioned {
                "PROVISIONED"
            } else {
                "PAY_PER_REQUEST"
            }
            .into(),
            point_in_time_recovery_enabled: false,
            deletion_protection_enabled: false,
            auto_scaling_enabled: None,
        })
    }

    /// `AWS::ECR::Repository`: no scan on push, mutable tags, no lifecycle policy unless set.
    fn ecr(&self, res: &Res) -> Resource {
        let mut f = Fields::default();
        let name = f.str("meta.name", res.e("RepositoryName"));
        f.unknown.retain(|u| u != "meta.name");
        let scan_on_push = f.bool(
            "scan_on_push",
            res.e("ImageScanningConfiguration")
                .and_then(|e| e.value.entry("ScanOnPush")),
            false,
        );
        f.at_entry("scan_on_push", res.e("ImageScanningConfiguration"));
        let image_tag_mutability = f
            .str("image_tag_mutability", res.e("ImageTagMutability"))
            .unwrap_or_else(|| "MUTABLE".into());
        f.at_entry("lifecycle_policy_present", res.e("LifecyclePolicy"));
        let mut meta = self.meta(res, name);
        apply_fields(&mut meta, f);
        Resource::EcrRepository(EcrRepository {
            meta,
            scan_on_push,
            enhanced_scanning: false,
            image_tag_mutability,
            lifecycle_policy_present: res.e("LifecyclePolicy").is_some(),
        })
    }

    /// `AWS::ECS::TaskDefinition`: network mode `bridge` unless set; environment variable
    /// names only (values are never copied).
    fn task_definition(&self, res: &Res) -> Resource {
        let mut f = Fields::default();
        let family = f
            .str("family", res.e("Family"))
            .unwrap_or_else(|| res.logical.clone());
        f.unknown.retain(|u| u != "family");
        let mut containers = Vec::new();
        if let Some(e) = res.e("ContainerDefinitions") {
            f.at("containers", e.line);
            for c in e.value.items() {
                containers.push(ContainerDefinition {
                    name: c.get("Name").and_then(Node::as_str).unwrap_or_default(),
                    privileged: f.bool("containers", c.entry("Privileged"), false),
                    user: f.str("containers", c.entry("User")),
                    readonly_root_filesystem: f.bool(
                        "containers",
                        c.entry("ReadonlyRootFilesystem"),
                        false,
                    ),
                    environment_variable_names: c
                        .get("Environment")
                        .map(Node::items)
                        .unwrap_or_default()
                        .iter()
                        .filter_map(|v| v.get("Name").and_then(Node::as_str))
                        .collect(),
                    log_configuration_present: c.get("LogConfiguration").is_some(),
                });
            }
        }
        let td = EcsTaskDefinition {
            revision: 1,
            network_mode: f
                .str("network_mode", res.e("NetworkMode"))
                .unwrap_or_else(|| "bridge".into()),
            pid_mode: f.str("pid_mode", res.e("PidMode")),
            containers,
            derived: Default::default(),
            family: family.clone(),
            meta: ResourceMeta::new("", "", "", ""),
        };
        let mut meta = self.meta(res, Some(family));
        apply_fields(&mut meta, f);
        Resource::EcsTaskDefinition(EcsTaskDefinition { meta, ..td })
    }

    /// `AWS::ECS::Cluster`: Container Insights from `ClusterSettings` (off by default).
    fn ecs_cluster(&self, res: &Res) -> Resource {
        let mut f = Fields::default();
        let mut container_insights = "disabled".to_string();
        if let Some(e) = res.e("ClusterSettings") {
            for s in e.value.items() {
                if s.get("Name").and_then(Node::as_str).as_deref() == Some("containerInsights") {
                    f.at("container_insights", e.line);
                    container_insights = f
                        .str("container_insights", s.entry("Value"))
                        .unwrap_or(container_insights);
                }
            }
        }
        let name = f.str("meta.name", res.e("ClusterName"));
        f.unknown.retain(|u| u != "meta.name");
        let mut meta = self.meta(res, name);
        apply_fields(&mut meta, f);
        Resource::EcsCluster(EcsCluster {
            meta,
            container_insights,
        })
    }

    /// `AWS::ECS::Service`: launch type `EC2` unless set, no public IP unless
    /// `AssignPublicIp: ENABLED`.
    fn ecs_service(&self, res: &Res) -> Resource {
        let mut f = Fields::default();
        let awsvpc = res
            .e("NetworkConfiguration")
            .and_then(|e| e.value.get("AwsvpcConfiguration"))
            .and_then(|a| a.entry("AssignPublicIp"));
        let assign_public_ip = f
            .str("assign_public_ip", awsvpc)
            .is_some_and(|v| v == "ENABLED");
        let name = f.str("meta.name", res.e("ServiceName"));
        f.unknown.retain(|u| u != "meta.name");
        let service = EcsService {
            cluster_arn: f
                .present("cluster_arn", res.e("Cluster"))
                .unwrap_or_default(),
            launch_type: f
                .str("launch_type", res.e("LaunchType"))
                .unwrap_or_else(|| "EC2".into()),
            platform_version: f.str("platform_version", res.e("PlatformVersion")),
            assign_public_ip,
            meta: ResourceMeta::new("", "", "", ""),
        };
        let mut meta = self.meta(res, name);
        apply_fields(&mut meta, f);
        Resource::EcsService(EcsService { meta, ..service })
    }

    // ---- ELBv2, Secrets Manager ----------------------------------------------------------------

    /// `AWS::ElasticLoadBalancingV2::LoadBalancer` (+ `Listener`). Type `application`, scheme
    /// `internet-facing`, deletion protection and access logs off, desync mitigation
    /// `defensive` unless set. Availability Zones follow from subnets: known by count only.
    fn load_balancer(&self, res: &Res) -> Resource {
        let mut f = Fields::default();
        let mut attributes: HashMap<String, (Option<String>, u32)> = HashMap::new();
        if let Some(e) = res.e("LoadBalancerAttributes") {
            for a in e.value.items() {
                if let Some(key) = a.get("Key").and_then(Node::as_str) {
                    let value = match a.get("Value").map(|v| &v.kind) {
                        Some(Kind::Unknown(_)) => None,
                        _ => a.get("Value").and_then(Node::as_str),
                    };
                    attributes.insert(key, (value, a.line));
                }
            }
        }
        let mut attr = |f: &mut Fields, key: &str, path: &str| -> Option<String> {
            let (value, line) = attributes.remove(key)?;
            f.at(path, line);
            if value.is_none() {
                f.unknown(path);
            }
            value
        };
        let deletion_protection_enabled = attr(
            &mut f,
            "deletion_protection.enabled",
            "deletion_protection_enabled",
        )
        .as_deref()
            == Some("true");
        let access_logs_enabled = attr(&mut f, "access_logs.s3.enabled", "access_logs_enabled")
            .as_deref()
            == Some("true");
        let drop_invalid_header_fields = attr(
            &mut f,
            "routing.http.drop_invalid_header_fields.enabled",
            "drop_invalid_header_fields",
        )
        .as_deref()
            == Some("true");
        let desync_mitigation_mode = attr(
            &mut f,
            "routing.http.desync_mitigation_mode",
            "desync_mitigation_mode",
        )
        .or_else(|| Some("defensive".into()));
        let subnets = res.e("Subnets").or_else(|| res.e("SubnetMappings"));
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
        let mut listeners = Vec::new();
        for l in self.related(
            "AWS::ElasticLoadBalancingV2::Listener",
            "LoadBalancerArn",
            res,
            None,
        ) {
            f.at("listeners", l.line);
            listeners.push(Listener {
                arn: self.id(&l.logical),
                protocol: f.str("listeners", l.e("Protocol")).unwrap_or_default(),
                port: f.int("listeners", l.e("Port")).unwrap_or(0) as i32,
                ssl_policy: f.str("listeners", l.e("SslPolicy")),
                default_actions: l
                    .e("DefaultActions")
                    .map(|e| e.value.items())
                    .unwrap_or_default()
                    .iter()
                    .map(|a| ListenerAction {
                        action_type: a.get("Type").and_then(Node::as_str).unwrap_or_default(),
                        redirect_protocol: a
                            .get("RedirectConfig")
                            .and_then(|r| r.get("Protocol"))
                            .and_then(Node::as_str),
                    })
                    .collect(),
            });
        }
        let name = f.str("meta.name", res.e("Name"));
        f.unknown.retain(|u| u != "meta.name");
        let lb = Elbv2LoadBalancer {
            load_balancer_type: f
                .str("load_balancer_type", res.e("Type"))
                .unwrap_or_else(|| "application".into()),
            scheme: f
                .str("scheme", res.e("Scheme"))
                .unwrap_or_else(|| "internet-facing".into()),
            availability_zones,
            listeners,
            deletion_protection_enabled,
            access_logs_enabled,
            drop_invalid_header_fields,
            desync_mitigation_mode,
            meta: ResourceMeta::new("", "", "", ""),
        };
        let mut meta = self.meta(res, name);
        apply_fields(&mut meta, f);
        Resource::Elbv2LoadBalancer(Elbv2LoadBalancer { meta, ..lb })
    }

    /// `AWS::SecretsManager::Secret` (+ `AWS::SecretsManager::RotationSchedule`, and SAM-less
    /// `HostedRotationLambda`): rotation is on when a schedule names the secret.
    fn secret(&self, res: &Res) -> Resource {
        let mut f = Fields::default();
        let mut rotation_enabled = false;
        let mut rotation_interval_days = None;
        for r in self.related(
            "AWS::SecretsManager::RotationSchedule",
            "SecretId",
            res,
            None,
        ) {
            rotation_enabled = true;
            f.at("rotation_enabled", r.line);
            let rules = r.e("RotationRules").map(|e| &e.value);
            rotation_interval_days = rules
                .and_then(|r| r.entry("AutomaticallyAfterDays"))
                .and_then(|e| f.int("rotation_interval_days", Some(e)))
                .or_else(|| {
                    let expr = rules
                        .and_then(|r| r.get("ScheduleExpression"))
                        .and_then(Node::as_str)?;
                    let days = expr.strip_prefix("rate(")?.strip_suffix(')')?;
                    let (n, unit) = days.split_once(' ')?;
                    let n: i64 = n.parse().ok()?;
                    unit.starts_with("day").then_some(n)
                });
        }
        let name = f.str("meta.name", res.e("Name"));
        f.unknown.retain(|u| u != "meta.name");
        let mut meta = self.meta(res, name);
        apply_fields(&mut meta, f);
        Resource::SecretsManagerSecret(SecretsManagerSecret {
            meta,
            rotation_enabled,
            rotation_interval_days,
            last_rotated_date: None,
            last_accessed_date: None,
            created_date: None,
            derived: Default::default(),
        })
    }
}

/// Whether `r.key` (as written) refers to `target`: by `Ref`/`GetAtt`, by its stance id, or by
/// the literal `name`.
fn refers_to(r: &Res, key: &str, target: &Res, name: Option<&str>, target_id: &str) -> bool {
    if r.raw(key).and_then(ref_target).as_deref() == Some(target.logical.as_str()) {
        return true;
    }
    match r.e(key).and_then(|e| e.value.as_str()) {
        Some(value) => value == target_id || name.is_some_and(|n| n == value),
        None => false,
    }
}

/// Whether a list property (`Users`, `Queues`, `Topics`...) of `r` refers to `target`.
fn list_refers_to(r: &Res, key: &str, target: &Res) -> bool {
    let by_ref = r
        .raw(key)
        .map(Node::items)
        .unwrap_or_default()
        .iter()
        .any(|n| ref_target(n).as_deref() == Some(target.logical.as_str()));
    by_ref
        || r.e(key).is_some_and(|e| {
            e.value.items().iter().any(|n| {
                n.as_str().is_some_and(|s| {
                    target.props.entries().iter().any(|p| {
                        p.key.ends_with("Name") && p.value.as_str().as_deref() == Some(s.as_str())
                    })
                })
            })
        })
}

/// Joins resolved parts into one string: known when every part is; a reference when the
/// unknown parts are all references (an ARN built from `AWS::Partition`); unknown otherwise.
fn concat(parts: Vec<Node>, delim: &str, line: u32, col: u32) -> Node {
    let mut text = String::new();
    let mut reference_only = true;
    let mut any_unknown = false;
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            text.push_str(delim);
        }
        match &p.kind {
            Kind::Unknown(reason) => {
                any_unknown = true;
                if super::is_reference(reason) {
                    text.push_str(&super::placeholder(reason));
                } else {
                    reference_only = false;
                }
            }
            _ => text.push_str(&p.as_str().unwrap_or_default()),
        }
    }
    match (any_unknown, reference_only) {
        (false, _) => Node::new(line, col, Kind::Str(text)),
        (true, true) => reference(line, col, &text),
        (true, false) => unknown(line, col, "built from values known at deploy"),
    }
}

/// `Tags: [{Key, Value}]` (or SAM's map form) as a map; unknown values are left out.
fn tags(entry: Option<&Entry>) -> std::collections::BTreeMap<String, String> {
    let Some(e) = entry else {
        return Default::default();
    };
    match &e.value.kind {
        Kind::Seq(items) => items
            .iter()
            .filter_map(|t| Some((t.get("Key")?.as_str()?, t.get("Value")?.as_str()?)))
            .collect(),
        Kind::Map(entries) => entries
            .iter()
            .filter_map(|t| Some((t.key.clone(), t.value.as_str()?)))
            .collect(),
        _ => Default::default(),
    }
}

/// A canned ACL as grants. `LogDeliveryWrite` grants the log delivery group, which is not
/// public.
fn canned_acl(f: &mut Fields, entry: Option<&Entry>) -> BucketAcl {
    let group = |uri: &str, permission: &str| AclGrant {
        grantee_type: "Group".into(),
        grantee_uri: Some(format!("http://acs.amazonaws.com/groups/{uri}")),
        grantee_id: None,
        permission: permission.into(),
    };
    let grants = match f.str("acl", entry).as_deref() {
        Some("PublicRead") => vec![group("global/AllUsers", "READ")],
        Some("PublicReadWrite") => vec![
            group("global/AllUsers", "READ"),
            group("global/AllUsers", "WRITE"),
        ],
        Some("AuthenticatedRead") => vec![group("global/AuthenticatedUsers", "READ")],
        Some("LogDeliveryWrite") => vec![
            group("s3/LogDelivery", "WRITE"),
            group("s3/LogDelivery", "READ_ACP"),
        ],
        _ => Vec::new(),
    };
    BucketAcl {
        owner_id: None,
        grants,
    }
}

/// IMDS options from a `MetadataOptions` mapping.
fn read_metadata_options(f: &mut Fields, entry: Option<&Entry>, out: &mut MetadataOptions) {
    let Some(e) = entry else { return };
    f.at("metadata_options", e.line);
    if let Some(t) = f.str("metadata_options", e.value.entry("HttpTokens")) {
        out.http_tokens = t;
    }
    if let Some(t) = f.str("metadata_options", e.value.entry("HttpEndpoint")) {
        out.http_endpoint = t;
    }
    out.http_put_response_hop_limit = f
        .int("metadata_options", e.value.entry("HttpPutResponseHopLimit"))
        .map(|h| h as i32);
}

/// Normalises an IP protocol as EC2 reports it (`tcp`, `udp`, `icmp`, `-1`).
pub fn normalize_protocol(p: &str) -> String {
    match p.to_ascii_lowercase().as_str() {
        "6" | "tcp" => "tcp".into(),
        "17" | "udp" => "udp".into(),
        "1" | "icmp" => "icmp".into(),
        "58" | "icmpv6" => "icmpv6".into(),
        "-1" | "all" => "-1".into(),
        other => other.to_string(),
    }
}

/// One security group rule; an unknown protocol, port or source makes the whole rule list
/// unknown. The rule's line is recorded for the derived facts it opens to the world, so an
/// open-port finding points at the rule.
fn sg_rule(f: &mut Fields, path: &str, rule: &Node, line: u32) -> SecurityGroupPermission {
    let mut known = |key: &str| -> Option<String> {
        let n = rule.get(key)?;
        if let Kind::Unknown(reason) = &n.kind {
            if super::is_reference(reason) {
                return Some(super::placeholder(reason));
            }
            f.unknown(path);
            return None;
        }
        n.as_str()
    };
    let protocol = normalize_protocol(&known("IpProtocol").unwrap_or_else(|| "-1".into()));
    let all = protocol == "-1";
    let port = |s: Option<String>| s.and_then(|p| p.parse::<i32>().ok());
    let from_port = if all { None } else { port(known("FromPort")) };
    let to_port = if all { None } else { port(known("ToPort")) };
    let mut p = SecurityGroupPermission {
        protocol,
        from_port,
        to_port,
        ..Default::default()
    };
    p.ipv4_ranges.extend(known("CidrIp"));
    p.ipv6_ranges.extend(known("CidrIpv6"));
    p.prefix_list_ids
        .extend(known("SourcePrefixListId").or_else(|| known("DestinationPrefixListId")));
    p.referenced_group_ids.extend(
        known("SourceSecurityGroupId")
            .or_else(|| known("DestinationSecurityGroupId"))
            .or_else(|| known("SourceSecurityGroupName")),
    );
    if path == "ingress" {
        record_open_rule(f, &p, line);
    }
    p
}

/// Records the line of a rule that opens ports to the world, for the derived facts.
pub fn record_open_rule(f: &mut Fields, p: &SecurityGroupPermission, line: u32) {
    let (from, to) = match (p.from_port, p.to_port) {
        (Some(a), Some(b)) if p.protocol != "-1" && a >= 0 => (a, b),
        _ => (0, 65535),
    };
    let tcp = matches!(p.protocol.as_str(), "-1" | "tcp");
    let admin = tcp && [22, 3389].iter().any(|port| from <= *port && *port <= to);
    if p.ipv4_ranges.iter().any(|c| c == "0.0.0.0/0") {
        f.at("derived.world_open_ingress", line);
        if admin {
            f.at("derived.admin_ports_open_ipv4", line);
        }
    }
    if p.ipv6_ranges.iter().any(|c| c == "::/0") {
        f.at("derived.world_open_ingress", line);
        if admin {
            f.at("derived.admin_ports_open_ipv6", line);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> FileResult {
        load_template("t.yaml", text)
    }

    #[test]
    fn intrinsics_resolve_or_stay_unknown() {
        let text = "AWSTemplateFormatVersion: '2010-09-09'\nParameters:\n  Env: {Type: String, Default: prod}\n  Key: {Type: String}\nMappings:\n  M: {prod: {Algo: aws:kms}}\nResources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: !Sub '${Env}-data'\n      BucketEncryption:\n        ServerSideEncryptionConfiguration:\n          - ServerSideEncryptionByDefault:\n              SSEAlgorithm: !FindInMap [M, !Ref Env, Algo]\n              KMSMasterKeyID: !Ref Key\n      VersioningConfiguration:\n        Status: !If [C, Enabled, Suspended]\n";
        let r = load(text);
        assert_eq!(r.error, None);
        let Resource::S3Bucket(b) = &r.resources[0] else {
            panic!("bucket")
        };
        assert_eq!(b.meta.name.as_deref(), Some("prod-data"));
        assert_eq!(b.encryption_rules[0].sse_algorithm, "aws:kms");
        assert!(b.meta.unknown.contains(&"encryption_rules".to_string()));
        assert!(b.meta.unknown.contains(&"versioning".to_string()));
        assert_eq!(b.meta.lines.get("versioning"), Some(&18));
        assert_eq!(b.meta.lines.get("encryption_rules"), Some(&12));
        assert_eq!(
            b.meta.source,
            crate::model::Source::Iac {
                file: "t.yaml".into(),
                line: 8,
                format: "cloudformation".into(),
                logical_id: "B".into()
            }
        );
    }

    #[test]
    fn long_forms_and_joins() {
        let text = r#"{"Resources": {
  "Sg": {"Type": "AWS::EC2::SecurityGroup", "Properties": {"GroupDescription": "x"}},
  "In": {"Type": "AWS::EC2::SecurityGroupIngress", "Properties": {
     "GroupId": {"Fn::GetAtt": ["Sg", "GroupId"]}, "IpProtocol": "tcp", "FromPort": 22, "ToPort": 22,
     "CidrIp": {"Fn::Join": ["", ["0.0.0.0", "/0"]]}}}
}}"#;
        let r = load(text);
        let Resource::Ec2SecurityGroup(sg) = &r.resources[0] else {
            panic!("sg")
        };
        assert_eq!(sg.ingress.len(), 1);
        assert_eq!(sg.ingress[0].ipv4_ranges, vec!["0.0.0.0/0"]);
        assert_eq!(sg.meta.lines.get("derived.admin_ports_open_ipv4"), Some(&3));
        assert_eq!(sg.egress.len(), 1, "default egress");
    }

    #[test]
    fn not_a_template_is_skipped_and_broken_template_errors() {
        assert!(load("name: x\nitems: [1]\n").format.is_none());
        let r = load("Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties: [\n");
        assert!(r.error.is_some());
        assert!(load("key: [unclosed\n").error.is_none());
    }
}
