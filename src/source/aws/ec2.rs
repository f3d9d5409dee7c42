//! EC2 and VPC (regional): security groups, network ACLs, VPCs, flow logs, subnets, route
//! tables, VPC endpoints, network interfaces, instances, EBS volumes, snapshots, AMIs, launch
//! templates, transit gateways, VPN connections, Client VPN endpoints, and the regional EBS
//! encryption default and VPC Block Public Access settings.

use std::pin::Pin;

use aws_sdk_ec2::types::{IpPermission, Tag};

use super::{Collector, Ctx, Scope, Sink, errors};
use crate::model::ec2::*;
use crate::model::time::Timestamp;
use crate::model::{Resource, ResourceMeta};

const TYPES: &[&str] = &[
    "ec2_security_group",
    "ec2_network_acl",
    "ec2_vpc",
    "ec2_flow_log",
    "ec2_instance",
    "ec2_volume",
    "ec2_snapshot",
    "ec2_image",
    "ec2_ebs_encryption_default",
    "ec2_subnet",
    "ec2_route_table",
    "ec2_vpc_endpoint",
    "ec2_network_interface",
    "ec2_launch_template",
    "ec2_transit_gateway",
    "ec2_vpn_connection",
    "ec2_client_vpn_endpoint",
    "ec2_vpc_block_public_access",
];

pub(super) fn collector() -> Collector {
    Collector {
        service: "ec2",
        scope: Scope::Regional,
        types: TYPES,
        collect: |ctx| {
            Box::pin(collect(ctx)) as Pin<Box<dyn std::future::Future<Output = Sink> + Send + '_>>
        },
    }
}

fn tags(list: &[Tag]) -> std::collections::BTreeMap<String, String> {
    list.iter()
        .filter_map(|t| Some((t.key()?.to_string(), t.value().unwrap_or("").to_string())))
        .collect()
}

fn name_tag(list: &[Tag]) -> Option<String> {
    list.iter()
        .find(|t| t.key() == Some("Name"))
        .and_then(|t| t.value())
        .map(str::to_string)
}

fn meta(ctx: &Ctx, kind: &str, id: &str, tag_list: &[Tag]) -> ResourceMeta {
    let arn = ctx.arn("ec2", &format!("{kind}/{id}"));
    let mut m = ResourceMeta::new(&arn, &ctx.account_id, &ctx.region, &ctx.partition)
        .with_arn(&arn)
        .with_tags(tags(tag_list));
    m.name = name_tag(tag_list);
    m
}

fn permissions(list: &[IpPermission]) -> Vec<SecurityGroupPermission> {
    list.iter()
        .map(|p| SecurityGroupPermission {
            protocol: p.ip_protocol().unwrap_or("-1").to_string(),
            from_port: p.from_port(),
            to_port: p.to_port(),
            ipv4_ranges: p
                .ip_ranges()
                .iter()
                .filter_map(|r| r.cidr_ip().map(str::to_string))
                .collect(),
            ipv6_ranges: p
                .ipv6_ranges()
                .iter()
                .filter_map(|r| r.cidr_ipv6().map(str::to_string))
                .collect(),
            prefix_list_ids: p
                .prefix_list_ids()
                .iter()
                .filter_map(|r| r.prefix_list_id().map(str::to_string))
                .collect(),
            referenced_group_ids: p
                .user_id_group_pairs()
                .iter()
                .filter_map(|r| r.group_id().map(str::to_string))
                .collect(),
        })
        .collect()
}

/// Pages through a paginated EC2 call; on failure records a gap and stops.
macro_rules! pages {
    ($sink:expr, $ctx:expr, $op:literal, $types:expr, $paginator:expr, |$page:ident| $body:block) => {{
        let mut stream = $paginator.send();
        while let Some(result) = stream.next().await {
            match result {
                Ok($page) => $body,
                Err(e) => {
                    let info = errors::describe(&e);
                    $sink.gap($ctx, "ec2", $op, &info, $types, None);
                    break;
                }
            }
        }
    }};
}

/// Parses the date out of a stop reason: `User initiated (2026-01-02 10:11:12 GMT)`.
pub(crate) fn stopped_since(reason: Option<&str>) -> Option<Timestamp> {
    let inner = reason?.split('(').nth(1)?.split(')').next()?;
    let mut parts = inner.split_whitespace();
    let (date, time) = (parts.next()?, parts.next()?);
    Timestamp::parse(&format!("{date}T{time}Z")).ok()
}

async fn collect(ctx: &Ctx) -> Sink {
    let mut sink = Sink::default();
    let sink_ref = &mut sink;
    let ec2 = ctx.clients.ec2(&ctx.region);

    pages!(
        sink_ref,
        ctx,
        "DescribeSecurityGroups",
        &["ec2_security_group"],
        ec2.describe_security_groups().into_paginator(),
        |page| {
            for g in page.security_groups() {
                let id = g.group_id().unwrap_or_default();
                let mut m = meta(ctx, "security-group", id, g.tags());
                m.name = g.group_name().map(str::to_string);
                sink_ref
                    .resources
                    .push(Resource::Ec2SecurityGroup(Ec2SecurityGroup {
                        meta: m,
                        group_id: id.to_string(),
                        group_name: g.group_name().unwrap_or_default().to_string(),
                        description: g.description().unwrap_or_default().to_string(),
                        vpc_id: g.vpc_id().map(str::to_string),
                        ingress: permissions(g.ip_permissions()),
                        egress: permissions(g.ip_permissions_egress()),
                        attached_interface_count: None,
                        derived: Default::default(),
                    }));
            }
        }
    );

    pages!(
        sink_ref,
        ctx,
        "DescribeNetworkAcls",
        &["ec2_network_acl"],
        ec2.describe_network_acls().into_paginator(),
        |page| {
            for acl in page.network_acls() {
                let id = acl.network_acl_id().unwrap_or_default();
                sink_ref
                    .resources
                    .push(Resource::Ec2NetworkAcl(Ec2NetworkAcl {
                        meta: meta(ctx, "network-acl", id, acl.tags()),
                        network_acl_id: id.to_string(),
                        vpc_id: acl.vpc_id().map(str::to_string),
                        is_default: acl.is_default().unwrap_or(false),
                        entries: acl
                            .entries()
                            .iter()
                            .map(|e| NetworkAclEntry {
                                rule_number: e.rule_number().unwrap_or(0),
                                protocol: e.protocol().unwrap_or("-1").to_string(),
                                rule_action: e
                                    .rule_action()
                                    .map(|a| a.as_str().to_string())
                                    .unwrap_or_default(),
                                egress: e.egress().unwrap_or(false),
                                cidr_block: e.cidr_block().map(str::to_string),
                                ipv6_cidr_block: e.ipv6_cidr_block().map(str::to_string),
                                from_port: e.port_range().and_then(|p| p.from()),
                                to_port: e.port_range().and_then(|p| p.to()),
                            })
                            .collect(),
                        associated_subnet_ids: acl
                            .associations()
                            .iter()
                            .filter_map(|a| a.subnet_id().map(str::to_string))
                            .collect(),
                        derived: Default::default(),
                    }));
            }
        }
    );

    pages!(
        sink_ref,
        ctx,
        "DescribeVpcs",
        &["ec2_vpc"],
        ec2.describe_vpcs().into_paginator(),
        |page| {
            for v in page.vpcs() {
                let id = v.vpc_id().unwrap_or_default();
                sink_ref.resources.push(Resource::Ec2Vpc(Ec2Vpc {
                    meta: meta(ctx, "vpc", id, v.tags()),
                    vpc_id: id.to_string(),
                    cidr_block: v.cidr_block().map(str::to_string),
                    is_default: v.is_default().unwrap_or(false),
                    state: v
                        .state()
                        .map(|s| s.as_str().to_string())
                        .unwrap_or_default(),
                    derived: Default::default(),
                }));
            }
        }
    );

    pages!(
        sink_ref,
        ctx,
        "DescribeFlowLogs",
        &["ec2_flow_log", "ec2_vpc"],
        ec2.describe_flow_logs().into_paginator(),
        |page| {
            for f in page.flow_logs() {
                let id = f.flow_log_id().unwrap_or_default();
                sink_ref.resources.push(Resource::Ec2FlowLog(Ec2FlowLog {
                    meta: meta(ctx, "vpc-flow-log", id, f.tags()),
                    flow_log_id: id.to_string(),
                    resource_id: f.resource_id().unwrap_or_default().to_string(),
                    traffic_type: f
                        .traffic_type()
                        .map(|t| t.as_str().to_string())
                        .unwrap_or_default(),
                    status: f.flow_log_status().unwrap_or_default().to_string(),
                    log_destination_type: f
                        .log_destination_type()
                        .map(|t| t.as_str().to_string())
                        .unwrap_or_default(),
                }));
            }
        }
    );

    pages!(
        sink_ref,
        ctx,
        "DescribeSubnets",
        &["ec2_subnet"],
        ec2.describe_subnets().into_paginator(),
        |page| {
            for s in page.subnets() {
                let id = s.subnet_id().unwrap_or_default();
                sink_ref.resources.push(Resource::Ec2Subnet(Ec2Subnet {
                    meta: meta(ctx, "subnet", id, s.tags()),
                    subnet_id: id.to_string(),
                    vpc_id: s.vpc_id().unwrap_or_default().to_string(),
                    availability_zone: s.availability_zone().unwrap_or_default().to_string(),
                    map_public_ip_on_launch: s.map_public_ip_on_launch().unwrap_or(false),
                    derived: Default::default(),
                }));
            }
        }
    );

    pages!(
        sink_ref,
        ctx,
        "DescribeRouteTables",
        &["ec2_route_table", "ec2_subnet"],
        ec2.describe_route_tables().into_paginator(),
        |page| {
            for t in page.route_tables() {
                let id = t.route_table_id().unwrap_or_default();
                sink_ref
                    .resources
                    .push(Resource::Ec2RouteTable(Ec2RouteTable {
                        meta: meta(ctx, "route-table", id, t.tags()),
                        route_table_id: id.to_string(),
                        vpc_id: t.vpc_id().unwrap_or_default().to_string(),
                        main: t.associations().iter().any(|a| a.main().unwrap_or(false)),
                        associated_subnet_ids: t
                            .associations()
                            .iter()
                            .filter_map(|a| a.subnet_id().map(str::to_string))
                            .collect(),
                        routes: t
                            .routes()
                            .iter()
                            .map(|r| Route {
                                destination_cidr_block: r
                                    .destination_cidr_block()
                                    .map(str::to_string),
                                destination_ipv6_cidr_block: r
                                    .destination_ipv6_cidr_block()
                                    .map(str::to_string),
                                gateway_id: r.gateway_id().map(str::to_string),
                                vpc_peering_connection_id: r
                                    .vpc_peering_connection_id()
                                    .map(str::to_string),
                            })
                            .collect(),
                    }));
            }
        }
    );

    pages!(
        sink_ref,
        ctx,
        "DescribeVpcEndpoints",
        &["ec2_vpc_endpoint"],
        ec2.describe_vpc_endpoints().into_paginator(),
        |page| {
            for e in page.vpc_endpoints() {
                let id = e.vpc_endpoint_id().unwrap_or_default();
                sink_ref
                    .resources
                    .push(Resource::Ec2VpcEndpoint(Ec2VpcEndpoint {
                        meta: meta(ctx, "vpc-endpoint", id, e.tags()),
                        vpc_id: e.vpc_id().unwrap_or_default().to_string(),
                        service_name: e.service_name().unwrap_or_default().to_string(),
                        vpc_endpoint_type: e
                            .vpc_endpoint_type()
                            .map(|t| t.as_str().to_string())
                            .unwrap_or_default(),
                        state: e
                            .state()
                            .map(|s| s.as_str().to_lowercase())
                            .unwrap_or_default(),
                    }));
            }
        }
    );

    let mut sg_use: std::collections::HashMap<String, u32> = std::collections::HashMap::new();
    pages!(
        sink_ref,
        ctx,
        "DescribeNetworkInterfaces",
        &["ec2_network_interface"],
        ec2.describe_network_interfaces().into_paginator(),
        |page| {
            for n in page.network_interfaces() {
                for g in n.groups() {
                    if let Some(id) = g.group_id() {
                        *sg_use.entry(id.to_string()).or_default() += 1;
                    }
                }
                let id = n.network_interface_id().unwrap_or_default();
                sink_ref
                    .resources
                    .push(Resource::Ec2NetworkInterface(Ec2NetworkInterface {
                        meta: meta(ctx, "network-interface", id, n.tag_set()),
                        interface_type: n
                            .interface_type()
                            .map(|t| t.as_str().to_string())
                            .unwrap_or_default(),
                        requester_managed: n.requester_managed().unwrap_or(false),
                        source_dest_check: n.source_dest_check().unwrap_or(true),
                        attached_instance_id: n
                            .attachment()
                            .and_then(|a| a.instance_id())
                            .map(str::to_string),
                    }));
            }
        }
    );

    pages!(
        sink_ref,
        ctx,
        "DescribeInstances",
        &["ec2_instance"],
        ec2.describe_instances().into_paginator(),
        |page| {
            for r in page.reservations() {
                for i in r.instances() {
                    let id = i.instance_id().unwrap_or_default();
                    let state = i
                        .state()
                        .and_then(|s| s.name())
                        .map(|n| n.as_str().to_string())
                        .unwrap_or_default();
                    let m = i.metadata_options();
                    sink_ref.resources.push(Resource::Ec2Instance(Ec2Instance {
                        meta: meta(ctx, "instance", id, i.tags()),
                        instance_id: id.to_string(),
                        state: state.clone(),
                        instance_type: i
                            .instance_type()
                            .map(|t| t.as_str().to_string())
                            .unwrap_or_default(),
                        image_id: i.image_id().map(str::to_string),
                        launch_time: i.launch_time().map(|t| Timestamp::from_unix(t.secs())),
                        metadata_options: MetadataOptions {
                            http_tokens: m
                                .and_then(|m| m.http_tokens())
                                .map(|t| t.as_str().to_string())
                                .unwrap_or_else(|| "optional".into()),
                            http_endpoint: m
                                .and_then(|m| m.http_endpoint())
                                .map(|t| t.as_str().to_string())
                                .unwrap_or_else(|| "enabled".into()),
                            http_put_response_hop_limit: m
                                .and_then(|m| m.http_put_response_hop_limit()),
                        },
                        public_ip_address: i.public_ip_address().map(str::to_string),
                        iam_instance_profile_arn: i
                            .iam_instance_profile()
                            .and_then(|p| p.arn())
                            .map(str::to_string),
                        vpc_id: i.vpc_id().map(str::to_string),
                        subnet_id: i.subnet_id().map(str::to_string),
                        security_group_ids: i
                            .security_groups()
                            .iter()
                            .filter_map(|g| g.group_id().map(str::to_string))
                            .collect(),
                        network_interface_count: i.network_interfaces().len() as u32,
                        virtualization_type: i
                            .virtualization_type()
                            .map(|v| v.as_str().to_string())
                            .unwrap_or_default(),
                        stopped_since: if state == "stopped" {
                            stopped_since(i.state_transition_reason())
                        } else {
                            None
                        },
                        derived: Default::default(),
                    }));
                }
            }
        }
    );

    pages!(
        sink_ref,
        ctx,
        "DescribeVolumes",
        &["ec2_volume"],
        ec2.describe_volumes().into_paginator(),
        |page| {
            for v in page.volumes() {
                let id = v.volume_id().unwrap_or_default();
                sink_ref.resources.push(Resource::Ec2Volume(Ec2Volume {
                    meta: meta(ctx, "volume", id, v.tags()),
                    volume_id: id.to_string(),
                    encrypted: v.encrypted().unwrap_or(false),
                    kms_key_id: v.kms_key_id().map(str::to_string),
                    size_gib: v.size().unwrap_or(0),
                    state: v
                        .state()
                        .map(|s| s.as_str().to_string())
                        .unwrap_or_default(),
                    attached_instance_ids: v
                        .attachments()
                        .iter()
                        .filter_map(|a| a.instance_id().map(str::to_string))
                        .collect(),
                }));
            }
        }
    );

    // Snapshots owned by the account. Public candidates come from one call filtered by
    // "restorable by all" (cheap on AWS, where few match); each candidate is confirmed with its
    // createVolumePermission attribute, so an endpoint that ignores the filter cannot turn every
    // snapshot public.
    let mut candidates = std::collections::HashSet::new();
    pages!(
        sink_ref,
        ctx,
        "DescribeSnapshots",
        &["ec2_snapshot"],
        ec2.describe_snapshots()
            .owner_ids("self")
            .restorable_by_user_ids("all")
            .into_paginator(),
        |page| {
            for s in page.snapshots() {
                if let Some(id) = s.snapshot_id() {
                    candidates.insert(id.to_string());
                }
            }
        }
    );
    let mut public_snapshots = std::collections::HashSet::new();
    for id in &candidates {
        match ec2
            .describe_snapshot_attribute()
            .snapshot_id(id)
            .attribute(aws_sdk_ec2::types::SnapshotAttributeName::CreateVolumePermission)
            .send()
            .await
        {
            Ok(a) => {
                if a.create_volume_permissions()
                    .iter()
                    .any(|p| p.group().is_some_and(|g| g.as_str() == "all"))
                {
                    public_snapshots.insert(id.clone());
                }
            }
            Err(e) => {
                let arn = format!("arn:{}:ec2:{}::snapshot/{id}", ctx.partition, ctx.region);
                sink_ref.gap(
                    ctx,
                    "ec2",
                    "DescribeSnapshotAttribute",
                    &errors::describe(&e),
                    &["ec2_snapshot"],
                    Some(&arn),
                );
            }
        }
    }
    if !sink_ref
        .gaps
        .iter()
        .any(|g| g.operation == "DescribeSnapshots")
    {
        pages!(
            sink_ref,
            ctx,
            "DescribeSnapshots",
            &["ec2_snapshot"],
            ec2.describe_snapshots().owner_ids("self").into_paginator(),
            |page| {
                for s in page.snapshots() {
                    let id = s.snapshot_id().unwrap_or_default();
                    let arn = format!("arn:{}:ec2:{}::snapshot/{id}", ctx.partition, ctx.region);
                    let mut m = meta(ctx, "snapshot", id, s.tags());
                    m.id = arn.clone();
                    m.arn = Some(arn);
                    sink_ref.resources.push(Resource::Ec2Snapshot(Ec2Snapshot {
                        meta: m,
                        snapshot_id: id.to_string(),
                        encrypted: s.encrypted().unwrap_or(false),
                        volume_id: s.volume_id().map(str::to_string),
                        public: public_snapshots.contains(id),
                        shared_with_accounts: Vec::new(),
                    }));
                }
            }
        );
    }

    match ec2.describe_images().owners("self").send().await {
        Ok(out) => {
            for img in out.images() {
                let id = img.image_id().unwrap_or_default();
                let arn = format!("arn:{}:ec2:{}::image/{id}", ctx.partition, ctx.region);
                let mut m = meta(ctx, "image", id, img.tags());
                m.id = arn.clone();
                m.arn = Some(arn);
                m.name = img.name().map(str::to_string).or(m.name);
                sink_ref.resources.push(Resource::Ec2Image(Ec2Image {
                    meta: m,
                    image_id: id.to_string(),
                    public: img.public().unwrap_or(false),
                    encrypted: img
                        .block_device_mappings()
                        .iter()
                        .filter_map(|b| b.ebs())
                        .all(|e| e.encrypted().unwrap_or(false)),
                }));
            }
        }
        Err(e) => {
            let info = errors::describe(&e);
            sink_ref.gap(ctx, "ec2", "DescribeImages", &info, &["ec2_image"], None);
        }
    }

    let ebs_id = ctx.arn("ec2", "ebs-encryption-by-default");
    match ec2.get_ebs_encryption_by_default().send().await {
        Ok(out) => {
            // The key id is shown in reports only; no check reads it.
            let kms_key_id = match ec2.get_ebs_default_kms_key_id().send().await {
                Ok(k) => k.kms_key_id().map(str::to_string),
                Err(_) => None,
            };
            sink_ref
                .resources
                .push(Resource::Ec2EbsEncryptionDefault(Ec2EbsEncryptionDefault {
                    meta: ResourceMeta::new(&ebs_id, &ctx.account_id, &ctx.region, &ctx.partition),
                    enabled: out.ebs_encryption_by_default().unwrap_or(false),
                    kms_key_id,
                }));
        }
        Err(e) => {
            let info = errors::describe(&e);
            sink_ref.gap(
                ctx,
                "ec2",
                "GetEbsEncryptionByDefault",
                &info,
                &["ec2_ebs_encryption_default"],
                None,
            );
        }
    }

    // Launch templates: the default version's data needs one call per template.
    let mut templates = Vec::new();
    pages!(
        sink_ref,
        ctx,
        "DescribeLaunchTemplates",
        &["ec2_launch_template"],
        ec2.describe_launch_templates().into_paginator(),
        |page| {
            templates.extend(page.launch_templates().iter().cloned());
        }
    );
    for t in templates {
        let id = t.launch_template_id().unwrap_or_default().to_string();
        let arn = ctx.arn("ec2", &format!("launch-template/{id}"));
        let versions = ec2
            .describe_launch_template_versions()
            .launch_template_id(&id)
            .versions("$Default")
            .send()
            .await;
        match versions {
            Ok(out) => {
                let data = out
                    .launch_template_versions()
                    .first()
                    .and_then(|v| v.launch_template_data());
                let mut m = meta(ctx, "launch-template", &id, t.tags());
                m.name = t.launch_template_name().map(str::to_string);
                sink_ref
                    .resources
                    .push(Resource::Ec2LaunchTemplate(Ec2LaunchTemplate {
                        meta: m,
                        default_version: t.default_version_number().unwrap_or(1),
                        metadata_http_tokens: data
                            .and_then(|d| d.metadata_options())
                            .and_then(|m| m.http_tokens())
                            .map(|h| h.as_str().to_string()),
                        associates_public_ip: data.is_some_and(|d| {
                            d.network_interfaces()
                                .iter()
                                .any(|n| n.associate_public_ip_address().unwrap_or(false))
                        }),
                        all_ebs_encrypted: data.is_none_or(|d| {
                            d.block_device_mappings()
                                .iter()
                                .filter_map(|b| b.ebs())
                                .all(|e| e.encrypted().unwrap_or(false))
                        }),
                    }));
            }
            Err(e) => {
                let info = errors::describe(&e);
                sink_ref.gap(
                    ctx,
                    "ec2",
                    "DescribeLaunchTemplateVersions",
                    &info,
                    &["ec2_launch_template"],
                    Some(&arn),
                );
            }
        }
    }

    pages!(
        sink_ref,
        ctx,
        "DescribeTransitGateways",
        &["ec2_transit_gateway"],
        ec2.describe_transit_gateways().into_paginator(),
        |page| {
            for t in page.transit_gateways() {
                let id = t.transit_gateway_id().unwrap_or_default();
                let mut m = meta(ctx, "transit-gateway", id, t.tags());
                if let Some(arn) = t.transit_gateway_arn() {
                    m.id = arn.to_string();
                    m.arn = Some(arn.to_string());
                }
                sink_ref
                    .resources
                    .push(Resource::Ec2TransitGateway(Ec2TransitGateway {
                        meta: m,
                        auto_accept_shared_attachments: t
                            .options()
                            .and_then(|o| o.auto_accept_shared_attachments())
                            .is_some_and(|a| a.as_str() == "enable"),
                    }));
            }
        }
    );

    match ec2.describe_vpn_connections().send().await {
        Ok(out) => {
            for v in out.vpn_connections() {
                let id = v.vpn_connection_id().unwrap_or_default();
                let logging: std::collections::HashMap<String, bool> = v
                    .options()
                    .map(|o| {
                        o.tunnel_options()
                            .iter()
                            .map(|t| {
                                (
                                    t.outside_ip_address().unwrap_or_default().to_string(),
                                    t.log_options()
                                        .and_then(|l| l.cloud_watch_log_options())
                                        .and_then(|c| c.log_enabled())
                                        .unwrap_or(false),
                                )
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                sink_ref
                    .resources
                    .push(Resource::Ec2VpnConnection(Ec2VpnConnection {
                        meta: meta(ctx, "vpn-connection", id, v.tags()),
                        state: v
                            .state()
                            .map(|s| s.as_str().to_string())
                            .unwrap_or_default(),
                        tunnels: v
                            .vgw_telemetry()
                            .iter()
                            .map(|t| {
                                let ip = t.outside_ip_address().unwrap_or_default().to_string();
                                VpnTunnel {
                                    logging_enabled: logging.get(&ip).copied().unwrap_or(false),
                                    status: t
                                        .status()
                                        .map(|s| s.as_str().to_string())
                                        .unwrap_or_default(),
                                    outside_ip_address: ip,
                                }
                            })
                            .collect(),
                    }));
            }
        }
        Err(e) => {
            let info = errors::describe(&e);
            sink_ref.gap(
                ctx,
                "ec2",
                "DescribeVpnConnections",
                &info,
                &["ec2_vpn_connection"],
                None,
            );
        }
    }

    pages!(
        sink_ref,
        ctx,
        "DescribeClientVpnEndpoints",
        &["ec2_client_vpn_endpoint"],
        ec2.describe_client_vpn_endpoints().into_paginator(),
        |page| {
            for c in page.client_vpn_endpoints() {
                let id = c.client_vpn_endpoint_id().unwrap_or_default();
                sink_ref
                    .resources
                    .push(Resource::Ec2ClientVpnEndpoint(Ec2ClientVpnEndpoint {
                        meta: meta(ctx, "client-vpn-endpoint", id, c.tags()),
                        connection_logging_enabled: c
                            .connection_log_options()
                            .and_then(|o| o.enabled())
                            .unwrap_or(false),
                    }));
            }
        }
    );

    let bpa_id = ctx.arn("ec2", "vpc-block-public-access-options");
    match ec2.describe_vpc_block_public_access_options().send().await {
        Ok(out) => {
            let mode = out
                .vpc_block_public_access_options()
                .and_then(|o| o.internet_gateway_block_mode())
                .map(|m| m.as_str().to_string())
                .unwrap_or_else(|| "off".into());
            sink_ref
                .resources
                .push(Resource::Ec2VpcBlockPublicAccess(Ec2VpcBlockPublicAccess {
                    meta: ResourceMeta::new(&bpa_id, &ctx.account_id, &ctx.region, &ctx.partition),
                    internet_gateway_block_mode: mode,
                }));
        }
        Err(e) => {
            let info = errors::describe(&e);
            sink_ref.gap(
                ctx,
                "ec2",
                "DescribeVpcBlockPublicAccessOptions",
                &info,
                &["ec2_vpc_block_public_access"],
                None,
            );
        }
    }

    // How many interfaces use each security group (EC2.22-style "unused group" questions).
    if !sink_ref
        .gaps
        .iter()
        .any(|g| g.operation == "DescribeNetworkInterfaces")
    {
        for r in sink_ref.resources.iter_mut() {
            if let Resource::Ec2SecurityGroup(g) = r {
                g.attached_interface_count = Some(*sg_use.get(&g.group_id).unwrap_or(&0));
            }
        }
    }
    sink
}

#[cfg(test)]
mod tests {
    use super::*;

    use aws_sdk_ec2::Client;
    use aws_sdk_ec2::operation::describe_security_groups::DescribeSecurityGroupsOutput;
    use aws_sdk_ec2::types::{IpRange, SecurityGroup};
    use aws_smithy_mocks::mock;

    use crate::source::aws::canned::{self, REGION};

    fn group(id: &str) -> SecurityGroup {
        SecurityGroup::builder()
            .group_id(id)
            .group_name(format!("name-{id}"))
            .description("canned")
            .vpc_id("vpc-1")
            .ip_permissions(
                IpPermission::builder()
                    .ip_protocol("tcp")
                    .from_port(22)
                    .to_port(22)
                    .ip_ranges(IpRange::builder().cidr_ip("0.0.0.0/0").build())
                    .build(),
            )
            .build()
    }

    fn ids_of(sink: &Sink, type_name: &str) -> Vec<String> {
        let mut ids: Vec<String> = sink
            .resources
            .iter()
            .filter(|r| r.type_name() == type_name)
            .map(|r| {
                r.meta()
                    .id
                    .rsplit('/')
                    .next()
                    .unwrap_or_default()
                    .to_string()
            })
            .collect();
        ids.sort();
        ids
    }

    // Canned: moto ignores pagination for DescribeSecurityGroups and answers everything in one
    // page with no NextToken (moto-notes.md), so it cannot show that each page is read once.
    #[tokio::test]
    async fn security_groups_across_pages_arrive_once_each() {
        let rules = vec![
            mock!(Client::describe_security_groups).then_compute_output(|input| {
                let page = DescribeSecurityGroupsOutput::builder();
                match input.next_token() {
                    None => page
                        .security_groups(group("sg-1"))
                        .security_groups(group("sg-2"))
                        .next_token("sg-page-2"),
                    Some("sg-page-2") => page
                        .security_groups(group("sg-3"))
                        .security_groups(group("sg-4"))
                        .next_token("sg-page-3"),
                    Some("sg-page-3") => page.security_groups(group("sg-5")),
                    Some(other) => panic!("unexpected NextToken {other}"),
                }
                .build()
            }),
        ];
        // The collector's other calls get an error answer; their gaps are not this test's.
        let (clients, counter) = canned::clients_answering_the_rest_with_errors(rules);
        let ctx = canned::ctx(clients, REGION);
        let sink = collect(&ctx).await;
        assert!(
            canned::gaps_of(&sink, "DescribeSecurityGroups").is_empty(),
            "{:?}",
            sink.gaps
        );
        assert_eq!(canned::calls(&counter, "ec2:DescribeSecurityGroups"), 3);
        assert_eq!(
            ids_of(&sink, "ec2_security_group"),
            ["sg-1", "sg-2", "sg-3", "sg-4", "sg-5"]
        );
        // A group from the last page is read in full, not just listed.
        let sg5 = sink
            .resources
            .iter()
            .find_map(|r| match r {
                Resource::Ec2SecurityGroup(g) if g.group_id == "sg-5" => Some(g),
                _ => None,
            })
            .expect("sg-5");
        assert_eq!(sg5.ingress.len(), 1);
        assert_eq!(sg5.ingress[0].from_port, Some(22));
    }

    #[test]
    fn parses_stop_reasons() {
        assert_eq!(
            stopped_since(Some("User initiated (2026-01-02 10:11:12 GMT)")).map(|t| t.to_string()),
            Some("2026-01-02T10:11:12Z".to_string())
        );
        assert_eq!(stopped_since(Some("")), None);
        assert_eq!(stopped_since(None), None);
    }
}
