//! RDS (regional): DB instances (with the parameters of their parameter groups that checks
//! read), DB clusters, instance and cluster snapshots (public ones flagged), event
//! subscriptions and proxies.

use std::collections::{BTreeMap, HashMap};
use std::pin::Pin;

use super::{Collector, Ctx, Scope, Sink, errors};
use crate::model::rds::{
    RdsDbCluster, RdsDbInstance, RdsDbProxy, RdsEventSubscription, RdsSnapshot,
};
use crate::model::{Resource, ResourceMeta};

const TYPES: &[&str] = &[
    "rds_db_instance",
    "rds_db_cluster",
    "rds_snapshot",
    "rds_event_subscription",
    "rds_db_proxy",
];

/// Parameters the checks read; only these are fetched from parameter groups.
const PARAMETERS: &[&str] = &[
    "rds.force_ssl",
    "require_secure_transport",
    "server_audit_logging",
    "server_audit_events",
];

pub(super) fn collector() -> Collector {
    Collector {
        service: "rds",
        scope: Scope::Regional,
        types: TYPES,
        collect: |ctx| {
            Box::pin(collect(ctx)) as Pin<Box<dyn std::future::Future<Output = Sink> + Send + '_>>
        },
    }
}

fn meta(ctx: &Ctx, arn: &str, name: &str, tags: &[aws_sdk_rds::types::Tag]) -> ResourceMeta {
    ResourceMeta::new(arn, &ctx.account_id, &ctx.region, &ctx.partition)
        .with_arn(arn)
        .with_name(name)
        .with_tags(
            tags.iter()
                .filter_map(|t| Some((t.key()?.to_string(), t.value().unwrap_or("").to_string())))
                .collect(),
        )
}

/// The checked parameters of a parameter group, or `None` when they could not be read (a gap
/// is recorded; the resources then mark `parameters` unknown instead of judging a blank).
async fn parameter_values(
    ctx: &Ctx,
    sink: &mut Sink,
    cache: &mut HashMap<(bool, String), Option<BTreeMap<String, String>>>,
    cluster: bool,
    group: &str,
) -> Option<BTreeMap<String, String>> {
    if let Some(v) = cache.get(&(cluster, group.to_string())) {
        return v.clone();
    }
    let rds = ctx.clients.rds(&ctx.region);
    let mut values = BTreeMap::new();
    let mut marker: Option<String> = None;
    loop {
        let page = if cluster {
            rds.describe_db_cluster_parameters()
                .db_cluster_parameter_group_name(group)
                .set_marker(marker.clone())
                .send()
                .await
                .map(|o| (o.parameters().to_vec(), o.marker().map(str::to_string)))
                .map_err(|e| errors::describe(&e))
        } else {
            rds.describe_db_parameters()
                .db_parameter_group_name(group)
                .set_marker(marker.clone())
                .send()
                .await
                .map(|o| (o.parameters().to_vec(), o.marker().map(str::to_string)))
                .map_err(|e| errors::describe(&e))
        };
        match page {
            Ok((params, next)) => {
                for p in params {
                    if let (Some(name), Some(value)) = (p.parameter_name(), p.parameter_value())
                        && PARAMETERS.contains(&name)
                    {
                        values.insert(name.to_string(), value.to_string());
                    }
                }
                marker = next;
                if marker.is_none() {
                    break;
                }
            }
            Err(info) => {
                let op = if cluster {
                    "DescribeDBClusterParameters"
                } else {
                    "DescribeDBParameters"
                };
                let id = ctx.arn(
                    "rds",
                    &format!("{}:{group}", if cluster { "cluster-pg" } else { "pg" }),
                );
                sink.gap(ctx, "rds", op, &info, &["rds_parameter_group"], Some(&id));
                cache.insert((cluster, group.to_string()), None);
                return None;
            }
        }
    }
    cache.insert((cluster, group.to_string()), Some(values.clone()));
    Some(values)
}

async fn collect(ctx: &Ctx) -> Sink {
    let mut sink = Sink::default();
    let rds = ctx.clients.rds(&ctx.region);
    let mut cache = HashMap::new();

    let mut instances = Vec::new();
    let mut pages = rds.describe_db_instances().into_paginator().send();
    while let Some(page) = pages.next().await {
        match page {
            Ok(p) => instances.extend(p.db_instances().iter().cloned()),
            Err(e) => {
                sink.gap(
                    ctx,
                    "rds",
                    "DescribeDBInstances",
                    &errors::describe(&e),
                    &["rds_db_instance"],
                    None,
                );
                break;
            }
        }
    }
    for db in instances {
        let id = db.db_instance_identifier().unwrap_or_default().to_string();
        let arn = db
            .db_instance_arn()
            .map(str::to_string)
            .unwrap_or_else(|| ctx.arn("rds", &format!("db:{id}")));
        let mut parameters = BTreeMap::new();
        let mut m = meta(ctx, &arn, &id, db.tag_list());
        for g in db.db_parameter_groups() {
            if let Some(name) = g.db_parameter_group_name() {
                match parameter_values(ctx, &mut sink, &mut cache, false, name).await {
                    Some(values) => parameters.extend(values),
                    None => m.unknown.push("parameters".to_string()),
                }
            }
        }
        sink.resources.push(Resource::RdsDbInstance(RdsDbInstance {
            meta: m,
            db_instance_identifier: id.clone(),
            engine: db.engine().unwrap_or_default().to_string(),
            engine_version: db.engine_version().unwrap_or_default().to_string(),
            storage_encrypted: db.storage_encrypted().unwrap_or(false),
            publicly_accessible: db.publicly_accessible().unwrap_or(false),
            multi_az: db.multi_az().unwrap_or(false),
            auto_minor_version_upgrade: db.auto_minor_version_upgrade().unwrap_or(false),
            deletion_protection: db.deletion_protection().unwrap_or(false),
            backup_retention_period: db.backup_retention_period().unwrap_or(0),
            iam_database_authentication_enabled: db
                .iam_database_authentication_enabled()
                .unwrap_or(false),
            enabled_cloudwatch_logs_exports: db.enabled_cloudwatch_logs_exports().to_vec(),
            monitoring_interval: db.monitoring_interval().unwrap_or(0),
            copy_tags_to_snapshot: db.copy_tags_to_snapshot().unwrap_or(false),
            port: db
                .endpoint()
                .and_then(|e| e.port())
                .or(db.db_instance_port()),
            master_username: db.master_username().map(str::to_string),
            db_cluster_identifier: db.db_cluster_identifier().map(str::to_string),
            subnet_ids: db
                .db_subnet_group()
                .map(|g| {
                    g.subnets()
                        .iter()
                        .filter_map(|s| s.subnet_identifier().map(str::to_string))
                        .collect()
                })
                .unwrap_or_default(),
            parameters,
            derived: Default::default(),
        }));
    }

    let mut clusters = Vec::new();
    let mut pages = rds.describe_db_clusters().into_paginator().send();
    while let Some(page) = pages.next().await {
        match page {
            Ok(p) => clusters.extend(p.db_clusters().iter().cloned()),
            Err(e) => {
                sink.gap(
                    ctx,
                    "rds",
                    "DescribeDBClusters",
                    &errors::describe(&e),
                    &["rds_db_cluster"],
                    None,
                );
                break;
            }
        }
    }
    for c in clusters {
        let id = c.db_cluster_identifier().unwrap_or_default().to_string();
        let arn = c
            .db_cluster_arn()
            .map(str::to_string)
            .unwrap_or_else(|| ctx.arn("rds", &format!("cluster:{id}")));
        let mut m = meta(ctx, &arn, &id, c.tag_list());
        let parameters = match c.db_cluster_parameter_group() {
            Some(g) => parameter_values(ctx, &mut sink, &mut cache, true, g)
                .await
                .unwrap_or_else(|| {
                    m.unknown.push("parameters".to_string());
                    BTreeMap::new()
                }),
            None => BTreeMap::new(),
        };
        sink.resources.push(Resource::RdsDbCluster(RdsDbCluster {
            meta: m,
            db_cluster_identifier: id.clone(),
            engine: c.engine().unwrap_or_default().to_string(),
            engine_mode: c.engine_mode().unwrap_or("provisioned").to_string(),
            storage_encrypted: c.storage_encrypted().unwrap_or(false),
            deletion_protection: c.deletion_protection().unwrap_or(false),
            availability_zone_count: c.availability_zones().len() as u32,
            multi_az: c.multi_az().unwrap_or(false),
            iam_database_authentication_enabled: c
                .iam_database_authentication_enabled()
                .unwrap_or(false),
            backtrack_window: c.backtrack_window().unwrap_or(0),
            copy_tags_to_snapshot: c.copy_tags_to_snapshot().unwrap_or(false),
            enabled_cloudwatch_logs_exports: c.enabled_cloudwatch_logs_exports().to_vec(),
            auto_minor_version_upgrade: c.auto_minor_version_upgrade().unwrap_or(false),
            backup_retention_period: c.backup_retention_period().unwrap_or(0),
            master_username: c.master_username().map(str::to_string),
            port: c.port(),
            parameters,
            derived: Default::default(),
        }));
    }

    // Snapshots: manual ones can be shared; public = restore attribute lists "all".
    let mut pages = rds.describe_db_snapshots().into_paginator().send();
    let mut snapshots = Vec::new();
    while let Some(page) = pages.next().await {
        match page {
            Ok(p) => snapshots.extend(p.db_snapshots().iter().cloned()),
            Err(e) => {
                sink.gap(
                    ctx,
                    "rds",
                    "DescribeDBSnapshots",
                    &errors::describe(&e),
                    &["rds_snapshot"],
                    None,
                );
                break;
            }
        }
    }
    for s in snapshots {
        let id = s.db_snapshot_identifier().unwrap_or_default().to_string();
        let arn = s
            .db_snapshot_arn()
            .map(str::to_string)
            .unwrap_or_else(|| ctx.arn("rds", &format!("snapshot:{id}")));
        let manual = s.snapshot_type() == Some("manual");
        let public = if manual {
            match rds
                .describe_db_snapshot_attributes()
                .db_snapshot_identifier(&id)
                .send()
                .await
            {
                Ok(a) => a.db_snapshot_attributes_result().is_some_and(|r| {
                    r.db_snapshot_attributes().iter().any(|at| {
                        at.attribute_name() == Some("restore")
                            && at.attribute_values().iter().any(|v| v == "all")
                    })
                }),
                Err(e) => {
                    sink.gap(
                        ctx,
                        "rds",
                        "DescribeDBSnapshotAttributes",
                        &errors::describe(&e),
                        &["rds_snapshot"],
                        Some(&arn),
                    );
                    continue;
                }
            }
        } else {
            false
        };
        sink.resources.push(Resource::RdsSnapshot(RdsSnapshot {
            meta: meta(ctx, &arn, &id, s.tag_list()),
            snapshot_identifier: id,
            cluster_snapshot: false,
            snapshot_type: s.snapshot_type().unwrap_or_default().to_string(),
            encrypted: s.encrypted().unwrap_or(false),
            public,
        }));
    }
    let mut pages = rds.describe_db_cluster_snapshots().into_paginator().send();
    let mut cluster_snapshots = Vec::new();
    while let Some(page) = pages.next().await {
        match page {
            Ok(p) => cluster_snapshots.extend(p.db_cluster_snapshots().iter().cloned()),
            Err(e) => {
                sink.gap(
                    ctx,
                    "rds",
                    "DescribeDBClusterSnapshots",
                    &errors::describe(&e),
                    &["rds_snapshot"],
                    None,
                );
                break;
            }
        }
    }
    for s in cluster_snapshots {
        let id = s
            .db_cluster_snapshot_identifier()
            .unwrap_or_default()
            .to_string();
        let arn = s
            .db_cluster_snapshot_arn()
            .map(str::to_string)
            .unwrap_or_else(|| ctx.arn("rds", &format!("cluster-snapshot:{id}")));
        let manual = s.snapshot_type() == Some("manual");
        let public = if manual {
            match rds
                .describe_db_cluster_snapshot_attributes()
                .db_cluster_snapshot_identifier(&id)
                .send()
                .await
            {
                Ok(a) => a.db_cluster_snapshot_attributes_result().is_some_and(|r| {
                    r.db_cluster_snapshot_attributes().iter().any(|at| {
                        at.attribute_name() == Some("restore")
                            && at.attribute_values().iter().any(|v| v == "all")
                    })
                }),
                Err(e) => {
                    sink.gap(
                        ctx,
                        "rds",
                        "DescribeDBClusterSnapshotAttributes",
                        &errors::describe(&e),
                        &["rds_snapshot"],
                        Some(&arn),
                    );
                    continue;
                }
            }
        } else {
            false
        };
        sink.resources.push(Resource::RdsSnapshot(RdsSnapshot {
            meta: meta(ctx, &arn, &id, s.tag_list()),
            snapshot_identifier: id,
            cluster_snapshot: true,
            snapshot_type: s.snapshot_type().unwrap_or_default().to_string(),
            encrypted: s.storage_encrypted().unwrap_or(false),
            public,
        }));
    }

    let mut pages = rds.describe_event_subscriptions().into_paginator().send();
    while let Some(page) = pages.next().await {
        match page {
            Ok(p) => {
                for s in p.event_subscriptions_list() {
                    let name = s.cust_subscription_id().unwrap_or_default();
                    let arn = s
                        .event_subscription_arn()
                        .map(str::to_string)
                        .unwrap_or_else(|| ctx.arn("rds", &format!("es:{name}")));
                    sink.resources
                        .push(Resource::RdsEventSubscription(RdsEventSubscription {
                            meta: meta(ctx, &arn, name, &[]),
                            source_type: s.source_type().map(str::to_string),
                            event_categories: s.event_categories_list().to_vec(),
                            source_ids: s.source_ids_list().to_vec(),
                            enabled: s.enabled().unwrap_or(false),
                        }));
                }
            }
            Err(e) => {
                sink.gap(
                    ctx,
                    "rds",
                    "DescribeEventSubscriptions",
                    &errors::describe(&e),
                    &["rds_event_subscription"],
                    None,
                );
                break;
            }
        }
    }

    let mut pages = rds.describe_db_proxies().into_paginator().send();
    while let Some(page) = pages.next().await {
        match page {
            Ok(p) => {
                for px in p.db_proxies() {
                    let name = px.db_proxy_name().unwrap_or_default();
                    let arn = px
                        .db_proxy_arn()
                        .map(str::to_string)
                        .unwrap_or_else(|| ctx.arn("rds", &format!("db-proxy:{name}")));
                    sink.resources.push(Resource::RdsDbProxy(RdsDbProxy {
                        meta: meta(ctx, &arn, name, &[]),
                        engine_family: px.engine_family().unwrap_or_default().to_string(),
                        require_tls: px.require_tls().unwrap_or(false),
                    }));
                }
            }
            Err(e) => {
                sink.gap(
                    ctx,
                    "rds",
                    "DescribeDBProxies",
                    &errors::describe(&e),
                    &["rds_db_proxy"],
                    None,
                );
                break;
            }
        }
    }
    sink
}
