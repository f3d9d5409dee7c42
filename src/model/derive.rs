//! Computes every resource's `derived` facts from the raw fields, once per inventory.
//!
//! Runs after every source (live collection, snapshot load, IaC adapters), so derived facts are
//! never trusted from a file. Facts that need other resources (account-level Block Public
//! Access for a bucket, flow logs for a VPC, attached managed policies for a user) are joined
//! here through lookups built in a first pass.

use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap};

use super::ec2::{NetworkAclEntry, SecurityGroupPermission, WorldOpenRange};
use super::iam::InlinePolicy;
use super::policy::{analyze_identity_policy, analyze_resource_policy};
use super::s3::PublicAccessBlock;
use super::time::Timestamp;
use super::{Inventory, Resource, filter_pattern};

/// Remote administration ports the CIS networking controls name.
pub const ADMIN_PORTS: [u16; 2] = [22, 3389];

const ALL_USERS_URIS: &[&str] = &[
    "http://acs.amazonaws.com/groups/global/AllUsers",
    "http://acs.amazonaws.com/groups/global/AuthenticatedUsers",
];

const ADMINISTRATOR_ACCESS: &str = ":iam::aws:policy/AdministratorAccess";

/// Cross-resource lookups built before resources are enriched.
#[derive(Default)]
struct Lookups {
    account_public_access_block: HashMap<String, PublicAccessBlock>,
    /// (account, region, watched resource id) → traffic types of active flow logs.
    flow_logs: HashMap<(String, String, String), BTreeSet<String>>,
    /// (account, policy ARN) → the policy grants `*` on `*`.
    full_admin_policies: HashMap<(String, String), bool>,
    /// (account, region, subnet id) → facts about the subnet.
    subnets: HashMap<(String, String, String), SubnetFacts>,
}

#[derive(Default, Clone)]
struct SubnetFacts {
    availability_zone: String,
    map_public_ip_on_launch: bool,
    routes_to_internet_gateway: bool,
}

fn routes_to_igw(table: &super::ec2::Ec2RouteTable) -> bool {
    table.routes.iter().any(|r| {
        let world = r.destination_cidr_block.as_deref() == Some("0.0.0.0/0")
            || r.destination_ipv6_cidr_block.as_deref() == Some("::/0");
        world
            && r.gateway_id
                .as_deref()
                .is_some_and(|g| g.starts_with("igw-"))
    })
}

fn build_lookups(inventory: &Inventory) -> Lookups {
    let mut lookups = Lookups::default();
    for resource in inventory.resources() {
        let meta = resource.meta();
        match resource {
            Resource::S3AccountPublicAccessBlock(pab) => {
                if let Some(config) = pab.configuration {
                    lookups
                        .account_public_access_block
                        .insert(meta.account_id.clone(), config);
                }
            }
            Resource::Ec2FlowLog(flow) if flow.status.is_empty() || flow.status == "ACTIVE" => {
                lookups
                    .flow_logs
                    .entry((
                        meta.account_id.clone(),
                        meta.region.clone(),
                        flow.resource_id.clone(),
                    ))
                    .or_default()
                    .insert(flow.traffic_type.clone());
            }
            Resource::IamPolicy(p) => {
                let admin = analyze_identity_policy(&p.document).allows_full_admin;
                lookups
                    .full_admin_policies
                    .insert((meta.account_id.clone(), meta.id.clone()), admin);
            }
            Resource::Ec2Subnet(subnet) => {
                let facts = lookups
                    .subnets
                    .entry((
                        meta.account_id.clone(),
                        meta.region.clone(),
                        subnet.subnet_id.clone(),
                    ))
                    .or_default();
                facts.availability_zone = subnet.availability_zone.clone();
                facts.map_public_ip_on_launch = subnet.map_public_ip_on_launch;
            }
            _ => {}
        }
    }
    // Route tables: an explicit association wins; otherwise the VPC's main table applies.
    let mut main_igw: HashMap<(String, String, String), bool> = HashMap::new();
    let mut explicit: HashMap<(String, String, String), bool> = HashMap::new();
    for resource in inventory.resources() {
        if let Resource::Ec2RouteTable(table) = resource {
            let meta = &table.meta;
            let igw = routes_to_igw(table);
            if table.main {
                main_igw.insert(
                    (
                        meta.account_id.clone(),
                        meta.region.clone(),
                        table.vpc_id.clone(),
                    ),
                    igw,
                );
            }
            for subnet in &table.associated_subnet_ids {
                explicit.insert(
                    (meta.account_id.clone(), meta.region.clone(), subnet.clone()),
                    igw,
                );
            }
        }
    }
    for resource in inventory.resources() {
        if let Resource::Ec2Subnet(subnet) = resource {
            let meta = &subnet.meta;
            let key = (
                meta.account_id.clone(),
                meta.region.clone(),
                subnet.subnet_id.clone(),
            );
            let vpc_key = (
                meta.account_id.clone(),
                meta.region.clone(),
                subnet.vpc_id.clone(),
            );
            let igw = explicit
                .get(&key)
                .or_else(|| main_igw.get(&vpc_key))
                .copied()
                .unwrap_or(false);
            if let Some(facts) = lookups.subnets.get_mut(&key) {
                facts.routes_to_internet_gateway = igw;
            }
        }
    }
    lookups
}

/// Default listening ports of RDS engines (also what an IaC database without `Port` gets).
pub fn default_port(engine: &str) -> Option<i32> {
    let e = engine.to_ascii_lowercase();
    if e.contains("mysql") || e.contains("mariadb") {
        Some(3306)
    } else if e.contains("postgres") {
        Some(5432)
    } else if e.starts_with("oracle") {
        Some(1521)
    } else if e.starts_with("sqlserver") {
        Some(1433)
    } else if e.starts_with("db2") {
        Some(50000)
    } else {
        None
    }
}

/// Master user names that engines or tutorials use by default, the first ones guessed.
const DEFAULT_MASTER_USERNAMES: &[&str] =
    &["admin", "administrator", "postgres", "root", "sa", "master"];

/// Environment variable names that hold credentials by convention.
fn secret_like(name: &str) -> bool {
    let n = name.to_ascii_uppercase();
    [
        "AWS_ACCESS_KEY_ID",
        "AWS_SECRET_ACCESS_KEY",
        "AWS_SESSION_TOKEN",
    ]
    .contains(&n.as_str())
        || [
            "PASSWORD",
            "PASSWD",
            "SECRET",
            "TOKEN",
            "API_KEY",
            "APIKEY",
            "PRIVATE_KEY",
            "ECS_ENGINE_AUTH_DATA",
        ]
        .iter()
        .any(|marker| n.contains(marker))
}

/// Recomputes the derived facts of every resource in the inventory.
pub fn enrich(inventory: &mut Inventory) {
    let lookups = build_lookups(inventory);
    let now = inventory.collected_at;
    let mut resources: Vec<&mut Resource> = inventory.resources_mut().collect();
    resources
        .par_iter_mut()
        .for_each(|resource| enrich_resource(resource, &lookups, &now));
}

/// A template that names a subnet it does not declare (a literal id, an import) cannot say
/// what the subnet is like; the facts drawn from it are unknown until deploy, not empty.
/// Live collection lists every subnet of the region, so this only applies to templates.
fn mark_unknown_in_templates(meta: &mut crate::model::ResourceMeta, field: &str) {
    if matches!(meta.source, crate::model::Source::Iac { .. })
        && !meta.unknown.iter().any(|u| u == field)
    {
        meta.unknown.push(field.to_string());
    }
}

fn days_since(then: Option<Timestamp>, now: &Timestamp) -> Option<i64> {
    then.map(|t| t.days_until(now))
}

fn enrich_inline(policies: &mut [InlinePolicy]) {
    for p in policies {
        p.derived = analyze_identity_policy(&p.document);
    }
}

fn enrich_resource(resource: &mut Resource, lookups: &Lookups, now: &Timestamp) {
    match resource {
        Resource::IamRootUser(root) => {
            let last = root.password_last_used.max(root.access_key_last_used);
            root.derived.days_since_last_use = days_since(last, now);
        }
        Resource::IamUser(user) => {
            enrich_inline(&mut user.inline_policies);
            for key in &mut user.access_keys {
                key.age_days = days_since(key.created, now);
                key.days_since_last_use = days_since(key.last_used.or(key.created), now);
            }
            let active: Vec<_> = user
                .access_keys
                .iter()
                .filter(|k| k.status == "Active")
                .collect();
            let d = &mut user.derived;
            d.active_access_key_count = active.len() as u32;
            d.oldest_active_key_age_days = active.iter().filter_map(|k| k.age_days).max();
            d.stalest_active_key_days = active.iter().filter_map(|k| k.days_since_last_use).max();
            d.days_since_password_use = if user.password_enabled {
                days_since(user.password_last_used.or(user.created), now)
            } else {
                None
            };
            d.mfa_enabled = !user.mfa_devices.is_empty();
            d.has_direct_policies =
                !user.attached_policies.is_empty() || !user.inline_policies.is_empty();
            let account = &user.meta.account_id;
            d.has_full_admin = user
                .inline_policies
                .iter()
                .any(|p| p.derived.allows_full_admin)
                || user.attached_policies.iter().any(|arn| {
                    arn.ends_with(ADMINISTRATOR_ACCESS)
                        || lookups
                            .full_admin_policies
                            .get(&(account.clone(), arn.clone()))
                            .copied()
                            .unwrap_or(false)
                });
        }
        Resource::IamGroup(group) => enrich_inline(&mut group.inline_policies),
        Resource::IamRole(role) => {
            enrich_inline(&mut role.inline_policies);
            let trust =
                analyze_resource_policy(Some(&role.assume_role_policy), &role.meta.account_id);
            role.derived.service_linked = role.path.starts_with("/aws-service-role/");
            role.derived.trusted_external_accounts = trust.cross_account_principals;
            role.derived.trust_public = trust.public;
        }
        Resource::IamPolicy(p) => p.derived = analyze_identity_policy(&p.document),
        Resource::IamServerCertificate(cert) => {
            cert.derived.expired = cert.expiration.is_some_and(|e| e < *now);
        }
        Resource::S3Bucket(bucket) => {
            let d = &mut bucket.derived;
            d.policy = analyze_resource_policy(bucket.policy.as_ref(), &bucket.meta.account_id);
            let public_grants = bucket.acl.grants.iter().filter(|g| {
                g.grantee_uri
                    .as_deref()
                    .is_some_and(|uri| ALL_USERS_URIS.contains(&uri))
            });
            d.acl_public_read = false;
            d.acl_public_write = false;
            for grant in public_grants {
                match grant.permission.as_str() {
                    "READ" => d.acl_public_read = true,
                    "WRITE" | "WRITE_ACP" => d.acl_public_write = true,
                    "FULL_CONTROL" => {
                        d.acl_public_read = true;
                        d.acl_public_write = true;
                    }
                    _ => {}
                }
            }
            let account_pab = lookups
                .account_public_access_block
                .get(&bucket.meta.account_id)
                .copied()
                .unwrap_or_default();
            let effective = bucket
                .public_access_block
                .unwrap_or_default()
                .union(&account_pab);
            d.effective_public_access_block = effective;
            let acls_disabled = bucket.object_ownership.as_deref() == Some("BucketOwnerEnforced");
            let acl_counts = !effective.ignore_public_acls && !acls_disabled;
            d.acls_in_force = acl_counts;
            let policy_counts = !effective.restrict_public_buckets;
            d.public_read = (acl_counts && d.acl_public_read)
                || (policy_counts && d.policy.public && d.policy.public_read);
            d.public_write = (acl_counts && d.acl_public_write)
                || (policy_counts && d.policy.public && d.policy.public_write);
            d.kms_encrypted = bucket
                .encryption_rules
                .iter()
                .any(|r| r.sse_algorithm.starts_with("aws:kms"));
        }
        Resource::Ec2SecurityGroup(sg) => {
            let d = &mut sg.derived;
            d.is_default = sg.group_name == "default";
            d.world_open_ingress = world_open_ranges(&sg.ingress);
            d.admin_ports_open_ipv4 = admin_ports_in(&d.world_open_ingress, 4);
            d.admin_ports_open_ipv6 = admin_ports_in(&d.world_open_ingress, 6);
            d.rule_count = (sg.ingress.len() + sg.egress.len()) as u32;
        }
        Resource::Ec2NetworkAcl(nacl) => {
            nacl.derived.admin_ports_open_to_world = nacl_admin_ports_open(&nacl.entries);
        }
        Resource::Ec2Vpc(vpc) => {
            let key = (
                vpc.meta.account_id.clone(),
                vpc.meta.region.clone(),
                vpc.vpc_id.clone(),
            );
            let types = lookups.flow_logs.get(&key);
            vpc.derived.flow_logs_enabled = types.is_some();
            vpc.derived.flow_log_traffic_types = types
                .map(|t| t.iter().cloned().collect())
                .unwrap_or_default();
        }
        Resource::Ec2Instance(instance) => {
            let m = &instance.metadata_options;
            instance.derived.imdsv2_required =
                m.http_tokens == "required" || m.http_endpoint == "disabled";
            instance.derived.days_stopped = if instance.state == "stopped" {
                days_since(instance.stopped_since, now)
            } else {
                None
            };
        }
        Resource::Ec2Subnet(subnet) => {
            let key = (
                subnet.meta.account_id.clone(),
                subnet.meta.region.clone(),
                subnet.subnet_id.clone(),
            );
            subnet.derived.routes_to_internet_gateway = lookups
                .subnets
                .get(&key)
                .is_some_and(|f| f.routes_to_internet_gateway);
        }
        Resource::RdsDbInstance(db) => {
            db.derived.uses_default_port = db.port.is_some() && db.port == default_port(&db.engine);
            db.derived.uses_default_master_username =
                db.master_username.as_deref().is_some_and(|u| {
                    DEFAULT_MASTER_USERNAMES.contains(&u.to_ascii_lowercase().as_str())
                });
            db.derived.in_public_subnet = db.subnet_ids.iter().any(|s| {
                lookups
                    .subnets
                    .get(&(
                        db.meta.account_id.clone(),
                        db.meta.region.clone(),
                        s.clone(),
                    ))
                    .is_some_and(|f| f.routes_to_internet_gateway)
            });
        }
        Resource::RdsDbCluster(db) => {
            db.derived.uses_default_port = db.port.is_some() && db.port == default_port(&db.engine);
            db.derived.uses_default_master_username =
                db.master_username.as_deref().is_some_and(|u| {
                    DEFAULT_MASTER_USERNAMES.contains(&u.to_ascii_lowercase().as_str())
                });
        }
        Resource::LambdaFunction(f) => {
            f.derived.policy = analyze_resource_policy(f.policy.as_ref(), &f.meta.account_id);
            let mut zones: Vec<String> = f
                .vpc_subnet_ids
                .iter()
                .filter_map(|s| {
                    lookups
                        .subnets
                        .get(&(f.meta.account_id.clone(), f.meta.region.clone(), s.clone()))
                        .map(|facts| facts.availability_zone.clone())
                })
                .filter(|z| !z.is_empty())
                .collect();
            zones.sort();
            zones.dedup();
            f.derived.vpc_availability_zones = zones;
            let subnet_known = |s: &String| {
                lookups
                    .subnets
                    .get(&(f.meta.account_id.clone(), f.meta.region.clone(), s.clone()))
                    .is_some_and(|facts| !facts.availability_zone.is_empty())
            };
            if !f.vpc_subnet_ids.iter().all(subnet_known) {
                mark_unknown_in_templates(&mut f.meta, "derived.vpc_availability_zones");
            }
        }
        Resource::EfsFileSystem(fs) => {
            let subnet_known = |s: &String| {
                lookups.subnets.contains_key(&(
                    fs.meta.account_id.clone(),
                    fs.meta.region.clone(),
                    s.clone(),
                ))
            };
            if !fs.mount_target_subnet_ids.iter().all(subnet_known) {
                mark_unknown_in_templates(&mut fs.meta, "derived.mount_targets_in_public_subnets");
            }
            fs.derived.mount_targets_in_public_subnets = fs
                .mount_target_subnet_ids
                .iter()
                .filter(|s| {
                    lookups
                        .subnets
                        .get(&(
                            fs.meta.account_id.clone(),
                            fs.meta.region.clone(),
                            (*s).clone(),
                        ))
                        .is_some_and(|f| f.map_public_ip_on_launch)
                })
                .cloned()
                .collect();
        }
        Resource::SqsQueue(q) => {
            q.derived.policy = analyze_resource_policy(q.policy.as_ref(), &q.meta.account_id);
        }
        Resource::EcsTaskDefinition(td) => {
            td.derived.secret_like_environment_variables = td
                .containers
                .iter()
                .flat_map(|c| {
                    c.environment_variable_names
                        .iter()
                        .filter(|n| secret_like(n))
                        .map(move |n| format!("{}/{n}", c.name))
                })
                .collect();
        }
        Resource::SecretsManagerSecret(secret) => {
            secret.derived.days_since_rotation =
                days_since(secret.last_rotated_date.or(secret.created_date), now);
            secret.derived.days_since_access =
                days_since(secret.last_accessed_date.or(secret.created_date), now);
        }
        Resource::CloudTrailTrail(trail) => {
            let management_rw = trail_logs_management_rw(trail);
            let (read, write) = trail_s3_data_events(trail);
            let d = &mut trail.derived;
            d.logs_management_events_read_write = management_rw;
            d.logs_s3_data_events_read = read;
            d.logs_s3_data_events_write = write;
            let arn = trail.cloud_watch_logs_log_group_arn.as_deref();
            d.cloud_watch_logs_log_group_name = arn.and_then(log_group_name_from_arn);
            d.cloud_watch_logs_region = arn.and_then(|a| a.split(':').nth(3)).map(str::to_string);
            d.cloud_watch_logs_delivered_recently = trail
                .latest_cloud_watch_logs_delivery_time
                .is_some_and(|t| t.days_until(now) < 1);
        }
        Resource::KmsKey(key) => {
            key.derived.rotatable = key.key_manager == "CUSTOMER"
                && key.key_spec == "SYMMETRIC_DEFAULT"
                && key.origin == "AWS_KMS"
                && key.key_state != "PendingDeletion";
            key.derived.policy = analyze_resource_policy(key.policy.as_ref(), &key.meta.account_id);
        }
        Resource::LogsMetricFilter(filter) => {
            match filter_pattern::cis_monitors(&filter.filter_pattern) {
                Some(monitors) => {
                    filter.derived.cis_monitors = monitors;
                    filter.derived.unparsed = false;
                }
                None => {
                    filter.derived.cis_monitors = Vec::new();
                    filter.derived.unparsed = true;
                }
            }
        }
        Resource::SnsTopic(topic) => {
            topic.derived.confirmed_subscription_count =
                topic.subscriptions.iter().filter(|s| s.confirmed).count() as u32;
            topic.derived.policy =
                analyze_resource_policy(topic.policy.as_ref(), &topic.meta.account_id);
        }
        Resource::Account(_)
        | Resource::IamPasswordPolicy(_)
        | Resource::AccessAnalyzer(_)
        | Resource::S3AccountPublicAccessBlock(_)
        | Resource::Ec2FlowLog(_)
        | Resource::Ec2Volume(_)
        | Resource::Ec2Snapshot(_)
        | Resource::Ec2Image(_)
        | Resource::Ec2EbsEncryptionDefault(_)
        | Resource::ConfigRecorder(_)
        | Resource::ConfigDeliveryChannel(_)
        | Resource::LogsLogGroup(_)
        | Resource::CloudWatchAlarm(_)
        | Resource::S3AccessPoint(_)
        | Resource::Ec2RouteTable(_)
        | Resource::Ec2VpcEndpoint(_)
        | Resource::Ec2NetworkInterface(_)
        | Resource::Ec2LaunchTemplate(_)
        | Resource::Ec2TransitGateway(_)
        | Resource::Ec2VpnConnection(_)
        | Resource::Ec2ClientVpnEndpoint(_)
        | Resource::Ec2VpcBlockPublicAccess(_)
        | Resource::RdsSnapshot(_)
        | Resource::RdsEventSubscription(_)
        | Resource::RdsDbProxy(_)
        | Resource::ElbLoadBalancer(_)
        | Resource::Elbv2LoadBalancer(_)
        | Resource::GuardDutyDetector(_)
        | Resource::EfsAccessPoint(_)
        | Resource::DynamoDbTable(_)
        | Resource::DaxCluster(_)
        | Resource::EcrRepository(_)
        | Resource::EcsService(_)
        | Resource::EcsCluster(_)
        | Resource::SecurityHubHub(_) => {}
    }
}

fn is_world_cidr(cidr: &str) -> Option<u8> {
    match cidr.trim() {
        "0.0.0.0/0" => Some(4),
        "::/0" => Some(6),
        _ => None,
    }
}

/// Port range of a permission: all ports for protocol `-1` or missing bounds.
fn port_range(protocol: &str, from: Option<i32>, to: Option<i32>) -> (i32, i32) {
    match (protocol, from, to) {
        ("-1", _, _) | (_, None, _) | (_, _, None) => (0, 65535),
        (_, Some(-1), _) => (0, 65535),
        (_, Some(f), Some(t)) => (f, t),
    }
}

fn world_open_ranges(permissions: &[SecurityGroupPermission]) -> Vec<WorldOpenRange> {
    let mut out = Vec::new();
    for perm in permissions {
        let (from_port, to_port) = port_range(&perm.protocol, perm.from_port, perm.to_port);
        for cidr in perm.ipv4_ranges.iter().chain(perm.ipv6_ranges.iter()) {
            if let Some(ip_version) = is_world_cidr(cidr) {
                out.push(WorldOpenRange {
                    protocol: perm.protocol.clone(),
                    from_port,
                    to_port,
                    cidr: cidr.trim().to_string(),
                    ip_version,
                });
            }
        }
    }
    out
}

fn carries_tcp(protocol: &str) -> bool {
    matches!(protocol, "-1" | "tcp" | "6" | "all")
}

fn admin_ports_in(ranges: &[WorldOpenRange], ip_version: u8) -> Vec<u16> {
    ADMIN_PORTS
        .iter()
        .copied()
        .filter(|port| {
            ranges.iter().any(|r| {
                r.ip_version == ip_version
                    && carries_tcp(&r.protocol)
                    && r.from_port <= i32::from(*port)
                    && i32::from(*port) <= r.to_port
            })
        })
        .collect()
}

fn nacl_admin_ports_open(entries: &[NetworkAclEntry]) -> Vec<u16> {
    let mut ingress: Vec<&NetworkAclEntry> = entries.iter().filter(|e| !e.egress).collect();
    ingress.sort_by_key(|e| e.rule_number);
    ADMIN_PORTS
        .iter()
        .copied()
        .filter(|port| {
            [4u8, 6u8].iter().any(|version| {
                // The first entry (lowest number) matching world traffic to the port decides.
                ingress
                    .iter()
                    .find(|e| {
                        let cidr = if *version == 4 {
                            e.cidr_block.as_deref()
                        } else {
                            e.ipv6_cidr_block.as_deref()
                        };
                        let (from, to) = port_range(&e.protocol, e.from_port, e.to_port);
                        cidr.is_some_and(|c| is_world_cidr(c) == Some(*version))
                            && carries_tcp(&e.protocol)
                            && from <= i32::from(*port)
                            && i32::from(*port) <= to
                    })
                    .is_some_and(|e| e.rule_action.eq_ignore_ascii_case("allow"))
            })
        })
        .collect()
}

fn log_group_name_from_arn(arn: &str) -> Option<String> {
    // arn:aws:logs:us-east-1:123456789012:log-group:NAME:*
    let rest = arn.split_once(":log-group:")?.1;
    Some(rest.strip_suffix(":*").unwrap_or(rest).to_string())
}

fn trail_logs_management_rw(trail: &super::cloudtrail::CloudTrailTrail) -> bool {
    // A trail with no selectors at all logs all management events (the CloudTrail default).
    if trail.event_selectors.is_empty() && trail.advanced_event_selectors.is_empty() {
        return true;
    }
    let basic = trail
        .event_selectors
        .iter()
        .any(|s| s.include_management_events && s.read_write_type == "All");
    let advanced = trail.advanced_event_selectors.iter().any(|s| {
        let mut management = false;
        let mut restricted = false;
        for f in &s.field_selectors {
            match f.field.as_str() {
                "eventCategory" => management = f.equals.iter().any(|v| v == "Management"),
                "readOnly" => restricted = true,
                _ if !f.not_equals.is_empty() || !f.equals.is_empty() => restricted = true,
                _ => {}
            }
        }
        management && !restricted
    });
    basic || advanced
}

fn trail_s3_data_events(trail: &super::cloudtrail::CloudTrailTrail) -> (bool, bool) {
    let mut read = false;
    let mut write = false;
    for selector in &trail.event_selectors {
        let all_buckets = selector.data_resources.iter().any(|r| {
            r.resource_type == "AWS::S3::Object"
                && r.values.iter().any(|v| {
                    let v = v.trim_end_matches('/');
                    v == "arn:aws:s3" || v == "arn:aws-cn:s3" || v == "arn:aws-us-gov:s3"
                })
        });
        if all_buckets {
            match selector.read_write_type.as_str() {
                "All" => {
                    read = true;
                    write = true;
                }
                "ReadOnly" => read = true,
                "WriteOnly" => write = true,
                _ => {}
            }
        }
    }
    for selector in &trail.advanced_event_selectors {
        let mut data = false;
        let mut s3_objects = false;
        let mut read_only: Option<bool> = None;
        let mut narrowed = false;
        for f in &selector.field_selectors {
            match f.field.as_str() {
                "eventCategory" => data = f.equals.iter().any(|v| v == "Data"),
                "resources.type" => s3_objects = f.equals.iter().any(|v| v == "AWS::S3::Object"),
                "readOnly" => read_only = f.equals.first().map(|v| v == "true"),
                "resources.ARN" => {
                    narrowed = !f.equals.is_empty()
                        || !f.not_equals.is_empty()
                        || f.starts_with
                            .iter()
                            .any(|p| !p.trim_end_matches('/').ends_with(":s3"))
                }
                _ => {}
            }
        }
        if data && s3_objects && !narrowed {
            match read_only {
                None => {
                    read = true;
                    write = true;
                }
                Some(true) => read = true,
                Some(false) => write = true,
            }
        }
    }
    (read, write)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(
        n: i32,
        action: &str,
        cidr: &str,
        from: Option<i32>,
        to: Option<i32>,
    ) -> NetworkAclEntry {
        NetworkAclEntry {
            rule_number: n,
            protocol: "6".into(),
            rule_action: action.into(),
            egress: false,
            cidr_block: Some(cidr.into()),
            ipv6_cidr_block: None,
            from_port: from,
            to_port: to,
        }
    }

    #[test]
    fn nacl_rule_order_decides() {
        let open = vec![entry(100, "allow", "0.0.0.0/0", Some(0), Some(65535))];
        assert_eq!(nacl_admin_ports_open(&open), vec![22, 3389]);
        let denied_first = vec![
            entry(90, "deny", "0.0.0.0/0", Some(22), Some(22)),
            entry(100, "allow", "0.0.0.0/0", Some(0), Some(65535)),
        ];
        assert_eq!(nacl_admin_ports_open(&denied_first), vec![3389]);
        let private = vec![entry(100, "allow", "10.0.0.0/8", Some(22), Some(22))];
        assert!(nacl_admin_ports_open(&private).is_empty());
    }

    #[test]
    fn security_group_world_ranges() {
        let perms = vec![
            SecurityGroupPermission {
                protocol: "tcp".into(),
                from_port: Some(20),
                to_port: Some(25),
                ipv4_ranges: vec!["0.0.0.0/0".into()],
                ..Default::default()
            },
            SecurityGroupPermission {
                protocol: "-1".into(),
                ipv6_ranges: vec!["::/0".into()],
                ..Default::default()
            },
        ];
        let ranges = world_open_ranges(&perms);
        assert_eq!(admin_ports_in(&ranges, 4), vec![22]);
        assert_eq!(admin_ports_in(&ranges, 6), vec![22, 3389]);
    }

    #[test]
    fn log_group_names() {
        assert_eq!(
            log_group_name_from_arn("arn:aws:logs:us-east-1:111111111111:log-group:trail-logs:*"),
            Some("trail-logs".into())
        );
    }
}
