//! KMS keys.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::ResourceMeta;
use super::policy::ResourcePolicyFacts;
use super::time::Timestamp;

/// A KMS key (customer managed and AWS managed keys are both listed).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct KmsKey {
    /// Common metadata.
    pub meta: ResourceMeta,
    /// Key id (UUID or `mrk-...`).
    pub key_id: String,
    /// `CUSTOMER` or `AWS`.
    pub key_manager: String,
    /// `Enabled`, `Disabled`, `PendingDeletion`...
    pub key_state: String,
    /// `SYMMETRIC_DEFAULT`, `RSA_2048`, `HMAC_256`...
    #[serde(default)]
    pub key_spec: String,
    /// `ENCRYPT_DECRYPT`, `SIGN_VERIFY`, `GENERATE_VERIFY_MAC`...
    #[serde(default)]
    pub key_usage: String,
    /// `AWS_KMS`, `EXTERNAL`, `AWS_CLOUDHSM`, `EXTERNAL_KEY_STORE`.
    #[serde(default)]
    pub origin: String,
    /// Automatic rotation is enabled; `None` when not applicable or unknown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rotation_enabled: Option<bool>,
    /// The key policy (`default`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy: Option<Value>,
    /// Scheduled deletion date, when pending deletion.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deletion_date: Option<Timestamp>,
    /// Facts computed by stance.
    #[serde(default)]
    pub derived: KmsKeyDerived,
}

/// Facts derived for a KMS key.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct KmsKeyDerived {
    /// A customer-managed symmetric encryption key with key material from KMS: the keys for
    /// which automatic rotation applies.
    pub rotatable: bool,
    /// Analysis of the key policy.
    pub policy: ResourcePolicyFacts,
}
