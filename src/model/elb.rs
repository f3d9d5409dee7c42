//! Elastic Load Balancing: Classic Load Balancers and v2 (Application, Network, Gateway).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::ResourceMeta;

/// A listener of a Classic Load Balancer.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct ClassicListener {
    /// Front-end protocol (`HTTP`, `HTTPS`, `TCP`, `SSL`).
    pub protocol: String,
    /// Front-end port.
    pub load_balancer_port: i32,
    /// Back-end protocol.
    pub instance_protocol: String,
    /// Certificate ARN for HTTPS/SSL.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ssl_certificate_id: Option<String>,
    /// Names of the policies attached to the listener.
    pub policy_names: Vec<String>,
}

/// A Classic Load Balancer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ElbLoadBalancer {
    /// Common metadata.
    pub meta: ResourceMeta,
    /// `internet-facing` or `internal`.
    #[serde(default)]
    pub scheme: String,
    /// Listeners.
    #[serde(default)]
    pub listeners: Vec<ClassicListener>,
    /// Availability Zones.
    #[serde(default)]
    pub availability_zones: Vec<String>,
    /// Access logs are enabled.
    #[serde(default)]
    pub access_log_enabled: bool,
    /// Connection draining is enabled.
    #[serde(default)]
    pub connection_draining_enabled: bool,
    /// Cross-zone load balancing is enabled.
    #[serde(default)]
    pub cross_zone_load_balancing_enabled: bool,
    /// Desync mitigation mode (`monitor`, `defensive`, `strictest`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub desync_mitigation_mode: Option<String>,
    /// The predefined security policy referenced by the SSL negotiation policy
    /// (`ELBSecurityPolicy-TLS-1-2-2017-01`), when any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ssl_reference_policy: Option<String>,
}

/// A default action of a v2 listener.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct ListenerAction {
    /// `forward`, `redirect`, `fixed-response`, `authenticate-oidc`...
    #[serde(rename = "type")]
    pub action_type: String,
    /// Protocol of a redirect (`HTTPS`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub redirect_protocol: Option<String>,
}

/// A listener of a v2 load balancer.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct Listener {
    /// Listener ARN.
    pub arn: String,
    /// `HTTP`, `HTTPS`, `TCP`, `TLS`, `UDP`, `TCP_UDP`, `GENEVE`.
    pub protocol: String,
    /// Port.
    pub port: i32,
    /// TLS security policy name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ssl_policy: Option<String>,
    /// Default actions.
    pub default_actions: Vec<ListenerAction>,
}

/// An Application, Network or Gateway Load Balancer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Elbv2LoadBalancer {
    /// Common metadata.
    pub meta: ResourceMeta,
    /// `application`, `network` or `gateway`.
    pub load_balancer_type: String,
    /// `internet-facing` or `internal`.
    #[serde(default)]
    pub scheme: String,
    /// Availability Zones.
    #[serde(default)]
    pub availability_zones: Vec<String>,
    /// Listeners.
    #[serde(default)]
    pub listeners: Vec<Listener>,
    /// Deletion protection is on.
    #[serde(default)]
    pub deletion_protection_enabled: bool,
    /// Access logs go to S3.
    #[serde(default)]
    pub access_logs_enabled: bool,
    /// Invalid HTTP header fields are dropped (ALB).
    #[serde(default)]
    pub drop_invalid_header_fields: bool,
    /// Desync mitigation mode (ALB).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub desync_mitigation_mode: Option<String>,
}
