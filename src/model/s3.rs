//! S3: buckets and the account-level Block Public Access setting.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::ResourceMeta;
use super::policy::ResourcePolicyFacts;
use super::time::Timestamp;

/// The four Block Public Access flags (bucket or account level).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct PublicAccessBlock {
    /// Reject new public ACLs.
    pub block_public_acls: bool,
    /// Ignore existing public ACLs.
    pub ignore_public_acls: bool,
    /// Reject public bucket policies.
    pub block_public_policy: bool,
    /// Restrict access under public policies to AWS principals and the owner.
    pub restrict_public_buckets: bool,
}

impl PublicAccessBlock {
    /// All four flags are on.
    pub fn all(&self) -> bool {
        self.block_public_acls
            && self.ignore_public_acls
            && self.block_public_policy
            && self.restrict_public_buckets
    }

    /// The union of two settings (bucket and account): a flag on at either level applies.
    pub fn union(&self, other: &PublicAccessBlock) -> PublicAccessBlock {
        PublicAccessBlock {
            block_public_acls: self.block_public_acls || other.block_public_acls,
            ignore_public_acls: self.ignore_public_acls || other.ignore_public_acls,
            block_public_policy: self.block_public_policy || other.block_public_policy,
            restrict_public_buckets: self.restrict_public_buckets || other.restrict_public_buckets,
        }
    }
}

/// The account-level S3 Block Public Access setting (S3 Control). One per account.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct S3AccountPublicAccessBlock {
    /// Common metadata.
    pub meta: ResourceMeta,
    /// The setting, or `None` when the account has none configured.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub configuration: Option<PublicAccessBlock>,
}

/// One default-encryption rule of a bucket.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EncryptionRule {
    /// `AES256`, `aws:kms` or `aws:kms:dsse`.
    pub sse_algorithm: String,
    /// The KMS key for `aws:kms`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kms_master_key_id: Option<String>,
    /// S3 Bucket Keys are enabled.
    #[serde(default)]
    pub bucket_key_enabled: bool,
}

/// Versioning state of a bucket.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct Versioning {
    /// `Enabled`, `Suspended`, or `None` when never enabled.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// MFA delete is enabled.
    pub mfa_delete: bool,
}

/// Server access logging of a bucket.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct BucketLogging {
    /// Logging is enabled.
    pub enabled: bool,
    /// Target bucket of the access logs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target_bucket: Option<String>,
    /// Key prefix of the access logs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target_prefix: Option<String>,
}

/// One ACL grant.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AclGrant {
    /// `CanonicalUser`, `Group` or `AmazonCustomerByEmail`.
    pub grantee_type: String,
    /// Group URI for `Group` grantees.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grantee_uri: Option<String>,
    /// Canonical id for `CanonicalUser` grantees.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grantee_id: Option<String>,
    /// `READ`, `WRITE`, `READ_ACP`, `WRITE_ACP` or `FULL_CONTROL`.
    pub permission: String,
}

/// A bucket ACL.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct BucketAcl {
    /// Canonical id of the owner.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub owner_id: Option<String>,
    /// Grants.
    pub grants: Vec<AclGrant>,
}

/// A general purpose S3 bucket.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct S3Bucket {
    /// Common metadata (`arn:aws:s3:::<name>`; region is the bucket's region).
    pub meta: ResourceMeta,
    /// When the bucket was created.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub creation_date: Option<Timestamp>,
    /// Bucket-level Block Public Access, or `None` when not configured.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public_access_block: Option<PublicAccessBlock>,
    /// Default encryption rules; empty when none is configured.
    #[serde(default)]
    pub encryption_rules: Vec<EncryptionRule>,
    /// Versioning.
    #[serde(default)]
    pub versioning: Versioning,
    /// Server access logging.
    #[serde(default)]
    pub logging: BucketLogging,
    /// The bucket policy document, when one is attached.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy: Option<Value>,
    /// The bucket ACL.
    #[serde(default)]
    pub acl: BucketAcl,
    /// Object Ownership: `BucketOwnerEnforced` (ACLs disabled), `BucketOwnerPreferred`,
    /// `ObjectWriter`, or `None` when not configured.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub object_ownership: Option<String>,
    /// Object Lock is enabled.
    #[serde(default)]
    pub object_lock_enabled: bool,
    /// Number of lifecycle rules.
    #[serde(default)]
    pub lifecycle_rule_count: u32,
    /// Facts computed by stance.
    #[serde(default)]
    pub derived: S3BucketDerived,
}

/// Facts derived for a bucket.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct S3BucketDerived {
    /// Analysis of the bucket policy.
    pub policy: ResourcePolicyFacts,
    /// The ACL grants READ (or FULL_CONTROL) to AllUsers or AuthenticatedUsers.
    pub acl_public_read: bool,
    /// The ACL grants WRITE, WRITE_ACP or FULL_CONTROL to AllUsers or AuthenticatedUsers.
    pub acl_public_write: bool,
    /// The Block Public Access in force: bucket and account settings combined.
    pub effective_public_access_block: PublicAccessBlock,
    /// ACL grants affect access: Block Public Access does not ignore them and Object Ownership
    /// is not `BucketOwnerEnforced` (ACLs disabled).
    pub acls_in_force: bool,
    /// Readable by anyone, after Block Public Access is applied.
    pub public_read: bool,
    /// Writable by anyone, after Block Public Access is applied.
    pub public_write: bool,
    /// Default encryption uses SSE-KMS (`aws:kms` or `aws:kms:dsse`).
    pub kms_encrypted: bool,
}

/// An S3 access point.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct S3AccessPoint {
    /// Common metadata.
    pub meta: ResourceMeta,
    /// The bucket it serves.
    pub bucket: String,
    /// `Internet` or `VPC`.
    #[serde(default)]
    pub network_origin: String,
    /// The access point's Block Public Access setting.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public_access_block: Option<PublicAccessBlock>,
}
