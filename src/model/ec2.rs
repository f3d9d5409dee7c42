//! EC2 and VPC: security groups, network ACLs, VPCs, flow logs, instances, EBS volumes,
//! snapshots, AMIs and the regional EBS encryption default.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::ResourceMeta;
use super::time::Timestamp;

/// One security group permission (ingress or egress), as EC2 returns it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct SecurityGroupPermission {
    /// `tcp`, `udp`, `icmp`, `icmpv6`, a protocol number, or `-1` for all traffic.
    pub protocol: String,
    /// First port (TCP/UDP) or ICMP type; `None` for all traffic.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from_port: Option<i32>,
    /// Last port (TCP/UDP) or ICMP code; `None` for all traffic.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to_port: Option<i32>,
    /// IPv4 CIDR sources (ingress) or destinations (egress).
    pub ipv4_ranges: Vec<String>,
    /// IPv6 CIDR sources or destinations.
    pub ipv6_ranges: Vec<String>,
    /// Managed prefix list ids.
    pub prefix_list_ids: Vec<String>,
    /// Referenced security group ids.
    pub referenced_group_ids: Vec<String>,
}

/// A port range reachable from the whole internet (derived).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WorldOpenRange {
    /// `tcp`, `udp`, `icmp`..., or `-1` for all protocols.
    pub protocol: String,
    /// First port (0 when all ports).
    pub from_port: i32,
    /// Last port (65535 when all ports).
    pub to_port: i32,
    /// `0.0.0.0/0` or `::/0`.
    pub cidr: String,
    /// 4 or 6.
    pub ip_version: u8,
}

/// A VPC security group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Ec2SecurityGroup {
    /// Common metadata (`arn:aws:ec2:<region>:<account>:security-group/<id>`).
    pub meta: ResourceMeta,
    /// Group id (`sg-...`).
    pub group_id: String,
    /// Group name (`default` for a VPC's default group).
    pub group_name: String,
    /// Description.
    #[serde(default)]
    pub description: String,
    /// VPC id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vpc_id: Option<String>,
    /// Inbound permissions.
    #[serde(default)]
    pub ingress: Vec<SecurityGroupPermission>,
    /// Outbound permissions.
    #[serde(default)]
    pub egress: Vec<SecurityGroupPermission>,
    /// Number of network interfaces using the group, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attached_interface_count: Option<u32>,
    /// Facts computed by stance.
    #[serde(default)]
    pub derived: SecurityGroupDerived,
}

/// Facts derived for a security group.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct SecurityGroupDerived {
    /// The VPC's default security group.
    pub is_default: bool,
    /// Inbound port ranges open to `0.0.0.0/0` or `::/0`.
    pub world_open_ingress: Vec<WorldOpenRange>,
    /// Remote administration ports (22, 3389) open to `0.0.0.0/0`, sorted.
    pub admin_ports_open_ipv4: Vec<u16>,
    /// Remote administration ports (22, 3389) open to `::/0`, sorted.
    pub admin_ports_open_ipv6: Vec<u16>,
    /// Number of inbound plus outbound permissions.
    pub rule_count: u32,
}

/// One network ACL entry.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct NetworkAclEntry {
    /// Rule number; lower numbers are evaluated first.
    pub rule_number: i32,
    /// Protocol number as a string (`6` TCP, `17` UDP) or `-1` for all.
    pub protocol: String,
    /// `allow` or `deny`.
    pub rule_action: String,
    /// The entry applies to outbound traffic.
    pub egress: bool,
    /// IPv4 CIDR.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cidr_block: Option<String>,
    /// IPv6 CIDR.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ipv6_cidr_block: Option<String>,
    /// First port (TCP/UDP); `None` means all ports.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from_port: Option<i32>,
    /// Last port (TCP/UDP).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to_port: Option<i32>,
}

/// A VPC network ACL.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Ec2NetworkAcl {
    /// Common metadata.
    pub meta: ResourceMeta,
    /// NACL id.
    pub network_acl_id: String,
    /// VPC id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vpc_id: Option<String>,
    /// The VPC's default NACL.
    #[serde(default)]
    pub is_default: bool,
    /// Entries.
    #[serde(default)]
    pub entries: Vec<NetworkAclEntry>,
    /// Ids of associated subnets.
    #[serde(default)]
    pub associated_subnet_ids: Vec<String>,
    /// Facts computed by stance.
    #[serde(default)]
    pub derived: NetworkAclDerived,
}

/// Facts derived for a network ACL.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct NetworkAclDerived {
    /// Remote administration ports (22, 3389) that inbound traffic from `0.0.0.0/0` or `::/0`
    /// reaches, honouring rule order (the first matching entry decides), sorted.
    pub admin_ports_open_to_world: Vec<u16>,
}

/// A VPC.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Ec2Vpc {
    /// Common metadata.
    pub meta: ResourceMeta,
    /// VPC id.
    pub vpc_id: String,
    /// Primary IPv4 CIDR.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cidr_block: Option<String>,
    /// The region's default VPC.
    #[serde(default)]
    pub is_default: bool,
    /// `available` or `pending`.
    #[serde(default)]
    pub state: String,
    /// Facts computed by stance.
    #[serde(default)]
    pub derived: VpcDerived,
}

/// Facts derived for a VPC.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct VpcDerived {
    /// An active flow log captures the VPC's traffic.
    pub flow_logs_enabled: bool,
    /// Traffic types of the VPC's active flow logs (`ACCEPT`, `REJECT`, `ALL`), sorted.
    pub flow_log_traffic_types: Vec<String>,
}

/// A VPC flow log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Ec2FlowLog {
    /// Common metadata.
    pub meta: ResourceMeta,
    /// Flow log id.
    pub flow_log_id: String,
    /// The VPC, subnet or ENI the flow log watches.
    pub resource_id: String,
    /// `ACCEPT`, `REJECT` or `ALL`.
    pub traffic_type: String,
    /// `ACTIVE` when the flow log is running.
    #[serde(default)]
    pub status: String,
    /// `cloud-watch-logs`, `s3` or `kinesis-data-firehose`.
    #[serde(default)]
    pub log_destination_type: String,
}

/// Instance Metadata Service options.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct MetadataOptions {
    /// `required` (IMDSv2 only) or `optional`.
    pub http_tokens: String,
    /// `enabled` or `disabled`.
    pub http_endpoint: String,
    /// PUT response hop limit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub http_put_response_hop_limit: Option<i32>,
}

/// An EC2 instance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Ec2Instance {
    /// Common metadata.
    pub meta: ResourceMeta,
    /// Instance id.
    pub instance_id: String,
    /// `running`, `stopped`, `terminated`...
    #[serde(default)]
    pub state: String,
    /// Instance type.
    #[serde(default)]
    pub instance_type: String,
    /// AMI id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image_id: Option<String>,
    /// Launch time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub launch_time: Option<Timestamp>,
    /// IMDS options.
    #[serde(default)]
    pub metadata_options: MetadataOptions,
    /// Public IPv4 address, when one is assigned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public_ip_address: Option<String>,
    /// ARN of the attached instance profile.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iam_instance_profile_arn: Option<String>,
    /// VPC id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vpc_id: Option<String>,
    /// Subnet id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subnet_id: Option<String>,
    /// Security group ids.
    #[serde(default)]
    pub security_group_ids: Vec<String>,
    /// Number of attached network interfaces.
    #[serde(default)]
    pub network_interface_count: u32,
    /// `hvm` or `paravirtual`.
    #[serde(default)]
    pub virtualization_type: String,
    /// When a stopped instance stopped (from its state transition).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stopped_since: Option<Timestamp>,
    /// Facts computed by stance.
    #[serde(default)]
    pub derived: InstanceDerived,
}

/// Facts derived for an instance.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct InstanceDerived {
    /// IMDSv2 is required, or the metadata endpoint is disabled altogether.
    pub imdsv2_required: bool,
    /// Days a stopped instance has been stopped.
    pub days_stopped: Option<i64>,
}

/// An EBS volume.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Ec2Volume {
    /// Common metadata.
    pub meta: ResourceMeta,
    /// Volume id.
    pub volume_id: String,
    /// The volume is encrypted.
    pub encrypted: bool,
    /// KMS key of an encrypted volume.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kms_key_id: Option<String>,
    /// Size in GiB.
    #[serde(default)]
    pub size_gib: i32,
    /// `in-use`, `available`...
    #[serde(default)]
    pub state: String,
    /// Instances the volume is attached to.
    #[serde(default)]
    pub attached_instance_ids: Vec<String>,
}

/// An EBS snapshot owned by the account.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Ec2Snapshot {
    /// Common metadata.
    pub meta: ResourceMeta,
    /// Snapshot id.
    pub snapshot_id: String,
    /// The snapshot is encrypted.
    pub encrypted: bool,
    /// Source volume id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub volume_id: Option<String>,
    /// createVolumePermission grants the group `all`: anyone can restore it.
    #[serde(default)]
    pub public: bool,
    /// Accounts the snapshot is shared with.
    #[serde(default)]
    pub shared_with_accounts: Vec<String>,
}

/// An AMI owned by the account.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Ec2Image {
    /// Common metadata.
    pub meta: ResourceMeta,
    /// Image id.
    pub image_id: String,
    /// The launch permission is public.
    #[serde(default)]
    pub public: bool,
    /// Its EBS snapshots are all encrypted.
    #[serde(default)]
    pub encrypted: bool,
}

/// The EBS encryption-by-default setting of one region.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Ec2EbsEncryptionDefault {
    /// Common metadata (pseudo-id `arn:aws:ec2:<region>:<account>:ebs-encryption-by-default`).
    pub meta: ResourceMeta,
    /// New volumes are encrypted by default.
    pub enabled: bool,
    /// The default KMS key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kms_key_id: Option<String>,
}

/// A VPC subnet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Ec2Subnet {
    /// Common metadata.
    pub meta: ResourceMeta,
    /// Subnet id.
    pub subnet_id: String,
    /// VPC id.
    #[serde(default)]
    pub vpc_id: String,
    /// Availability Zone.
    #[serde(default)]
    pub availability_zone: String,
    /// Instances launched here get a public IPv4 address.
    #[serde(default)]
    pub map_public_ip_on_launch: bool,
    /// Facts computed by stance.
    #[serde(default)]
    pub derived: SubnetDerived,
}

/// Facts derived for a subnet.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct SubnetDerived {
    /// The subnet's route table sends 0.0.0.0/0 or ::/0 to an internet gateway.
    pub routes_to_internet_gateway: bool,
}

/// One route of a route table.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct Route {
    /// IPv4 destination.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub destination_cidr_block: Option<String>,
    /// IPv6 destination.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub destination_ipv6_cidr_block: Option<String>,
    /// Gateway id (`igw-...`, `local`, `vgw-...`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gateway_id: Option<String>,
    /// VPC peering connection id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vpc_peering_connection_id: Option<String>,
}

/// A route table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Ec2RouteTable {
    /// Common metadata.
    pub meta: ResourceMeta,
    /// Route table id.
    pub route_table_id: String,
    /// VPC id.
    #[serde(default)]
    pub vpc_id: String,
    /// The VPC's main route table (applies to subnets without an explicit association).
    #[serde(default)]
    pub main: bool,
    /// Explicitly associated subnets.
    #[serde(default)]
    pub associated_subnet_ids: Vec<String>,
    /// Routes.
    #[serde(default)]
    pub routes: Vec<Route>,
}

/// A VPC endpoint.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Ec2VpcEndpoint {
    /// Common metadata.
    pub meta: ResourceMeta,
    /// VPC id.
    pub vpc_id: String,
    /// Service name (`com.amazonaws.us-east-1.ssm`).
    pub service_name: String,
    /// `Interface`, `Gateway` or `GatewayLoadBalancer`.
    #[serde(default)]
    pub vpc_endpoint_type: String,
    /// `available`, `pending`...
    #[serde(default)]
    pub state: String,
}

/// A network interface.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Ec2NetworkInterface {
    /// Common metadata.
    pub meta: ResourceMeta,
    /// Interface type (`interface`, `nat_gateway`, `lambda`...).
    #[serde(default)]
    pub interface_type: String,
    /// Managed by an AWS service rather than the user.
    #[serde(default)]
    pub requester_managed: bool,
    /// Source/destination checking is on.
    #[serde(default)]
    pub source_dest_check: bool,
    /// Attached instance, when any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attached_instance_id: Option<String>,
}

/// A launch template (its default version).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Ec2LaunchTemplate {
    /// Common metadata.
    pub meta: ResourceMeta,
    /// Default version number.
    #[serde(default)]
    pub default_version: i64,
    /// IMDS `HttpTokens` of the template, when set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata_http_tokens: Option<String>,
    /// A network interface of the template assigns a public IP.
    #[serde(default)]
    pub associates_public_ip: bool,
    /// Every EBS block device of the template is encrypted (true when there are none).
    #[serde(default)]
    pub all_ebs_encrypted: bool,
}

/// A transit gateway.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Ec2TransitGateway {
    /// Common metadata.
    pub meta: ResourceMeta,
    /// VPC attachment requests are accepted automatically.
    #[serde(default)]
    pub auto_accept_shared_attachments: bool,
}

/// One tunnel of a Site-to-Site VPN connection.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct VpnTunnel {
    /// Outside IP address.
    pub outside_ip_address: String,
    /// `UP` or `DOWN`.
    pub status: String,
    /// Tunnel activity logs go to CloudWatch Logs.
    pub logging_enabled: bool,
}

/// A Site-to-Site VPN connection.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Ec2VpnConnection {
    /// Common metadata.
    pub meta: ResourceMeta,
    /// `available`, `deleted`...
    #[serde(default)]
    pub state: String,
    /// Tunnels.
    #[serde(default)]
    pub tunnels: Vec<VpnTunnel>,
}

/// A Client VPN endpoint.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Ec2ClientVpnEndpoint {
    /// Common metadata.
    pub meta: ResourceMeta,
    /// Client connection logging is enabled.
    #[serde(default)]
    pub connection_logging_enabled: bool,
}

/// VPC Block Public Access options of a region.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Ec2VpcBlockPublicAccess {
    /// Common metadata.
    pub meta: ResourceMeta,
    /// `off`, `block-bidirectional` or `block-ingress`.
    pub internet_gateway_block_mode: String,
}
