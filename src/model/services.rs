//! Smaller services: GuardDuty, EFS, SQS, DynamoDB, ECR, ECS, Secrets Manager, Security Hub.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::ResourceMeta;
use super::policy::ResourcePolicyFacts;
use super::time::Timestamp;

/// A GuardDuty detector (one per region when GuardDuty is on).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GuardDutyDetector {
    /// Common metadata.
    pub meta: ResourceMeta,
    /// Detector id.
    pub detector_id: String,
    /// `ENABLED` or `DISABLED`.
    pub status: String,
    /// Protection plans by feature name (`S3_DATA_EVENTS`, `EKS_AUDIT_LOGS`,
    /// `EBS_MALWARE_PROTECTION`, `RDS_LOGIN_EVENTS`, `LAMBDA_NETWORK_LOGS`,
    /// `RUNTIME_MONITORING`, `EKS_RUNTIME_MONITORING`) → `ENABLED` / `DISABLED`.
    #[serde(default)]
    pub features: BTreeMap<String, String>,
    /// Runtime monitoring agent management by name (`EKS_ADDON_MANAGEMENT`,
    /// `ECS_FARGATE_AGENT_MANAGEMENT`, `EC2_AGENT_MANAGEMENT`) → status.
    #[serde(default)]
    pub runtime_agents: BTreeMap<String, String>,
}

/// An EFS file system.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EfsFileSystem {
    /// Common metadata.
    pub meta: ResourceMeta,
    /// File system id.
    pub file_system_id: String,
    /// Encrypted at rest.
    #[serde(default)]
    pub encrypted: bool,
    /// KMS key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kms_key_id: Option<String>,
    /// Automatic backups (`ENABLED`, `DISABLED`), when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backup_policy_status: Option<String>,
    /// Subnets of its mount targets.
    #[serde(default)]
    pub mount_target_subnet_ids: Vec<String>,
    /// The file system policy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy: Option<Value>,
    /// Facts computed by stance.
    #[serde(default)]
    pub derived: EfsDerived,
}

/// Facts derived for a file system.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct EfsDerived {
    /// Mount targets in subnets that assign public IPs on launch.
    pub mount_targets_in_public_subnets: Vec<String>,
}

/// An EFS access point.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EfsAccessPoint {
    /// Common metadata.
    pub meta: ResourceMeta,
    /// File system id.
    pub file_system_id: String,
    /// Root directory path (`/` when not set).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub root_directory_path: Option<String>,
    /// A POSIX user is enforced.
    #[serde(default)]
    pub posix_user_enforced: bool,
}

/// An SQS queue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SqsQueue {
    /// Common metadata.
    pub meta: ResourceMeta,
    /// Queue URL.
    pub queue_url: String,
    /// SSE with SQS-owned keys.
    #[serde(default)]
    pub sqs_managed_sse_enabled: bool,
    /// KMS key for SSE-KMS.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kms_master_key_id: Option<String>,
    /// Access policy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy: Option<Value>,
    /// Facts computed by stance.
    #[serde(default)]
    pub derived: PolicyDerived,
}

/// Facts derived for a resource with an access policy.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct PolicyDerived {
    /// Analysis of the access policy.
    pub policy: ResourcePolicyFacts,
}

/// A DynamoDB table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DynamoDbTable {
    /// Common metadata.
    pub meta: ResourceMeta,
    /// `PROVISIONED` or `PAY_PER_REQUEST`.
    #[serde(default)]
    pub billing_mode: String,
    /// Point-in-time recovery is enabled.
    #[serde(default)]
    pub point_in_time_recovery_enabled: bool,
    /// Deletion protection is on.
    #[serde(default)]
    pub deletion_protection_enabled: bool,
    /// Provisioned capacity is managed by Application Auto Scaling; `None` when unknown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auto_scaling_enabled: Option<bool>,
}

/// A DAX cluster.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DaxCluster {
    /// Common metadata.
    pub meta: ResourceMeta,
    /// Encryption at rest is enabled.
    #[serde(default)]
    pub sse_enabled: bool,
    /// `TLS` or `NONE`.
    #[serde(default)]
    pub endpoint_encryption_type: String,
}

/// An ECR private repository.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EcrRepository {
    /// Common metadata.
    pub meta: ResourceMeta,
    /// Images are scanned on push (basic scanning).
    #[serde(default)]
    pub scan_on_push: bool,
    /// The registry uses enhanced (Inspector) scanning for this repository.
    #[serde(default)]
    pub enhanced_scanning: bool,
    /// `MUTABLE` or `IMMUTABLE`.
    #[serde(default)]
    pub image_tag_mutability: String,
    /// A lifecycle policy is configured.
    #[serde(default)]
    pub lifecycle_policy_present: bool,
}

/// A container definition of an ECS task definition. Environment *values* are not collected;
/// names are, with the ones that look like secrets flagged.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct ContainerDefinition {
    /// Container name.
    pub name: String,
    /// Runs privileged.
    pub privileged: bool,
    /// User the container runs as (`root`, `0`, `1000`...), when set.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user: Option<String>,
    /// Root filesystem is read-only.
    pub readonly_root_filesystem: bool,
    /// Names of plain environment variables.
    pub environment_variable_names: Vec<String>,
    /// A log driver is configured.
    pub log_configuration_present: bool,
}

/// An ECS task definition (the latest active revision of each family).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EcsTaskDefinition {
    /// Common metadata.
    pub meta: ResourceMeta,
    /// Family.
    pub family: String,
    /// Revision.
    #[serde(default)]
    pub revision: i32,
    /// `awsvpc`, `bridge`, `host` or `none`.
    #[serde(default)]
    pub network_mode: String,
    /// `host` or `task` when set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pid_mode: Option<String>,
    /// Container definitions.
    #[serde(default)]
    pub containers: Vec<ContainerDefinition>,
    /// Facts computed by stance.
    #[serde(default)]
    pub derived: TaskDefinitionDerived,
}

/// Facts derived for a task definition.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct TaskDefinitionDerived {
    /// Environment variable names that look like credentials (`AWS_SECRET_ACCESS_KEY`,
    /// `*_PASSWORD`, `*_TOKEN`...), as `container/NAME`.
    pub secret_like_environment_variables: Vec<String>,
}

/// An ECS service.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EcsService {
    /// Common metadata.
    pub meta: ResourceMeta,
    /// Cluster ARN.
    #[serde(default)]
    pub cluster_arn: String,
    /// `FARGATE`, `EC2`, `EXTERNAL`.
    #[serde(default)]
    pub launch_type: String,
    /// Fargate platform version (`LATEST`, `1.4.0`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform_version: Option<String>,
    /// The service (or any of its task sets) assigns public IPs.
    #[serde(default)]
    pub assign_public_ip: bool,
}

/// An ECS cluster.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EcsCluster {
    /// Common metadata.
    pub meta: ResourceMeta,
    /// Container Insights setting (`enabled`, `enhanced`, `disabled`).
    #[serde(default)]
    pub container_insights: String,
}

/// A Secrets Manager secret. The secret value is never read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SecretsManagerSecret {
    /// Common metadata.
    pub meta: ResourceMeta,
    /// Automatic rotation is configured.
    #[serde(default)]
    pub rotation_enabled: bool,
    /// Rotation interval in days.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rotation_interval_days: Option<i64>,
    /// Last rotation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_rotated_date: Option<Timestamp>,
    /// Last access (day precision).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_accessed_date: Option<Timestamp>,
    /// Creation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_date: Option<Timestamp>,
    /// Facts computed by stance.
    #[serde(default)]
    pub derived: SecretDerived,
}

/// Facts derived for a secret.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct SecretDerived {
    /// Days since the last rotation (or creation when never rotated).
    pub days_since_rotation: Option<i64>,
    /// Days since the last access (or creation when never accessed).
    pub days_since_access: Option<i64>,
}

/// Security Hub in one region.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SecurityHubHub {
    /// Common metadata.
    pub meta: ResourceMeta,
    /// Security Hub is enabled in the region.
    pub enabled: bool,
    /// ARNs of enabled standards.
    #[serde(default)]
    pub enabled_standards: Vec<String>,
}
