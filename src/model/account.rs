//! The AWS account itself: alias, organization membership, alternate contacts.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::ResourceMeta;

/// One AWS account. Pseudo-id `AWS::::Account:<account id>`, the form Security Hub uses.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Account {
    /// Common metadata.
    pub meta: ResourceMeta,
    /// The IAM account alias, when set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alias: Option<String>,
    /// The AWS Organizations organization id, when the account is a member.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization_id: Option<String>,
    /// The security alternate contact; `None` when none is registered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub security_contact: Option<AlternateContact>,
    /// The operations alternate contact.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub operations_contact: Option<AlternateContact>,
    /// The billing alternate contact.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub billing_contact: Option<AlternateContact>,
}

/// An alternate contact. Only whether it is set and its title are modelled: stance does not
/// copy personal data (names, phone numbers, addresses) into its outputs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AlternateContact {
    /// The contact has an email address.
    pub has_email: bool,
    /// The contact's title, when set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
}
