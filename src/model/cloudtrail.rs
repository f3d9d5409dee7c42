//! CloudTrail trails with their status and event selectors.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::ResourceMeta;
use super::time::Timestamp;

/// A basic event selector.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct EventSelector {
    /// `All`, `ReadOnly` or `WriteOnly`.
    pub read_write_type: String,
    /// Management events are logged.
    pub include_management_events: bool,
    /// Data event resources (`AWS::S3::Object` with ARN prefixes, ...).
    pub data_resources: Vec<DataResource>,
}

/// A data-event resource of a basic selector.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct DataResource {
    /// Resource type, e.g. `AWS::S3::Object`.
    #[serde(rename = "type")]
    pub resource_type: String,
    /// ARN prefixes (`arn:aws:s3` for all buckets).
    pub values: Vec<String>,
}

/// An advanced event selector.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct AdvancedEventSelector {
    /// Selector name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Field selectors (all must match).
    pub field_selectors: Vec<AdvancedFieldSelector>,
}

/// One field condition of an advanced event selector.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct AdvancedFieldSelector {
    /// `eventCategory`, `resources.type`, `readOnly`, `resources.ARN`, ...
    pub field: String,
    /// Values the field must equal.
    pub equals: Vec<String>,
    /// Values the field must not equal.
    pub not_equals: Vec<String>,
    /// Prefixes the field must start with.
    pub starts_with: Vec<String>,
    /// Prefixes the field must not start with.
    pub not_starts_with: Vec<String>,
}

/// A CloudTrail trail, listed once in its home region.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CloudTrailTrail {
    /// Common metadata (region is the trail's home region).
    pub meta: ResourceMeta,
    /// The trail logs events in every region.
    #[serde(default)]
    pub is_multi_region_trail: bool,
    /// The trail is an organization trail.
    #[serde(default)]
    pub is_organization_trail: bool,
    /// Global service events (IAM, STS) are included.
    #[serde(default)]
    pub include_global_service_events: bool,
    /// Log file integrity validation is enabled.
    #[serde(default)]
    pub log_file_validation_enabled: bool,
    /// KMS key used for SSE-KMS, when set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kms_key_id: Option<String>,
    /// Destination bucket.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub s3_bucket_name: Option<String>,
    /// CloudWatch Logs log group ARN, when integrated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cloud_watch_logs_log_group_arn: Option<String>,
    /// The trail is logging (GetTrailStatus).
    #[serde(default)]
    pub is_logging: bool,
    /// Last successful delivery to CloudWatch Logs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latest_cloud_watch_logs_delivery_time: Option<Timestamp>,
    /// Basic event selectors.
    #[serde(default)]
    pub event_selectors: Vec<EventSelector>,
    /// Advanced event selectors.
    #[serde(default)]
    pub advanced_event_selectors: Vec<AdvancedEventSelector>,
    /// Facts computed by stance.
    #[serde(default)]
    pub derived: TrailDerived,
}

/// Facts derived for a trail.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct TrailDerived {
    /// Read and write management events are both logged.
    pub logs_management_events_read_write: bool,
    /// S3 object-level read events are logged for all buckets.
    pub logs_s3_data_events_read: bool,
    /// S3 object-level write events are logged for all buckets.
    pub logs_s3_data_events_write: bool,
    /// Name of the CloudWatch Logs log group, parsed from its ARN.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cloud_watch_logs_log_group_name: Option<String>,
    /// Region of the CloudWatch Logs log group, parsed from its ARN.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cloud_watch_logs_region: Option<String>,
    /// Events reached CloudWatch Logs within a day of the inventory's collection.
    pub cloud_watch_logs_delivered_recently: bool,
}
