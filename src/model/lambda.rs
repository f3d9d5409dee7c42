//! Lambda functions.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::ResourceMeta;
use super::policy::ResourcePolicyFacts;

/// A Lambda function. Environment variable *values* are never collected: they often hold
/// secrets. Only their names are kept.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LambdaFunction {
    /// Common metadata.
    pub meta: ResourceMeta,
    /// Function name.
    pub function_name: String,
    /// Runtime (`python3.12`, `nodejs20.x`...); `None` for container images.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub runtime: Option<String>,
    /// `Zip` or `Image`.
    #[serde(default)]
    pub package_type: String,
    /// The resource-based policy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy: Option<Value>,
    /// VPC subnets, when attached to a VPC.
    #[serde(default)]
    pub vpc_subnet_ids: Vec<String>,
    /// Names of environment variables (values are not collected).
    #[serde(default)]
    pub environment_variable_names: Vec<String>,
    /// Auth type of the function URL, when one exists (`NONE` or `AWS_IAM`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub function_url_auth_type: Option<String>,
    /// Facts computed by stance.
    #[serde(default)]
    pub derived: LambdaDerived,
}

/// Facts derived for a function.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct LambdaDerived {
    /// Analysis of the resource policy.
    pub policy: ResourcePolicyFacts,
    /// Availability Zones of the function's VPC subnets (from the subnets in the inventory).
    pub vpc_availability_zones: Vec<String>,
}
