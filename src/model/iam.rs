//! IAM: the root user, password policy, users, groups, roles, managed policies, server
//! certificates, and IAM Access Analyzer analyzers.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::ResourceMeta;
use super::policy::IdentityPolicyFacts;
use super::time::Timestamp;

/// The account's root user, from the IAM credential report's `<root_account>` row and the
/// account summary. Pseudo-id `arn:<partition>:iam::<account>:root`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IamRootUser {
    /// Common metadata.
    pub meta: ResourceMeta,
    /// MFA is enabled for the root user.
    pub mfa_active: bool,
    /// The root user's MFA device is a virtual (software) device rather than hardware.
    #[serde(default)]
    pub virtual_mfa: bool,
    /// Number of root access keys that are active.
    #[serde(default)]
    pub active_access_keys: u32,
    /// Last time the root password was used to sign in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password_last_used: Option<Timestamp>,
    /// Last time a root access key was used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_key_last_used: Option<Timestamp>,
    /// Root has an active X.509 signing certificate.
    #[serde(default)]
    pub signing_certificate_active: bool,
    /// Facts computed by stance.
    #[serde(default)]
    pub derived: IamRootUserDerived,
}

/// Facts derived for the root user.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct IamRootUserDerived {
    /// Days since the root user last signed in or used a key, when it ever did.
    pub days_since_last_use: Option<i64>,
}

/// The account password policy. One per account; `exists` is false when none is set, in which
/// case IAM applies its (weak) defaults.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IamPasswordPolicy {
    /// Common metadata.
    pub meta: ResourceMeta,
    /// A custom password policy is set.
    pub exists: bool,
    /// Minimum password length.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minimum_password_length: Option<u32>,
    /// Passwords must contain a symbol.
    #[serde(default)]
    pub require_symbols: bool,
    /// Passwords must contain a digit.
    #[serde(default)]
    pub require_numbers: bool,
    /// Passwords must contain an uppercase letter.
    #[serde(default)]
    pub require_uppercase_characters: bool,
    /// Passwords must contain a lowercase letter.
    #[serde(default)]
    pub require_lowercase_characters: bool,
    /// Users may change their own password.
    #[serde(default)]
    pub allow_users_to_change_password: bool,
    /// Days before a password expires.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_password_age: Option<u32>,
    /// Number of previous passwords that cannot be reused.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password_reuse_prevention: Option<u32>,
    /// Expired passwords require an administrator reset.
    #[serde(default)]
    pub hard_expiry: bool,
}

/// An access key of an IAM user.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AccessKey {
    /// Access key id (the public half; never the secret).
    pub id: String,
    /// `Active` or `Inactive`.
    pub status: String,
    /// When the key was created.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<Timestamp>,
    /// When the key was last used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_used: Option<Timestamp>,
    /// Days since creation, relative to the inventory's collection time (derived).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub age_days: Option<i64>,
    /// Days since last use, or since creation when never used (derived).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days_since_last_use: Option<i64>,
}

/// An MFA device of a user.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MfaDevice {
    /// Serial number (ARN for virtual devices).
    pub serial: String,
    /// The device is a virtual (software) device.
    #[serde(default)]
    pub virtual_device: bool,
}

/// An inline policy embedded in a user, group or role.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct InlinePolicy {
    /// Policy name.
    pub name: String,
    /// The decoded policy document.
    pub document: Value,
    /// Facts computed from the document.
    #[serde(default)]
    pub derived: IdentityPolicyFacts,
}

/// An IAM user.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IamUser {
    /// Common metadata (`arn:aws:iam::<account>:user/<path><name>`).
    pub meta: ResourceMeta,
    /// When the user was created.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<Timestamp>,
    /// The user has a console password (login profile).
    #[serde(default)]
    pub password_enabled: bool,
    /// Last console sign-in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password_last_used: Option<Timestamp>,
    /// MFA devices assigned to the user.
    #[serde(default)]
    pub mfa_devices: Vec<MfaDevice>,
    /// Access keys of the user.
    #[serde(default)]
    pub access_keys: Vec<AccessKey>,
    /// ARNs of managed policies attached directly to the user.
    #[serde(default)]
    pub attached_policies: Vec<String>,
    /// Inline policies of the user.
    #[serde(default)]
    pub inline_policies: Vec<InlinePolicy>,
    /// Names of the groups the user belongs to.
    #[serde(default)]
    pub groups: Vec<String>,
    /// Facts computed by stance.
    #[serde(default)]
    pub derived: IamUserDerived,
}

/// Facts derived for an IAM user.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct IamUserDerived {
    /// Number of access keys with status `Active`.
    pub active_access_key_count: u32,
    /// Days since the console password was last used (or since creation if never used).
    pub days_since_password_use: Option<i64>,
    /// The largest age in days of any active access key.
    pub oldest_active_key_age_days: Option<i64>,
    /// The largest days-since-last-use of any active access key.
    pub stalest_active_key_days: Option<i64>,
    /// The user has at least one MFA device.
    pub mfa_enabled: bool,
    /// The user has policies attached directly or inline (not through groups).
    pub has_direct_policies: bool,
    /// An inline or attached customer policy grants `*` on `*`.
    pub has_full_admin: bool,
}

/// An IAM group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IamGroup {
    /// Common metadata.
    pub meta: ResourceMeta,
    /// ARNs of attached managed policies.
    #[serde(default)]
    pub attached_policies: Vec<String>,
    /// Inline policies.
    #[serde(default)]
    pub inline_policies: Vec<InlinePolicy>,
    /// Names of member users.
    #[serde(default)]
    pub users: Vec<String>,
}

/// An IAM role.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IamRole {
    /// Common metadata.
    pub meta: ResourceMeta,
    /// Role path (`/`, `/aws-service-role/...`).
    #[serde(default)]
    pub path: String,
    /// The trust (assume role) policy document.
    #[serde(default)]
    pub assume_role_policy: Value,
    /// ARNs of attached managed policies.
    #[serde(default)]
    pub attached_policies: Vec<String>,
    /// Inline policies.
    #[serde(default)]
    pub inline_policies: Vec<InlinePolicy>,
    /// When the role was last used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_used: Option<Timestamp>,
    /// Facts computed by stance.
    #[serde(default)]
    pub derived: IamRoleDerived,
}

/// Facts derived for an IAM role.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct IamRoleDerived {
    /// The role is service-linked (path `/aws-service-role/`), managed by AWS.
    pub service_linked: bool,
    /// Account ids outside this account trusted to assume the role, sorted.
    pub trusted_external_accounts: Vec<String>,
    /// The trust policy lets anyone (`*`) assume the role without narrowing conditions.
    pub trust_public: bool,
}

/// A managed IAM policy: every customer-managed policy, plus AWS-managed policies attached to
/// something in the account.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IamPolicy {
    /// Common metadata.
    pub meta: ResourceMeta,
    /// The policy is managed by AWS (`arn:aws:iam::aws:policy/...`).
    pub aws_managed: bool,
    /// Number of users, groups and roles it is attached to.
    #[serde(default)]
    pub attachment_count: u32,
    /// Names of the users it is attached to.
    #[serde(default)]
    pub attached_users: Vec<String>,
    /// Names of the groups it is attached to.
    #[serde(default)]
    pub attached_groups: Vec<String>,
    /// Names of the roles it is attached to.
    #[serde(default)]
    pub attached_roles: Vec<String>,
    /// The default version's document.
    #[serde(default)]
    pub document: Value,
    /// Facts computed from the document.
    #[serde(default)]
    pub derived: IdentityPolicyFacts,
}

/// A server certificate stored in IAM.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IamServerCertificate {
    /// Common metadata.
    pub meta: ResourceMeta,
    /// Expiry time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expiration: Option<Timestamp>,
    /// Facts computed by stance.
    #[serde(default)]
    pub derived: ServerCertificateDerived,
}

/// Facts derived for a server certificate.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct ServerCertificateDerived {
    /// The certificate had expired when the inventory was collected.
    pub expired: bool,
}

/// An IAM Access Analyzer analyzer (regional).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AccessAnalyzer {
    /// Common metadata.
    pub meta: ResourceMeta,
    /// `ACCOUNT`, `ORGANIZATION`, `ACCOUNT_UNUSED_ACCESS`...
    pub analyzer_type: String,
    /// `ACTIVE`, `CREATING`, `DISABLED`, `FAILED`.
    pub status: String,
}
