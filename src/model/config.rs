//! AWS Config recorders and delivery channels.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::ResourceMeta;

/// A configuration recorder with its status.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ConfigRecorder {
    /// Common metadata.
    pub meta: ResourceMeta,
    /// IAM role the recorder uses.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role_arn: Option<String>,
    /// Records all supported resource types.
    #[serde(default)]
    pub all_supported: bool,
    /// Records global resource types (IAM).
    #[serde(default)]
    pub include_global_resource_types: bool,
    /// Recording strategy (`ALL_SUPPORTED_RESOURCE_TYPES`, `EXCLUSION_BY_RESOURCE_TYPES`,
    /// `INCLUSION_BY_RESOURCE_TYPES`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recording_strategy: Option<String>,
    /// Explicitly included resource types.
    #[serde(default)]
    pub resource_types: Vec<String>,
    /// Excluded resource types.
    #[serde(default)]
    pub excluded_resource_types: Vec<String>,
    /// The recorder is recording (status).
    #[serde(default)]
    pub recording: bool,
    /// Last status (`SUCCESS`, `FAILURE`, `PENDING`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_status: Option<String>,
}

/// A delivery channel.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ConfigDeliveryChannel {
    /// Common metadata.
    pub meta: ResourceMeta,
    /// Destination bucket.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub s3_bucket_name: Option<String>,
    /// Notification topic.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sns_topic_arn: Option<String>,
}
