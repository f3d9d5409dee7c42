//! AWS Config configuration items → the resource model.
//!
//! A configuration item carries the resource as AWS Config recorded it: `configuration` (the
//! service's describe output, mostly camelCase with quirks such as `dBInstanceIdentifier` and
//! `multiAZ`; newer types PascalCase) and `supplementaryConfiguration` (a map of JSON strings:
//! the bucket policy, ACL, Block Public Access... of an S3 bucket). Keys are matched without
//! regard to case, so both spellings map.
//!
//! Each mapper fills the same structs as the live collector of its type, with the same ids, so
//! findings keep their fingerprints whichever source produced them. What AWS Config does not
//! record (an IAM user's credentials, a KMS key policy, a trail's logging status...) is listed in
//! the resource's `meta.unknown`: checks that read it report NOT_EVALUATED instead of judging a
//! blank.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use crate::model::cloudtrail::{
    AdvancedEventSelector, AdvancedFieldSelector, CloudTrailTrail, DataResource, EventSelector,
};
use crate::model::ec2::{
    Ec2FlowLog, Ec2Instance, Ec2NetworkAcl, Ec2RouteTable, Ec2SecurityGroup, Ec2Subnet, Ec2Volume,
    Ec2Vpc, MetadataOptions, NetworkAclEntry, Route, SecurityGroupPermission,
};
use crate::model::iam::{IamGroup, IamPolicy, IamRole, IamUser, InlinePolicy};
use crate::model::kms::KmsKey;
use crate::model::lambda::LambdaFunction;
use crate::model::policy::decode_policy_document;
use crate::model::rds::RdsDbInstance;
use crate::model::s3::{
    AclGrant, BucketAcl, BucketLogging, EncryptionRule, PublicAccessBlock,
    S3AccountPublicAccessBlock, S3Bucket, Versioning,
};
use crate::model::time::Timestamp;
use crate::model::{GLOBAL_REGION, Resource, ResourceMeta, Source};

/// One configuration item, as BatchGetAggregateResourceConfig returns it, with its JSON
/// decoded.
#[derive(Debug, Clone)]
pub struct ConfigItem {
    /// Source account.
    pub account_id: String,
    /// Source region (`global` for IAM).
    pub region: String,
    /// AWS Config resource type (`AWS::S3::Bucket`).
    pub resource_type: String,
    /// Resource id (bucket name, `sg-...`, IAM unique id...).
    pub resource_id: String,
    /// Resource name, when AWS Config knows one.
    pub resource_name: Option<String>,
    /// ARN, when the resource has one.
    pub arn: Option<String>,
    /// When AWS Config captured the item.
    pub captured_at: Option<Timestamp>,
    /// The `configuration` document.
    pub configuration: Value,
    /// The `supplementaryConfiguration` entries, each decoded from its JSON string.
    pub supplementary: BTreeMap<String, Value>,
}

impl ConfigItem {
    /// Decodes the raw strings of a configuration item. `configuration` must be JSON;
    /// supplementary values that are not JSON are kept as strings.
    pub fn decode(
        header: ConfigItemHeader,
        configuration: Option<&str>,
        supplementary: impl IntoIterator<Item = (String, String)>,
    ) -> Result<ConfigItem, String> {
        let configuration = match configuration {
            None => Value::Null,
            Some(text) => serde_json::from_str(text)
                .map_err(|e| format!("configuration is not valid JSON: {e}"))?,
        };
        let supplementary = supplementary
            .into_iter()
            .map(|(k, v)| (k, decode_nested_json(&v)))
            .collect();
        Ok(ConfigItem {
            account_id: header.account_id,
            region: header.region,
            resource_type: header.resource_type,
            resource_id: header.resource_id,
            resource_name: header.resource_name,
            arn: header.arn,
            captured_at: header.captured_at,
            configuration,
            supplementary,
        })
    }

    /// A supplementary configuration entry, by case-insensitive key.
    fn supplementary(&self, key: &str) -> Option<&Value> {
        self.supplementary.get(key).or_else(|| {
            self.supplementary
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(key))
                .map(|(_, v)| v)
        })
    }
}

/// The identifying fields of a configuration item.
#[derive(Debug, Clone, Default)]
pub struct ConfigItemHeader {
    /// Source account.
    pub account_id: String,
    /// Source region.
    pub region: String,
    /// AWS Config resource type.
    pub resource_type: String,
    /// Resource id.
    pub resource_id: String,
    /// Resource name.
    pub resource_name: Option<String>,
    /// ARN.
    pub arn: Option<String>,
    /// Capture time.
    pub captured_at: Option<Timestamp>,
}

/// Parses a JSON string; a string that decodes to another JSON string (AWS Config encodes an S3
/// bucket's `AccessControlList` twice) is decoded again. Text that is not JSON stays a string.
fn decode_nested_json(text: &str) -> Value {
    match serde_json::from_str::<Value>(text) {
        Ok(Value::String(inner)) => serde_json::from_str(&inner).unwrap_or(Value::String(inner)),
        Ok(v) => v,
        Err(_) => Value::String(text.to_string()),
    }
}

/// What a mapper needs besides the item.
pub struct MapCtx<'a> {
    /// Name of the aggregator (recorded in every resource's `meta.source`).
    pub aggregator: &'a str,
    /// Partition of the aggregator, used when an item's ARN does not name one.
    pub partition: &'a str,
}

impl MapCtx<'_> {
    fn partition(&self, item: &ConfigItem) -> String {
        item.arn
            .as_deref()
            .and_then(|a| a.strip_prefix("arn:"))
            .and_then(|a| a.split(':').next())
            .filter(|p| !p.is_empty())
            .unwrap_or(self.partition)
            .to_string()
    }

    fn meta(&self, item: &ConfigItem, id: &str, region: &str) -> ResourceMeta {
        let mut meta = ResourceMeta::new(id, &item.account_id, region, &self.partition(item));
        meta.source = Source::ConfigAggregator {
            aggregator: self.aggregator.to_string(),
            captured_at: item.captured_at,
        };
        meta
    }

    fn arn(&self, item: &ConfigItem, service: &str, resource: &str) -> String {
        format!(
            "arn:{}:{service}:{}:{}:{resource}",
            self.partition(item),
            item.region,
            item.account_id
        )
    }
}

/// How one AWS Config resource type maps to one model type.
pub struct Mapping {
    /// The AWS Config resource type.
    pub config_type: &'static str,
    /// The model type it fills.
    pub model_type: &'static str,
    map: fn(&ConfigItem, &MapCtx) -> Result<Option<Resource>, String>,
}

/// Every AWS Config resource type stance reads, in listing order.
pub const MAPPINGS: &[Mapping] = &[
    Mapping {
        config_type: "AWS::IAM::User",
        model_type: "iam_user",
        map: iam_user,
    },
    Mapping {
        config_type: "AWS::IAM::Group",
        model_type: "iam_group",
        map: iam_group,
    },
    Mapping {
        config_type: "AWS::IAM::Role",
        model_type: "iam_role",
        map: iam_role,
    },
    Mapping {
        config_type: "AWS::IAM::Policy",
        model_type: "iam_policy",
        map: iam_policy,
    },
    Mapping {
        config_type: "AWS::S3::AccountPublicAccessBlock",
        model_type: "s3_account_public_access_block",
        map: s3_account_public_access_block,
    },
    Mapping {
        config_type: "AWS::S3::Bucket",
        model_type: "s3_bucket",
        map: s3_bucket,
    },
    Mapping {
        config_type: "AWS::EC2::SecurityGroup",
        model_type: "ec2_security_group",
        map: ec2_security_group,
    },
    Mapping {
        config_type: "AWS::EC2::NetworkAcl",
        model_type: "ec2_network_acl",
        map: ec2_network_acl,
    },
    Mapping {
        config_type: "AWS::EC2::VPC",
        model_type: "ec2_vpc",
        map: ec2_vpc,
    },
    Mapping {
        config_type: "AWS::EC2::FlowLog",
        model_type: "ec2_flow_log",
        map: ec2_flow_log,
    },
    Mapping {
        config_type: "AWS::EC2::Subnet",
        model_type: "ec2_subnet",
        map: ec2_subnet,
    },
    Mapping {
        config_type: "AWS::EC2::RouteTable",
        model_type: "ec2_route_table",
        map: ec2_route_table,
    },
    Mapping {
        config_type: "AWS::EC2::Instance",
        model_type: "ec2_instance",
        map: ec2_instance,
    },
    Mapping {
        config_type: "AWS::EC2::Volume",
        model_type: "ec2_volume",
        map: ec2_volume,
    },
    Mapping {
        config_type: "AWS::CloudTrail::Trail",
        model_type: "cloudtrail_trail",
        map: cloudtrail_trail,
    },
    Mapping {
        config_type: "AWS::KMS::Key",
        model_type: "kms_key",
        map: kms_key,
    },
    Mapping {
        config_type: "AWS::RDS::DBInstance",
        model_type: "rds_db_instance",
        map: rds_db_instance,
    },
    Mapping {
        config_type: "AWS::Lambda::Function",
        model_type: "lambda_function",
        map: lambda_function,
    },
];

/// Model types AWS Config has no resource type for at all (they come from account-level APIs
/// or reports), as opposed to types it records that stance does not read from it yet.
pub const NOT_RECORDED_BY_CONFIG: &[&str] = &[
    "account",
    "iam_root_user",
    "iam_password_policy",
    "logs_metric_filter",
    "ec2_ebs_encryption_default",
    "ec2_vpc_block_public_access",
];

/// The reason given in gaps for the types in [`NOT_RECORDED_BY_CONFIG`].
pub const NOT_RECORDED: &str = "not recorded by AWS Config aggregator";

/// The reason given in gaps for other types stance does not read from an aggregator.
pub const NOT_READ: &str = "not read from AWS Config aggregators by this version of stance";

/// The mapping of an AWS Config resource type.
pub fn mapping(config_type: &str) -> Option<&'static Mapping> {
    MAPPINGS.iter().find(|m| m.config_type == config_type)
}

/// Maps one item. `Ok(None)` means the item is deliberately skipped (a trail's shadow copy in
/// another region); `Err` names what could not be read.
pub fn map_item(item: &ConfigItem, ctx: &MapCtx) -> Result<Option<Resource>, String> {
    let mapping = mapping(&item.resource_type)
        .ok_or_else(|| format!("unsupported resource type {}", item.resource_type))?;
    if !item.configuration.is_object() {
        return Err("the configuration item has no configuration".to_string());
    }
    (mapping.map)(item, ctx)
}

/// Case-insensitive access into configuration JSON; absent and `null` read the same.
#[derive(Clone, Copy)]
struct J<'a>(Option<&'a Value>);

impl<'a> J<'a> {
    fn of(value: &'a Value) -> Self {
        J(Some(value).filter(|v| !v.is_null()))
    }

    fn opt(value: Option<&'a Value>) -> Self {
        J(value.filter(|v| !v.is_null()))
    }

    fn get(self, key: &str) -> J<'a> {
        let Some(Value::Object(map)) = self.0 else {
            return J(None);
        };
        let found = map.get(key).or_else(|| {
            map.iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(key))
                .map(|(_, v)| v)
        });
        J::opt(found)
    }

    fn present(self) -> bool {
        self.0.is_some()
    }

    fn str(self) -> Option<&'a str> {
        self.0.and_then(Value::as_str)
    }

    fn string(self) -> Option<String> {
        self.str().map(str::to_string)
    }

    /// A string, or the `name`/`value` of an enum AWS Config wrote as an object.
    fn name(self) -> Option<String> {
        self.string()
            .or_else(|| self.get("name").string())
            .or_else(|| self.get("value").string())
    }

    fn bool(self) -> Option<bool> {
        match self.0? {
            Value::Bool(b) => Some(*b),
            Value::String(s) if s.eq_ignore_ascii_case("true") => Some(true),
            Value::String(s) if s.eq_ignore_ascii_case("false") => Some(false),
            _ => None,
        }
    }

    fn i64(self) -> Option<i64> {
        match self.0? {
            Value::Number(n) => n.as_i64().or_else(|| n.as_f64().map(|f| f as i64)),
            Value::String(s) => s.trim().parse().ok(),
            _ => None,
        }
    }

    fn i32(self) -> Option<i32> {
        self.i64().and_then(|n| i32::try_from(n).ok())
    }

    fn items(self) -> impl Iterator<Item = J<'a>> {
        let list: &'a [Value] = match self.0 {
            Some(Value::Array(items)) => items,
            _ => &[],
        };
        list.iter().map(J::of)
    }

    fn strings(self) -> Vec<String> {
        self.items().filter_map(J::string).collect()
    }

    /// A timestamp written as RFC 3339 text or as epoch seconds or milliseconds.
    fn time(self) -> Option<Timestamp> {
        match self.0? {
            Value::String(s) => Timestamp::parse(s).ok(),
            Value::Number(n) => {
                let n = n.as_f64()?;
                // Epoch milliseconds are past 1e11 for any date after 1973.
                let secs = if n.abs() > 1e11 { n / 1000.0 } else { n };
                Some(Timestamp::from_unix(secs as i64))
            }
            _ => None,
        }
    }
}

/// Tags written as `[{"key": .., "value": ..}]` (either case) or as an object.
fn tags(value: J) -> BTreeMap<String, String> {
    match value.0 {
        Some(Value::Object(map)) => map
            .iter()
            .filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_string())))
            .collect(),
        Some(Value::Array(_)) => value
            .items()
            .filter_map(|t| {
                Some((
                    t.get("key").string()?,
                    t.get("value").string().unwrap_or_default(),
                ))
            })
            .collect(),
        _ => BTreeMap::new(),
    }
}

/// A policy document as AWS Config writes it: URL-encoded JSON text, or an object.
fn policy_document(value: J) -> Option<Value> {
    match value.0? {
        Value::String(s) => decode_policy_document(s),
        v @ Value::Object(_) => Some(v.clone()),
        _ => None,
    }
}

fn inline_policies(list: J) -> Vec<InlinePolicy> {
    list.items()
        .map(|p| InlinePolicy {
            name: p.get("policyName").string().unwrap_or_default(),
            document: policy_document(p.get("policyDocument")).unwrap_or(Value::Null),
            derived: Default::default(),
        })
        .collect()
}

fn attached_policies(list: J) -> Vec<String> {
    list.items()
        .filter_map(|p| p.get("policyArn").string())
        .collect()
}

fn unknown(meta: &mut ResourceMeta, fields: &[&str]) {
    for field in fields {
        if !meta.unknown.iter().any(|f| f == field) {
            meta.unknown.push(field.to_string());
        }
    }
}

/// Fields of an IAM user that AWS Config does not record: they come from the credential report
/// and the MFA and access-key APIs.
const IAM_USER_CREDENTIALS: &[&str] = &[
    "password_enabled",
    "password_last_used",
    "mfa_devices",
    "access_keys",
    "derived.active_access_key_count",
    "derived.days_since_password_use",
    "derived.oldest_active_key_age_days",
    "derived.stalest_active_key_days",
    "derived.mfa_enabled",
];

fn iam_arn(item: &ConfigItem, c: J) -> Result<String, String> {
    c.get("arn")
        .string()
        .or_else(|| item.arn.clone())
        .ok_or_else(|| "no ARN".to_string())
}

/// A resource's name: the configuration's `key`, else the item's resource name.
fn item_name(c: J, key: &str, item: &ConfigItem) -> Option<String> {
    c.get(key).string().or_else(|| item.resource_name.clone())
}

/// A resource's ARN: the configuration's `key`, else the item's, else the ARN of `resource` in
/// the item's account and region.
fn item_arn(
    c: J,
    key: &str,
    item: &ConfigItem,
    ctx: &MapCtx,
    service: &str,
    resource: &str,
) -> String {
    c.get(key)
        .string()
        .or_else(|| item.arn.clone())
        .unwrap_or_else(|| ctx.arn(item, service, resource))
}

fn iam_user(item: &ConfigItem, ctx: &MapCtx) -> Result<Option<Resource>, String> {
    let c = J::of(&item.configuration);
    let arn = iam_arn(item, c)?;
    let name = item_name(c, "userName", item).unwrap_or_default();
    let mut meta = ctx
        .meta(item, &arn, GLOBAL_REGION)
        .with_arn(&arn)
        .with_name(name)
        .with_tags(tags(c.get("tags")));
    unknown(&mut meta, IAM_USER_CREDENTIALS);
    Ok(Some(Resource::IamUser(IamUser {
        meta,
        created: c.get("createDate").time(),
        password_enabled: false,
        password_last_used: None,
        mfa_devices: Vec::new(),
        access_keys: Vec::new(),
        attached_policies: attached_policies(c.get("attachedManagedPolicies")),
        inline_policies: inline_policies(c.get("userPolicyList")),
        groups: c.get("groupList").strings(),
        derived: Default::default(),
    })))
}

fn iam_group(item: &ConfigItem, ctx: &MapCtx) -> Result<Option<Resource>, String> {
    let c = J::of(&item.configuration);
    let arn = iam_arn(item, c)?;
    let name = item_name(c, "groupName", item).unwrap_or_default();
    Ok(Some(Resource::IamGroup(IamGroup {
        meta: ctx
            .meta(item, &arn, GLOBAL_REGION)
            .with_arn(&arn)
            .with_name(name),
        attached_policies: attached_policies(c.get("attachedManagedPolicies")),
        inline_policies: inline_policies(c.get("groupPolicyList")),
        // Filled from the users' group lists once every item is read.
        users: Vec::new(),
    })))
}

fn iam_role(item: &ConfigItem, ctx: &MapCtx) -> Result<Option<Resource>, String> {
    let c = J::of(&item.configuration);
    let arn = iam_arn(item, c)?;
    let name = item_name(c, "roleName", item).unwrap_or_default();
    let mut meta = ctx
        .meta(item, &arn, GLOBAL_REGION)
        .with_arn(&arn)
        .with_name(name)
        .with_tags(tags(c.get("tags")));
    let last_used = c.get("roleLastUsed");
    if !last_used.present() {
        unknown(&mut meta, &["last_used"]);
    }
    Ok(Some(Resource::IamRole(IamRole {
        meta,
        path: c.get("path").string().unwrap_or_else(|| "/".to_string()),
        assume_role_policy: policy_document(c.get("assumeRolePolicyDocument"))
            .unwrap_or(Value::Null),
        attached_policies: attached_policies(c.get("attachedManagedPolicies")),
        inline_policies: inline_policies(c.get("rolePolicyList")),
        last_used: last_used.get("lastUsedDate").time(),
        derived: Default::default(),
    })))
}

fn iam_policy(item: &ConfigItem, ctx: &MapCtx) -> Result<Option<Resource>, String> {
    let c = J::of(&item.configuration);
    let arn = iam_arn(item, c)?;
    let name = item_name(c, "policyName", item).unwrap_or_default();
    let default_version = c.get("defaultVersionId").string();
    let versions: Vec<J> = c.get("policyVersionList").items().collect();
    let current = versions
        .iter()
        .find(|v| v.get("isDefaultVersion").bool() == Some(true))
        .or_else(|| {
            versions
                .iter()
                .find(|v| v.get("versionId").string() == default_version)
        });
    let mut meta = ctx
        .meta(item, &arn, GLOBAL_REGION)
        .with_arn(&arn)
        .with_name(name);
    let document = current.and_then(|v| policy_document(v.get("document")));
    if document.is_none() {
        unknown(&mut meta, &["document", "derived"]);
    }
    Ok(Some(Resource::IamPolicy(IamPolicy {
        meta,
        aws_managed: arn.contains(":iam::aws:policy/"),
        attachment_count: c.get("attachmentCount").i64().unwrap_or(0).max(0) as u32,
        // Filled from the users', groups' and roles' attachments once every item is read.
        attached_users: Vec::new(),
        attached_groups: Vec::new(),
        attached_roles: Vec::new(),
        document: document.unwrap_or(Value::Null),
        derived: Default::default(),
    })))
}

fn public_access_block(value: J) -> Option<PublicAccessBlock> {
    value.present().then(|| PublicAccessBlock {
        block_public_acls: value.get("blockPublicAcls").bool().unwrap_or(false),
        ignore_public_acls: value.get("ignorePublicAcls").bool().unwrap_or(false),
        block_public_policy: value.get("blockPublicPolicy").bool().unwrap_or(false),
        restrict_public_buckets: value.get("restrictPublicBuckets").bool().unwrap_or(false),
    })
}

fn s3_account_public_access_block(
    item: &ConfigItem,
    ctx: &MapCtx,
) -> Result<Option<Resource>, String> {
    let c = J::of(&item.configuration);
    let id = format!(
        "arn:{}:s3:::account/{}/public-access-block",
        ctx.partition(item),
        item.account_id
    );
    let configured = c.get("blockPublicAcls").present()
        || c.get("ignorePublicAcls").present()
        || c.get("blockPublicPolicy").present()
        || c.get("restrictPublicBuckets").present();
    Ok(Some(Resource::S3AccountPublicAccessBlock(
        S3AccountPublicAccessBlock {
            meta: ctx.meta(item, &id, GLOBAL_REGION),
            configuration: if configured {
                public_access_block(c)
            } else {
                None
            },
        },
    )))
}

const ALL_USERS: &str = "http://acs.amazonaws.com/groups/global/AllUsers";
const AUTHENTICATED_USERS: &str = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers";
const LOG_DELIVERY: &str = "http://acs.amazonaws.com/groups/s3/LogDelivery";

/// An ACL permission as the S3 API spells it (`FULL_CONTROL`); AWS Config writes the Java SDK's
/// names (`FullControl`, `ReadAcp`).
fn acl_permission(text: &str) -> String {
    match text {
        "FullControl" => "FULL_CONTROL".to_string(),
        "Read" => "READ".to_string(),
        "Write" => "WRITE".to_string(),
        "ReadAcp" => "READ_ACP".to_string(),
        "WriteAcp" => "WRITE_ACP".to_string(),
        other => other.to_ascii_uppercase(),
    }
}

/// A bucket ACL from AWS Config's `AccessControlList`: `grantList` entries whose grantee is a
/// group name (`AllUsers`) or an object with a canonical `id`, an `emailAddress` or a `uri`.
fn bucket_acl(value: J) -> BucketAcl {
    let owner_id = value.get("owner").get("id").string();
    let grants = value
        .get("grantList")
        .items()
        .chain(value.get("grants").items())
        .filter_map(|g| {
            let grantee = g.get("grantee");
            let (grantee_type, grantee_uri, grantee_id) = match grantee.str() {
                Some("AllUsers") => ("Group", Some(ALL_USERS.to_string()), None),
                Some("AuthenticatedUsers") => {
                    ("Group", Some(AUTHENTICATED_USERS.to_string()), None)
                }
                Some("LogDelivery") => ("Group", Some(LOG_DELIVERY.to_string()), None),
                Some(_) => return None,
                None => {
                    if let Some(uri) = grantee.get("uri").string() {
                        ("Group", Some(uri), None)
                    } else if grantee.get("emailAddress").present() {
                        ("AmazonCustomerByEmail", None, None)
                    } else {
                        ("CanonicalUser", None, Some(grantee.get("id").string()?))
                    }
                }
            };
            Some(AclGrant {
                grantee_type: grantee_type.to_string(),
                grantee_uri,
                grantee_id,
                permission: acl_permission(g.get("permission").str().unwrap_or_default()),
            })
        })
        .collect();
    BucketAcl { owner_id, grants }
}

fn s3_bucket(item: &ConfigItem, ctx: &MapCtx) -> Result<Option<Resource>, String> {
    let c = J::of(&item.configuration);
    let supp = |key: &str| J::opt(item.supplementary(key));
    let name = item_name(c, "name", item).unwrap_or_else(|| item.resource_id.clone());
    let arn = format!("arn:{}:s3:::{name}", ctx.partition(item));
    let mut meta = ctx
        .meta(item, &arn, &item.region)
        .with_arn(&arn)
        .with_name(&name);
    meta.tags = supp("BucketTaggingConfiguration")
        .get("tagSets")
        .items()
        .flat_map(|set| tags(set.get("tags")))
        .collect();

    // A supplementary entry AWS Config always writes for a bucket (with nulls inside when the
    // feature is off) that is missing altogether means "not recorded", not "off".
    let recorded = |key: &str| item.supplementary(key).is_some();

    let public_access_block = public_access_block(supp("PublicAccessBlockConfiguration"));

    let encryption_rules = supp("ServerSideEncryptionConfiguration")
        .get("rules")
        .items()
        .filter_map(|r| {
            let d = r.get("applyServerSideEncryptionByDefault");
            Some(EncryptionRule {
                sse_algorithm: d.get("sseAlgorithm").string()?,
                kms_master_key_id: d.get("kmsMasterKeyID").string(),
                bucket_key_enabled: r.get("bucketKeyEnabled").bool().unwrap_or(false),
            })
        })
        .collect();
    if !recorded("ServerSideEncryptionConfiguration") {
        unknown(&mut meta, &["encryption_rules", "derived.kms_encrypted"]);
    }

    let v = supp("BucketVersioningConfiguration");
    let versioning = Versioning {
        status: v.get("status").string().filter(|s| s != "Off"),
        mfa_delete: v.get("isMfaDeleteEnabled").bool().unwrap_or(false),
    };
    if !recorded("BucketVersioningConfiguration") {
        unknown(&mut meta, &["versioning"]);
    }

    let l = supp("BucketLoggingConfiguration");
    let target_bucket = l.get("destinationBucketName").string();
    let logging = BucketLogging {
        enabled: target_bucket.is_some(),
        target_prefix: target_bucket.as_ref().and(l.get("logFilePrefix").string()),
        target_bucket,
    };
    if !recorded("BucketLoggingConfiguration") {
        unknown(&mut meta, &["logging"]);
    }

    let policy = policy_document(supp("BucketPolicy").get("policyText"));
    if !recorded("BucketPolicy") {
        unknown(
            &mut meta,
            &[
                "policy",
                "derived.policy",
                "derived.public_read",
                "derived.public_write",
            ],
        );
    }

    let acl_recorded = recorded("AccessControlList");
    let acl = bucket_acl(supp("AccessControlList"));
    if !acl_recorded {
        unknown(
            &mut meta,
            &[
                "acl",
                "derived.acl_public_read",
                "derived.acl_public_write",
                "derived.acls_in_force",
                "derived.public_read",
                "derived.public_write",
            ],
        );
    }

    let ownership = supp("BucketOwnershipControls");
    let ownership = if ownership.present() {
        ownership
            .get("rules")
            .items()
            .chain(ownership.get("ownershipControls").get("rules").items())
            .find_map(|r| r.get("objectOwnership").string())
    } else {
        None
    };
    // S3 refuses BucketOwnerEnforced while the ACL grants anyone but the owner, so such a
    // grant proves ACLs are on; an owner-only ACL leaves the setting unknown.
    let foreign_grant = acl
        .grants
        .iter()
        .any(|g| g.grantee_id.is_none() || g.grantee_id != acl.owner_id);
    if ownership.is_none() && !(acl_recorded && foreign_grant) {
        unknown(&mut meta, &["object_ownership"]);
    }

    let object_lock_enabled = supp("ObjectLockConfiguration")
        .get("objectLockEnabled")
        .str()
        .is_some_and(|s| s.eq_ignore_ascii_case("Enabled"));
    let lifecycle_rule_count = supp("BucketLifecycleConfiguration")
        .get("rules")
        .items()
        .count() as u32;

    Ok(Some(Resource::S3Bucket(S3Bucket {
        meta,
        creation_date: c.get("creationDate").time(),
        public_access_block,
        encryption_rules,
        versioning,
        logging,
        policy,
        acl,
        object_ownership: ownership,
        object_lock_enabled,
        lifecycle_rule_count,
        derived: Default::default(),
    })))
}

/// EC2-style tags and the `Name` tag as the resource name.
fn ec2_meta(item: &ConfigItem, ctx: &MapCtx, kind: &str, id: &str, c: J) -> ResourceMeta {
    let arn = ctx.arn(item, "ec2", &format!("{kind}/{id}"));
    let tags = tags(c.get("tags"));
    let mut meta = ctx
        .meta(item, &arn, &item.region)
        .with_arn(&arn)
        .with_tags(tags);
    meta.name = meta.tags.get("Name").cloned();
    meta
}

fn ec2_id(c: J, key: &str, item: &ConfigItem) -> String {
    c.get(key)
        .string()
        .unwrap_or_else(|| item.resource_id.clone())
}

fn sg_permissions(list: J) -> Vec<SecurityGroupPermission> {
    list.items()
        .map(|p| {
            // `ipv4Ranges` holds objects; the older `ipRanges` the same CIDRs as strings.
            let mut ipv4: Vec<String> = p
                .get("ipv4Ranges")
                .items()
                .filter_map(|r| r.get("cidrIp").string())
                .chain(
                    p.get("ipRanges")
                        .items()
                        .filter_map(|r| r.string().or_else(|| r.get("cidrIp").string())),
                )
                .collect();
            let mut seen = BTreeSet::new();
            ipv4.retain(|c| seen.insert(c.clone()));
            SecurityGroupPermission {
                protocol: p
                    .get("ipProtocol")
                    .string()
                    .unwrap_or_else(|| "-1".to_string()),
                from_port: p.get("fromPort").i32(),
                to_port: p.get("toPort").i32(),
                ipv4_ranges: ipv4,
                ipv6_ranges: p
                    .get("ipv6Ranges")
                    .items()
                    .filter_map(|r| r.get("cidrIpv6").string())
                    .collect(),
                prefix_list_ids: p
                    .get("prefixListIds")
                    .items()
                    .filter_map(|r| r.get("prefixListId").string())
                    .collect(),
                referenced_group_ids: p
                    .get("userIdGroupPairs")
                    .items()
                    .filter_map(|r| r.get("groupId").string())
                    .collect(),
            }
        })
        .collect()
}

fn ec2_security_group(item: &ConfigItem, ctx: &MapCtx) -> Result<Option<Resource>, String> {
    let c = J::of(&item.configuration);
    let id = ec2_id(c, "groupId", item);
    let group_name = item_name(c, "groupName", item).unwrap_or_default();
    let mut meta = ec2_meta(item, ctx, "security-group", &id, c);
    meta.name = Some(group_name.clone());
    Ok(Some(Resource::Ec2SecurityGroup(Ec2SecurityGroup {
        meta,
        group_id: id,
        group_name,
        description: c.get("description").string().unwrap_or_default(),
        vpc_id: c.get("vpcId").string(),
        ingress: sg_permissions(c.get("ipPermissions")),
        egress: sg_permissions(c.get("ipPermissionsEgress")),
        attached_interface_count: None,
        derived: Default::default(),
    })))
}

fn ec2_network_acl(item: &ConfigItem, ctx: &MapCtx) -> Result<Option<Resource>, String> {
    let c = J::of(&item.configuration);
    let id = ec2_id(c, "networkAclId", item);
    Ok(Some(Resource::Ec2NetworkAcl(Ec2NetworkAcl {
        meta: ec2_meta(item, ctx, "network-acl", &id, c),
        network_acl_id: id,
        vpc_id: c.get("vpcId").string(),
        is_default: c.get("isDefault").bool().unwrap_or(false),
        entries: c
            .get("entries")
            .items()
            .map(|e| NetworkAclEntry {
                rule_number: e.get("ruleNumber").i32().unwrap_or(0),
                protocol: e
                    .get("protocol")
                    .string()
                    .or_else(|| e.get("protocol").i64().map(|n| n.to_string()))
                    .unwrap_or_else(|| "-1".to_string()),
                rule_action: e
                    .get("ruleAction")
                    .name()
                    .unwrap_or_default()
                    .to_ascii_lowercase(),
                egress: e.get("egress").bool().unwrap_or(false),
                cidr_block: e.get("cidrBlock").string(),
                ipv6_cidr_block: e.get("ipv6CidrBlock").string(),
                from_port: e.get("portRange").get("from").i32(),
                to_port: e.get("portRange").get("to").i32(),
            })
            .collect(),
        associated_subnet_ids: c
            .get("associations")
            .items()
            .filter_map(|a| a.get("subnetId").string())
            .collect(),
        derived: Default::default(),
    })))
}

fn ec2_vpc(item: &ConfigItem, ctx: &MapCtx) -> Result<Option<Resource>, String> {
    let c = J::of(&item.configuration);
    let id = ec2_id(c, "vpcId", item);
    Ok(Some(Resource::Ec2Vpc(Ec2Vpc {
        meta: ec2_meta(item, ctx, "vpc", &id, c),
        vpc_id: id,
        cidr_block: c.get("cidrBlock").string(),
        is_default: c.get("isDefault").bool().unwrap_or(false),
        state: c.get("state").name().unwrap_or_default(),
        derived: Default::default(),
    })))
}

fn ec2_flow_log(item: &ConfigItem, ctx: &MapCtx) -> Result<Option<Resource>, String> {
    let c = J::of(&item.configuration);
    let id = ec2_id(c, "flowLogId", item);
    Ok(Some(Resource::Ec2FlowLog(Ec2FlowLog {
        meta: ec2_meta(item, ctx, "vpc-flow-log", &id, c),
        flow_log_id: id,
        resource_id: c.get("resourceId").string().unwrap_or_default(),
        traffic_type: c.get("trafficType").name().unwrap_or_default(),
        status: c.get("flowLogStatus").name().unwrap_or_default(),
        log_destination_type: c.get("logDestinationType").name().unwrap_or_default(),
    })))
}

fn ec2_subnet(item: &ConfigItem, ctx: &MapCtx) -> Result<Option<Resource>, String> {
    let c = J::of(&item.configuration);
    let id = ec2_id(c, "subnetId", item);
    Ok(Some(Resource::Ec2Subnet(Ec2Subnet {
        meta: ec2_meta(item, ctx, "subnet", &id, c),
        subnet_id: id,
        vpc_id: c.get("vpcId").string().unwrap_or_default(),
        availability_zone: c.get("availabilityZone").string().unwrap_or_default(),
        map_public_ip_on_launch: c.get("mapPublicIpOnLaunch").bool().unwrap_or(false),
        derived: Default::default(),
    })))
}

fn ec2_route_table(item: &ConfigItem, ctx: &MapCtx) -> Result<Option<Resource>, String> {
    let c = J::of(&item.configuration);
    let id = ec2_id(c, "routeTableId", item);
    let associations = c.get("associations");
    Ok(Some(Resource::Ec2RouteTable(Ec2RouteTable {
        meta: ec2_meta(item, ctx, "route-table", &id, c),
        route_table_id: id,
        vpc_id: c.get("vpcId").string().unwrap_or_default(),
        main: associations
            .items()
            .any(|a| a.get("main").bool() == Some(true)),
        associated_subnet_ids: associations
            .items()
            .filter_map(|a| a.get("subnetId").string())
            .collect(),
        routes: c
            .get("routes")
            .items()
            .map(|r| Route {
                destination_cidr_block: r.get("destinationCidrBlock").string(),
                destination_ipv6_cidr_block: r.get("destinationIpv6CidrBlock").string(),
                gateway_id: r.get("gatewayId").string(),
                vpc_peering_connection_id: r.get("vpcPeeringConnectionId").string(),
            })
            .collect(),
    })))
}

fn ec2_instance(item: &ConfigItem, ctx: &MapCtx) -> Result<Option<Resource>, String> {
    let c = J::of(&item.configuration);
    let id = ec2_id(c, "instanceId", item);
    let state = c.get("state").name().unwrap_or_default();
    let mut meta = ec2_meta(item, ctx, "instance", &id, c);
    let m = c.get("metadataOptions");
    if !m.present() {
        // Items recorded before AWS Config added the metadata options lack them.
        unknown(&mut meta, &["metadata_options", "derived.imdsv2_required"]);
    }
    Ok(Some(Resource::Ec2Instance(Ec2Instance {
        meta,
        instance_id: id,
        instance_type: c.get("instanceType").name().unwrap_or_default(),
        image_id: c.get("imageId").string(),
        launch_time: c.get("launchTime").time(),
        metadata_options: MetadataOptions {
            http_tokens: m
                .get("httpTokens")
                .name()
                .unwrap_or_else(|| "optional".to_string()),
            http_endpoint: m
                .get("httpEndpoint")
                .name()
                .unwrap_or_else(|| "enabled".to_string()),
            http_put_response_hop_limit: m.get("httpPutResponseHopLimit").i32(),
        },
        public_ip_address: c.get("publicIpAddress").string(),
        iam_instance_profile_arn: c.get("iamInstanceProfile").get("arn").string(),
        vpc_id: c.get("vpcId").string(),
        subnet_id: c.get("subnetId").string(),
        security_group_ids: c
            .get("securityGroups")
            .items()
            .filter_map(|g| g.get("groupId").string())
            .collect(),
        network_interface_count: c.get("networkInterfaces").items().count() as u32,
        virtualization_type: c.get("virtualizationType").name().unwrap_or_default(),
        stopped_since: if state == "stopped" {
            crate::source::aws::stopped_since(c.get("stateTransitionReason").str())
        } else {
            None
        },
        state,
        derived: Default::default(),
    })))
}

fn ec2_volume(item: &ConfigItem, ctx: &MapCtx) -> Result<Option<Resource>, String> {
    let c = J::of(&item.configuration);
    let id = ec2_id(c, "volumeId", item);
    Ok(Some(Resource::Ec2Volume(Ec2Volume {
        meta: ec2_meta(item, ctx, "volume", &id, c),
        volume_id: id,
        encrypted: c.get("encrypted").bool().unwrap_or(false),
        kms_key_id: c.get("kmsKeyId").string(),
        size_gib: c.get("size").i32().unwrap_or(0),
        state: c.get("state").name().unwrap_or_default(),
        attached_instance_ids: c
            .get("attachments")
            .items()
            .filter_map(|a| a.get("instanceId").string())
            .collect(),
    })))
}

/// Trail fields that AWS Config does not record (GetTrailStatus and GetEventSelectors).
const TRAIL_STATUS: &[&str] = &["is_logging", "derived.logs_management_events_read_write"];
const TRAIL_SELECTORS: &[&str] = &[
    "event_selectors",
    "advanced_event_selectors",
    "derived.logs_management_events_read_write",
    "derived.logs_s3_data_events_read",
    "derived.logs_s3_data_events_write",
];

fn cloudtrail_trail(item: &ConfigItem, ctx: &MapCtx) -> Result<Option<Resource>, String> {
    let c = J::of(&item.configuration);
    let name = c
        .get("name")
        .string()
        .or_else(|| c.get("trailName").string())
        .or_else(|| item.resource_name.clone())
        .unwrap_or_else(|| item.resource_id.clone());
    let home = c
        .get("homeRegion")
        .string()
        .unwrap_or_else(|| item.region.clone());
    if home != item.region {
        // A multi-region trail is listed once, in its home region, like the live collector does.
        return Ok(None);
    }
    let arn = c
        .get("trailARN")
        .string()
        .or_else(|| c.get("arn").string())
        .or_else(|| item.arn.clone())
        .unwrap_or_else(|| ctx.arn(item, "cloudtrail", &format!("trail/{name}")));
    let mut meta = ctx
        .meta(item, &arn, &item.region)
        .with_arn(&arn)
        .with_name(name);
    let is_logging = c.get("isLogging").bool();
    if is_logging.is_none() {
        unknown(&mut meta, TRAIL_STATUS);
    }
    let selectors = c.get("eventSelectors");
    let advanced = c.get("advancedEventSelectors");
    if !selectors.present() && !advanced.present() {
        unknown(&mut meta, TRAIL_SELECTORS);
    }
    let cloud_watch_logs_log_group_arn = c.get("cloudWatchLogsLogGroupArn").string();
    if cloud_watch_logs_log_group_arn.is_some() {
        unknown(
            &mut meta,
            &[
                "latest_cloud_watch_logs_delivery_time",
                "derived.cloud_watch_logs_delivered_recently",
            ],
        );
    }
    Ok(Some(Resource::CloudTrailTrail(CloudTrailTrail {
        meta,
        is_multi_region_trail: c.get("isMultiRegionTrail").bool().unwrap_or(false),
        is_organization_trail: c.get("isOrganizationTrail").bool().unwrap_or(false),
        include_global_service_events: c.get("includeGlobalServiceEvents").bool().unwrap_or(false),
        log_file_validation_enabled: c
            .get("logFileValidationEnabled")
            .bool()
            .or_else(|| c.get("enableLogFileValidation").bool())
            .unwrap_or(false),
        kms_key_id: c.get("kmsKeyId").string(),
        s3_bucket_name: c.get("s3BucketName").string(),
        cloud_watch_logs_log_group_arn,
        is_logging: is_logging.unwrap_or(false),
        latest_cloud_watch_logs_delivery_time: None,
        event_selectors: selectors
            .items()
            .map(|e| EventSelector {
                read_write_type: e
                    .get("readWriteType")
                    .string()
                    .unwrap_or_else(|| "All".to_string()),
                include_management_events: e.get("includeManagementEvents").bool().unwrap_or(true),
                data_resources: e
                    .get("dataResources")
                    .items()
                    .map(|d| DataResource {
                        resource_type: d.get("type").string().unwrap_or_default(),
                        values: d.get("values").strings(),
                    })
                    .collect(),
            })
            .collect(),
        advanced_event_selectors: advanced
            .items()
            .map(|a| AdvancedEventSelector {
                name: a.get("name").string(),
                field_selectors: a
                    .get("fieldSelectors")
                    .items()
                    .map(|f| AdvancedFieldSelector {
                        field: f.get("field").string().unwrap_or_default(),
                        equals: f.get("equals").strings(),
                        not_equals: f.get("notEquals").strings(),
                        starts_with: f.get("startsWith").strings(),
                        not_starts_with: f.get("notStartsWith").strings(),
                    })
                    .collect(),
            })
            .collect(),
        derived: Default::default(),
    })))
}

fn kms_key(item: &ConfigItem, ctx: &MapCtx) -> Result<Option<Resource>, String> {
    let c = J::of(&item.configuration);
    let key_id = c
        .get("keyId")
        .string()
        .unwrap_or_else(|| item.resource_id.clone());
    let arn = item_arn(c, "arn", item, ctx, "kms", &format!("key/{key_id}"));
    let mut meta = ctx.meta(item, &arn, &item.region).with_arn(&arn);
    // Key policies are not part of the configuration item.
    unknown(&mut meta, &["policy", "derived.policy"]);
    let key_manager = c.get("keyManager").name().unwrap_or_default();
    let rotation_enabled = J::opt(item.supplementary("KeyRotationStatus")).bool();
    if rotation_enabled.is_none() && key_manager == "CUSTOMER" {
        unknown(&mut meta, &["rotation_enabled"]);
    }
    Ok(Some(Resource::KmsKey(KmsKey {
        meta,
        key_id,
        key_manager,
        key_state: c.get("keyState").name().unwrap_or_default(),
        key_spec: c
            .get("keySpec")
            .name()
            .or_else(|| c.get("customerMasterKeySpec").name())
            .unwrap_or_default(),
        key_usage: c.get("keyUsage").name().unwrap_or_default(),
        origin: c.get("origin").name().unwrap_or_default(),
        rotation_enabled,
        policy: None,
        deletion_date: c.get("deletionDate").time(),
        derived: Default::default(),
    })))
}

fn rds_db_instance(item: &ConfigItem, ctx: &MapCtx) -> Result<Option<Resource>, String> {
    let c = J::of(&item.configuration);
    let id = item_name(c, "dBInstanceIdentifier", item).unwrap_or_else(|| item.resource_id.clone());
    let arn = item_arn(c, "dBInstanceArn", item, ctx, "rds", &format!("db:{id}"));
    let mut meta = ctx
        .meta(item, &arn, &item.region)
        .with_arn(&arn)
        .with_name(&id)
        .with_tags(tags(c.get("tagList")));
    // Parameter group values are not part of the configuration item.
    unknown(&mut meta, &["parameters"]);
    Ok(Some(Resource::RdsDbInstance(RdsDbInstance {
        meta,
        db_instance_identifier: id,
        engine: c.get("engine").string().unwrap_or_default(),
        engine_version: c.get("engineVersion").string().unwrap_or_default(),
        storage_encrypted: c.get("storageEncrypted").bool().unwrap_or(false),
        publicly_accessible: c.get("publiclyAccessible").bool().unwrap_or(false),
        multi_az: c.get("multiAZ").bool().unwrap_or(false),
        auto_minor_version_upgrade: c.get("autoMinorVersionUpgrade").bool().unwrap_or(false),
        deletion_protection: c.get("deletionProtection").bool().unwrap_or(false),
        backup_retention_period: c.get("backupRetentionPeriod").i32().unwrap_or(0),
        iam_database_authentication_enabled: c
            .get("iAMDatabaseAuthenticationEnabled")
            .bool()
            .unwrap_or(false),
        enabled_cloudwatch_logs_exports: c.get("enabledCloudwatchLogsExports").strings(),
        monitoring_interval: c.get("monitoringInterval").i32().unwrap_or(0),
        copy_tags_to_snapshot: c.get("copyTagsToSnapshot").bool().unwrap_or(false),
        port: c
            .get("endpoint")
            .get("port")
            .i32()
            .or_else(|| c.get("dbInstancePort").i32().filter(|p| *p != 0)),
        master_username: c.get("masterUsername").string(),
        db_cluster_identifier: c.get("dBClusterIdentifier").string(),
        subnet_ids: c
            .get("dBSubnetGroup")
            .get("subnets")
            .items()
            .filter_map(|s| s.get("subnetIdentifier").string())
            .collect(),
        parameters: BTreeMap::new(),
        derived: Default::default(),
    })))
}

fn lambda_function(item: &ConfigItem, ctx: &MapCtx) -> Result<Option<Resource>, String> {
    let c = J::of(&item.configuration);
    let name = item_name(c, "functionName", item).unwrap_or_else(|| item.resource_id.clone());
    let arn = item_arn(
        c,
        "functionArn",
        item,
        ctx,
        "lambda",
        &format!("function:{name}"),
    );
    let mut meta = ctx
        .meta(item, &arn, &item.region)
        .with_arn(&arn)
        .with_name(&name)
        .with_tags(tags(J::opt(item.supplementary("Tags"))));
    // Function URLs are a separate API.
    unknown(&mut meta, &["function_url_auth_type"]);
    let policy_entry = J::opt(item.supplementary("Policy"));
    let policy = match policy_entry.0 {
        Some(Value::String(text)) => decode_policy_document(text),
        Some(v @ Value::Object(_)) => Some(v.clone()),
        _ => None,
    };
    if item.supplementary("Policy").is_none() {
        unknown(&mut meta, &["policy", "derived.policy"]);
    }
    let environment = c.get("environment");
    let environment_variable_names = match environment.get("variables").0 {
        Some(Value::Object(vars)) => vars.keys().cloned().collect(),
        _ => Vec::new(),
    };
    if !environment.present() {
        unknown(&mut meta, &["environment_variable_names"]);
    }
    Ok(Some(Resource::LambdaFunction(LambdaFunction {
        meta,
        function_name: name,
        runtime: c.get("runtime").name(),
        package_type: c
            .get("packageType")
            .name()
            .unwrap_or_else(|| "Zip".to_string()),
        policy,
        vpc_subnet_ids: c.get("vpcConfig").get("subnetIds").strings(),
        environment_variable_names,
        function_url_auth_type: None,
        derived: Default::default(),
    })))
}

/// Joins what IAM items say about each other, within one account: group members from the users'
/// group lists, the users, groups and roles each managed policy is attached to, and the
/// AWS-managed policies attached to something (AWS Config records customer-managed policies
/// only), as the live collector lists them. Their documents are unknown.
pub fn join_iam(resources: &mut Vec<Resource>, aggregator: &str) {
    type Attachments = (Vec<String>, Vec<String>, Vec<String>);
    let mut attached: BTreeMap<String, Attachments> = BTreeMap::new();
    let mut members: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut template: Option<ResourceMeta> = None;
    for r in resources.iter() {
        match r {
            Resource::IamUser(u) => {
                let name = u.meta.name.clone().unwrap_or_default();
                for arn in &u.attached_policies {
                    attached
                        .entry(arn.clone())
                        .or_default()
                        .0
                        .push(name.clone());
                }
                for g in &u.groups {
                    members.entry(g.clone()).or_default().push(name.clone());
                }
                template.get_or_insert_with(|| u.meta.clone());
            }
            Resource::IamGroup(g) => {
                for arn in &g.attached_policies {
                    attached
                        .entry(arn.clone())
                        .or_default()
                        .1
                        .push(g.meta.name.clone().unwrap_or_default());
                }
                template.get_or_insert_with(|| g.meta.clone());
            }
            Resource::IamRole(role) => {
                for arn in &role.attached_policies {
                    attached
                        .entry(arn.clone())
                        .or_default()
                        .2
                        .push(role.meta.name.clone().unwrap_or_default());
                }
                template.get_or_insert_with(|| role.meta.clone());
            }
            _ => {}
        }
    }
    let mut present = BTreeSet::new();
    for r in resources.iter_mut() {
        match r {
            Resource::IamGroup(g) => {
                if let Some(users) = g.meta.name.as_ref().and_then(|n| members.get(n)) {
                    g.users = users.clone();
                }
            }
            Resource::IamPolicy(p) => {
                present.insert(p.meta.id.clone());
                if let Some((u, g, roles)) = attached.get(&p.meta.id) {
                    p.attached_users = u.clone();
                    p.attached_groups = g.clone();
                    p.attached_roles = roles.clone();
                }
            }
            _ => {}
        }
    }
    let Some(template) = template else {
        return;
    };
    for (arn, (users, groups, roles)) in attached {
        if present.contains(&arn) || !arn.contains(":iam::aws:policy/") {
            continue;
        }
        let name = arn.rsplit('/').next().unwrap_or_default().to_string();
        let mut meta = ResourceMeta::new(
            &arn,
            &template.account_id,
            GLOBAL_REGION,
            &template.partition,
        )
        .with_arn(&arn)
        .with_name(name);
        meta.source = Source::ConfigAggregator {
            aggregator: aggregator.to_string(),
            captured_at: None,
        };
        meta.unknown.push("document".to_string());
        resources.push(Resource::IamPolicy(IamPolicy {
            meta,
            aws_managed: true,
            attachment_count: (users.len() + groups.len() + roles.len()) as u32,
            attached_users: users,
            attached_groups: groups,
            attached_roles: roles,
            document: Value::Null,
            derived: Default::default(),
        }));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn item(config_type: &str, configuration: Value, supplementary: &[(&str, &str)]) -> ConfigItem {
        ConfigItem::decode(
            ConfigItemHeader {
                account_id: "111111111111".into(),
                region: "us-east-1".into(),
                resource_type: config_type.into(),
                resource_id: "id".into(),
                ..Default::default()
            },
            Some(&configuration.to_string()),
            supplementary
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string())),
        )
        .unwrap()
    }

    const CTX: MapCtx = MapCtx {
        aggregator: "org",
        partition: "aws",
    };

    #[test]
    fn bucket_acl_and_policy_from_supplementary_strings() {
        // The ACL is a JSON string inside the (JSON-string) map value, as AWS Config sends it.
        let acl = serde_json::to_string(&json!({
            "grantSet": null,
            "grantList": [
                {"grantee": {"id": "owner", "displayName": null}, "permission": "FullControl"},
                {"grantee": "AllUsers", "permission": "Read"}
            ],
            "owner": {"displayName": null, "id": "owner"},
            "isRequesterCharged": false
        }))
        .unwrap();
        let acl = serde_json::to_string(&acl).unwrap();
        let it = item(
            "AWS::S3::Bucket",
            json!({"name": "web", "creationDate": "2024-02-01T10:00:00.000Z"}),
            &[
                ("AccessControlList", &acl),
                ("BucketPolicy", r#"{"policyText":null}"#),
                (
                    "BucketVersioningConfiguration",
                    r#"{"status":"Off","isMfaDeleteEnabled":null}"#,
                ),
                (
                    "BucketLoggingConfiguration",
                    r#"{"destinationBucketName":null,"logFilePrefix":null}"#,
                ),
                (
                    "ServerSideEncryptionConfiguration",
                    r#"{"rules":[{"applyServerSideEncryptionByDefault":{"sseAlgorithm":"AES256","kmsMasterKeyID":null},"bucketKeyEnabled":false}]}"#,
                ),
            ],
        );
        let Some(Resource::S3Bucket(b)) = map_item(&it, &CTX).unwrap() else {
            panic!("not a bucket")
        };
        assert_eq!(b.meta.id, "arn:aws:s3:::web");
        assert_eq!(b.acl.grants.len(), 2);
        assert_eq!(b.acl.grants[1].grantee_uri.as_deref(), Some(ALL_USERS));
        assert_eq!(b.acl.grants[1].permission, "READ");
        assert_eq!(b.acl.grants[0].permission, "FULL_CONTROL");
        assert!(b.policy.is_none());
        assert_eq!(b.versioning.status, None);
        assert!(!b.logging.enabled);
        assert_eq!(b.encryption_rules[0].sse_algorithm, "AES256");
        assert!(b.public_access_block.is_none());
        // A public grant proves ACLs are on; nothing else is unknown.
        assert!(b.meta.unknown.is_empty(), "{:?}", b.meta.unknown);
        assert!(matches!(b.meta.source, Source::ConfigAggregator { .. }));
    }

    #[test]
    fn missing_supplementary_entries_are_unknown_not_off() {
        let it = item("AWS::S3::Bucket", json!({"name": "quiet"}), &[]);
        let Some(Resource::S3Bucket(b)) = map_item(&it, &CTX).unwrap() else {
            panic!()
        };
        for field in [
            "policy",
            "acl",
            "derived.public_read",
            "object_ownership",
            "versioning",
        ] {
            assert!(b.meta.unknown.iter().any(|f| f == field), "{field}");
        }
    }

    #[test]
    fn iam_user_credentials_are_unknown_and_policies_decoded() {
        let it = item(
            "AWS::IAM::User",
            json!({
                "userName": "alice", "arn": "arn:aws:iam::111111111111:user/alice",
                "groupList": ["admins"],
                "attachedManagedPolicies": [{"policyName": "AdministratorAccess", "policyArn": "arn:aws:iam::aws:policy/AdministratorAccess"}],
                "userPolicyList": [{"policyName": "inline", "policyDocument": "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%5D%7D"}]
            }),
            &[],
        );
        let Some(Resource::IamUser(u)) = map_item(&it, &CTX).unwrap() else {
            panic!()
        };
        assert_eq!(u.meta.region, GLOBAL_REGION);
        assert_eq!(u.inline_policies[0].document["Version"], "2012-10-17");
        assert!(u.meta.unknown.iter().any(|f| f == "derived.mfa_enabled"));
        let mut all = vec![Resource::IamUser(u)];
        join_iam(&mut all, "org");
        let Resource::IamPolicy(p) = &all[1] else {
            panic!("AWS-managed policy not synthesized")
        };
        assert!(p.aws_managed);
        assert_eq!(p.attached_users, vec!["alice"]);
        assert_eq!(p.attachment_count, 1);
    }

    #[test]
    fn camel_and_pascal_case_read_alike() {
        let a = item(
            "AWS::EC2::Volume",
            json!({"volumeId": "vol-1", "encrypted": true, "state": "in-use"}),
            &[],
        );
        let b = item(
            "AWS::EC2::Volume",
            json!({"VolumeId": "vol-1", "Encrypted": "true", "State": {"value": "in-use"}}),
            &[],
        );
        let (Some(Resource::Ec2Volume(a)), Some(Resource::Ec2Volume(b))) =
            (map_item(&a, &CTX).unwrap(), map_item(&b, &CTX).unwrap())
        else {
            panic!()
        };
        assert_eq!(a, b);
        assert_eq!(a.meta.id, "arn:aws:ec2:us-east-1:111111111111:volume/vol-1");
    }

    #[test]
    fn bad_configuration_json_is_an_error() {
        let err =
            ConfigItem::decode(ConfigItemHeader::default(), Some("{not json"), []).unwrap_err();
        assert!(err.contains("not valid JSON"), "{err}");
    }
}
