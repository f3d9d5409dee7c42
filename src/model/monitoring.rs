//! CloudWatch Logs log groups and metric filters, CloudWatch alarms and SNS topics: the pieces
//! of the CIS monitoring controls (metric filter → alarm → topic with a subscriber).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::ResourceMeta;
use super::policy::ResourcePolicyFacts;

/// A CloudWatch Logs log group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LogsLogGroup {
    /// Common metadata.
    pub meta: ResourceMeta,
    /// Retention in days; `None` means never expire.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retention_in_days: Option<i32>,
    /// KMS key encrypting the log group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kms_key_id: Option<String>,
}

/// The metric a metric filter publishes.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct MetricTransformation {
    /// Metric name.
    pub metric_name: String,
    /// Metric namespace.
    pub metric_namespace: String,
}

/// A CloudWatch Logs metric filter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LogsMetricFilter {
    /// Common metadata (pseudo-id `<log group ARN>:metric-filter:<name>`).
    pub meta: ResourceMeta,
    /// The log group the filter reads.
    pub log_group_name: String,
    /// The filter pattern, as written.
    pub filter_pattern: String,
    /// Metrics published.
    #[serde(default)]
    pub metric_transformations: Vec<MetricTransformation>,
    /// Facts computed by stance.
    #[serde(default)]
    pub derived: MetricFilterDerived,
}

/// Facts derived for a metric filter.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct MetricFilterDerived {
    /// The CIS monitoring events the pattern catches (ids such as `unauthorized_api_calls`),
    /// matched semantically: whitespace, term order and redundant parentheses do not matter,
    /// and a pattern that catches more than CIS asks still counts.
    pub cis_monitors: Vec<String>,
    /// The pattern could not be parsed as a JSON filter pattern.
    pub unparsed: bool,
}

/// A metric an alarm watches.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct AlarmMetric {
    /// Metric name.
    pub metric_name: String,
    /// Metric namespace.
    pub namespace: String,
}

/// A CloudWatch metric alarm.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CloudWatchAlarm {
    /// Common metadata.
    pub meta: ResourceMeta,
    /// Metrics the alarm watches (one for simple alarms, several for metric math).
    #[serde(default)]
    pub metrics: Vec<AlarmMetric>,
    /// Actions run when the alarm fires (SNS topic ARNs, ...).
    #[serde(default)]
    pub alarm_actions: Vec<String>,
    /// Actions are enabled.
    #[serde(default)]
    pub actions_enabled: bool,
}

/// A subscription of an SNS topic. The endpoint (an email address or URL) is not modelled.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct SnsSubscription {
    /// `email`, `https`, `sqs`, `lambda`...
    pub protocol: String,
    /// The subscription is confirmed.
    pub confirmed: bool,
}

/// An SNS topic.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SnsTopic {
    /// Common metadata.
    pub meta: ResourceMeta,
    /// KMS key for server-side encryption.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kms_master_key_id: Option<String>,
    /// The access policy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy: Option<Value>,
    /// Subscriptions.
    #[serde(default)]
    pub subscriptions: Vec<SnsSubscription>,
    /// Facts computed by stance.
    #[serde(default)]
    pub derived: SnsTopicDerived,
}

/// Facts derived for a topic.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct SnsTopicDerived {
    /// Number of confirmed subscriptions.
    pub confirmed_subscription_count: u32,
    /// Analysis of the access policy.
    pub policy: ResourcePolicyFacts,
}
