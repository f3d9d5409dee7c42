//! RDS: DB instances, DB clusters, snapshots, event subscriptions and proxies.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::ResourceMeta;

/// An RDS DB instance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RdsDbInstance {
    /// Common metadata.
    pub meta: ResourceMeta,
    /// Instance identifier.
    pub db_instance_identifier: String,
    /// Engine (`mysql`, `postgres`, `aurora-mysql`, `sqlserver-se`, `mariadb`...).
    pub engine: String,
    /// Engine version.
    #[serde(default)]
    pub engine_version: String,
    /// Storage is encrypted at rest.
    #[serde(default)]
    pub storage_encrypted: bool,
    /// The instance has a public endpoint.
    #[serde(default)]
    pub publicly_accessible: bool,
    /// Multi-AZ deployment.
    #[serde(default)]
    pub multi_az: bool,
    /// Minor engine upgrades are applied automatically.
    #[serde(default)]
    pub auto_minor_version_upgrade: bool,
    /// Deletion protection is on.
    #[serde(default)]
    pub deletion_protection: bool,
    /// Automated backup retention in days (0 disables backups).
    #[serde(default)]
    pub backup_retention_period: i32,
    /// IAM database authentication is enabled.
    #[serde(default)]
    pub iam_database_authentication_enabled: bool,
    /// Log types exported to CloudWatch Logs.
    #[serde(default)]
    pub enabled_cloudwatch_logs_exports: Vec<String>,
    /// Enhanced Monitoring interval in seconds (0 = off).
    #[serde(default)]
    pub monitoring_interval: i32,
    /// Tags are copied to snapshots.
    #[serde(default)]
    pub copy_tags_to_snapshot: bool,
    /// Listening port.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port: Option<i32>,
    /// Master user name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub master_username: Option<String>,
    /// The cluster this instance belongs to (Aurora).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub db_cluster_identifier: Option<String>,
    /// Subnets of the DB subnet group.
    #[serde(default)]
    pub subnet_ids: Vec<String>,
    /// Parameter values of the instance's parameter group that checks read
    /// (`rds.force_ssl`, `require_secure_transport`...).
    #[serde(default)]
    pub parameters: BTreeMap<String, String>,
    /// Facts computed by stance.
    #[serde(default)]
    pub derived: RdsInstanceDerived,
}

/// Facts derived for a DB instance.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct RdsInstanceDerived {
    /// The instance listens on its engine's default port.
    pub uses_default_port: bool,
    /// The master user name is the engine's default (`admin`, `postgres`...).
    pub uses_default_master_username: bool,
    /// A subnet of the instance routes 0.0.0.0/0 or ::/0 to an internet gateway.
    pub in_public_subnet: bool,
}

/// An RDS DB cluster (Aurora or Multi-AZ DB cluster).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RdsDbCluster {
    /// Common metadata.
    pub meta: ResourceMeta,
    /// Cluster identifier.
    pub db_cluster_identifier: String,
    /// Engine (`aurora-mysql`, `aurora-postgresql`, `mysql`, `postgres`).
    pub engine: String,
    /// `provisioned`, `serverless`...
    #[serde(default)]
    pub engine_mode: String,
    /// Storage is encrypted.
    #[serde(default)]
    pub storage_encrypted: bool,
    /// Deletion protection is on.
    #[serde(default)]
    pub deletion_protection: bool,
    /// Number of Availability Zones the cluster spans.
    #[serde(default)]
    pub availability_zone_count: u32,
    /// Multi-AZ.
    #[serde(default)]
    pub multi_az: bool,
    /// IAM database authentication is enabled.
    #[serde(default)]
    pub iam_database_authentication_enabled: bool,
    /// Backtrack window in seconds (Aurora MySQL; 0 = off).
    #[serde(default)]
    pub backtrack_window: i64,
    /// Tags are copied to snapshots.
    #[serde(default)]
    pub copy_tags_to_snapshot: bool,
    /// Log types exported to CloudWatch Logs.
    #[serde(default)]
    pub enabled_cloudwatch_logs_exports: Vec<String>,
    /// Minor version upgrades are automatic (Multi-AZ DB clusters).
    #[serde(default)]
    pub auto_minor_version_upgrade: bool,
    /// Backup retention in days.
    #[serde(default)]
    pub backup_retention_period: i32,
    /// Master user name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub master_username: Option<String>,
    /// Listening port.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port: Option<i32>,
    /// Cluster parameter values checks read (`server_audit_logging`, `server_audit_events`).
    #[serde(default)]
    pub parameters: BTreeMap<String, String>,
    /// Facts computed by stance.
    #[serde(default)]
    pub derived: RdsClusterDerived,
}

/// Facts derived for a DB cluster.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct RdsClusterDerived {
    /// The cluster listens on its engine's default port.
    pub uses_default_port: bool,
    /// The master user name is the engine's default.
    pub uses_default_master_username: bool,
}

/// An RDS DB snapshot or DB cluster snapshot owned by the account.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RdsSnapshot {
    /// Common metadata.
    pub meta: ResourceMeta,
    /// Snapshot identifier.
    pub snapshot_identifier: String,
    /// A cluster snapshot (rather than an instance snapshot).
    #[serde(default)]
    pub cluster_snapshot: bool,
    /// `manual` or `automated`.
    #[serde(default)]
    pub snapshot_type: String,
    /// The snapshot is encrypted.
    #[serde(default)]
    pub encrypted: bool,
    /// The restore attribute lists `all`: anyone can restore it.
    #[serde(default)]
    pub public: bool,
}

/// An RDS event subscription.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RdsEventSubscription {
    /// Common metadata.
    pub meta: ResourceMeta,
    /// `db-instance`, `db-cluster`, `db-parameter-group`, `db-security-group`...
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_type: Option<String>,
    /// Event categories; empty means all.
    #[serde(default)]
    pub event_categories: Vec<String>,
    /// Source ids; empty means all sources of the type.
    #[serde(default)]
    pub source_ids: Vec<String>,
    /// The subscription is enabled.
    #[serde(default)]
    pub enabled: bool,
}

/// An RDS Proxy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RdsDbProxy {
    /// Common metadata.
    pub meta: ResourceMeta,
    /// Engine family.
    #[serde(default)]
    pub engine_family: String,
    /// TLS is required between clients and the proxy.
    #[serde(default)]
    pub require_tls: bool,
}
