//! Regional collectors of the smaller services: Lambda, Classic and v2 load balancers,
//! GuardDuty, EFS, SQS, DynamoDB (with DAX and Application Auto Scaling), ECR, ECS and Secrets
//! Manager. Secret values, environment variable values and queue messages are never read.

use std::collections::{BTreeMap, HashSet};
use std::pin::Pin;

use super::{Collector, Ctx, Scope, Sink, errors};
use crate::model::elb::{
    ClassicListener, ElbLoadBalancer, Elbv2LoadBalancer, Listener, ListenerAction,
};
use crate::model::lambda::LambdaFunction;
use crate::model::policy::decode_policy_document;
use crate::model::services::*;
use crate::model::time::Timestamp;
use crate::model::{Resource, ResourceMeta};

type BoxSink<'a> = Pin<Box<dyn std::future::Future<Output = Sink> + Send + 'a>>;

macro_rules! regional {
    ($name:ident, $service:literal, [$($t:literal),+], $f:ident) => {
        pub(super) fn $name() -> Collector {
            Collector {
                service: $service,
                scope: Scope::Regional,
                types: &[$($t),+],
                collect: |ctx| Box::pin($f(ctx)) as BoxSink<'_>,
            }
        }
    };
}

regional!(
    lambda_collector,
    "lambda",
    ["lambda_function"],
    collect_lambda
);
regional!(elb_collector, "elb", ["elb_load_balancer"], collect_elb);
regional!(
    elbv2_collector,
    "elbv2",
    ["elbv2_load_balancer"],
    collect_elbv2
);
regional!(
    guardduty_collector,
    "guardduty",
    ["guardduty_detector"],
    collect_guardduty
);
regional!(
    efs_collector,
    "efs",
    ["efs_file_system", "efs_access_point"],
    collect_efs
);
regional!(sqs_collector, "sqs", ["sqs_queue"], collect_sqs);
regional!(
    dynamodb_collector,
    "dynamodb",
    ["dynamodb_table"],
    collect_dynamodb
);
regional!(dax_collector, "dax", ["dax_cluster"], collect_dax);
regional!(ecr_collector, "ecr", ["ecr_repository"], collect_ecr);
regional!(
    ecs_collector,
    "ecs",
    ["ecs_task_definition", "ecs_service", "ecs_cluster"],
    collect_ecs
);
regional!(
    secrets_collector,
    "secretsmanager",
    ["secretsmanager_secret"],
    collect_secrets
);

fn meta(ctx: &Ctx, arn: &str, name: &str) -> ResourceMeta {
    ResourceMeta::new(arn, &ctx.account_id, &ctx.region, &ctx.partition)
        .with_arn(arn)
        .with_name(name)
}

fn ts(t: Option<&aws_smithy_types::DateTime>) -> Option<Timestamp> {
    t.map(|d| Timestamp::from_unix(d.secs()))
}

async fn collect_lambda(ctx: &Ctx) -> Sink {
    let mut sink = Sink::default();
    let lambda = ctx.clients.lambda(&ctx.region);
    let types = &["lambda_function"];
    let mut functions = Vec::new();
    let mut pages = lambda.list_functions().into_paginator().send();
    while let Some(page) = pages.next().await {
        match page {
            Ok(p) => functions.extend(p.functions().iter().cloned()),
            Err(e) => {
                sink.gap(
                    ctx,
                    "lambda",
                    "ListFunctions",
                    &errors::describe(&e),
                    types,
                    None,
                );
                return sink;
            }
        }
    }
    for f in functions {
        let name = f.function_name().unwrap_or_default().to_string();
        let arn = f
            .function_arn()
            .map(str::to_string)
            .unwrap_or_else(|| ctx.arn("lambda", &format!("function:{name}")));
        let policy = match sink.absent_or_gap(
            ctx,
            "lambda",
            "GetPolicy",
            lambda.get_policy().function_name(&name).send().await,
            types,
            Some(&arn),
        ) {
            Ok(found) => found.and_then(|o| o.policy().and_then(decode_policy_document)),
            Err(()) => continue,
        };
        // No URL configured is an absence; any other error leaves the function unjudged
        // rather than judged as having no URL.
        let url_auth = match sink.absent_or_gap(
            ctx,
            "lambda",
            "GetFunctionUrlConfig",
            lambda
                .get_function_url_config()
                .function_name(&name)
                .send()
                .await,
            types,
            Some(&arn),
        ) {
            Ok(found) => found.map(|u| u.auth_type().as_str().to_string()),
            Err(()) => continue,
        };
        sink.resources
            .push(Resource::LambdaFunction(LambdaFunction {
                meta: meta(ctx, &arn, &name),
                function_name: name,
                runtime: f.runtime().map(|r| r.as_str().to_string()),
                package_type: f
                    .package_type()
                    .map(|p| p.as_str().to_string())
                    .unwrap_or_else(|| "Zip".into()),
                policy,
                vpc_subnet_ids: f
                    .vpc_config()
                    .map(|v| v.subnet_ids().to_vec())
                    .unwrap_or_default(),
                environment_variable_names: f
                    .environment()
                    .and_then(|e| e.variables())
                    .map(|v| {
                        let mut names: Vec<String> = v.keys().cloned().collect();
                        names.sort();
                        names
                    })
                    .unwrap_or_default(),
                function_url_auth_type: url_auth,
                derived: Default::default(),
            }));
    }
    sink
}

async fn collect_elb(ctx: &Ctx) -> Sink {
    let mut sink = Sink::default();
    let elb = ctx.clients.elb(&ctx.region);
    let types = &["elb_load_balancer"];
    let mut lbs = Vec::new();
    let mut pages = elb.describe_load_balancers().into_paginator().send();
    while let Some(page) = pages.next().await {
        match page {
            Ok(p) => lbs.extend(p.load_balancer_descriptions().iter().cloned()),
            Err(e) => {
                sink.gap(
                    ctx,
                    "elb",
                    "DescribeLoadBalancers",
                    &errors::describe(&e),
                    types,
                    None,
                );
                return sink;
            }
        }
    }
    for lb in lbs {
        let name = lb.load_balancer_name().unwrap_or_default().to_string();
        let arn = ctx.arn("elasticloadbalancing", &format!("loadbalancer/{name}"));
        let attrs = match elb
            .describe_load_balancer_attributes()
            .load_balancer_name(&name)
            .send()
            .await
        {
            Ok(a) => a.load_balancer_attributes().cloned(),
            Err(e) => {
                sink.gap(
                    ctx,
                    "elb",
                    "DescribeLoadBalancerAttributes",
                    &errors::describe(&e),
                    types,
                    Some(&arn),
                );
                continue;
            }
        };
        // The SSL negotiation policy names the predefined security policy it references.
        let mut reference_policy = None;
        let policy_names: Vec<String> = lb
            .listener_descriptions()
            .iter()
            .flat_map(|l| l.policy_names().iter().cloned())
            .collect();
        if !policy_names.is_empty()
            && let Ok(p) = elb
                .describe_load_balancer_policies()
                .load_balancer_name(&name)
                .set_policy_names(Some(policy_names))
                .send()
                .await
        {
            for d in p.policy_descriptions() {
                for a in d.policy_attribute_descriptions() {
                    if a.attribute_name() == Some("Reference-Security-Policy") {
                        reference_policy = a.attribute_value().map(str::to_string);
                    }
                }
            }
        }
        let desync = attrs.as_ref().and_then(|a| {
            a.additional_attributes()
                .iter()
                .find(|x| x.key() == Some("elb.http.desyncmitigationmode"))
                .and_then(|x| x.value().map(str::to_string))
        });
        sink.resources
            .push(Resource::ElbLoadBalancer(ElbLoadBalancer {
                meta: meta(ctx, &arn, &name),
                scheme: lb.scheme().unwrap_or_default().to_string(),
                listeners: lb
                    .listener_descriptions()
                    .iter()
                    .filter_map(|d| {
                        let l = d.listener()?;
                        Some(ClassicListener {
                            protocol: l.protocol().to_string(),
                            load_balancer_port: l.load_balancer_port(),
                            instance_protocol: l
                                .instance_protocol()
                                .unwrap_or_default()
                                .to_string(),
                            ssl_certificate_id: l.ssl_certificate_id().map(str::to_string),
                            policy_names: d.policy_names().to_vec(),
                        })
                    })
                    .collect(),
                availability_zones: lb.availability_zones().to_vec(),
                access_log_enabled: attrs
                    .as_ref()
                    .and_then(|a| a.access_log())
                    .is_some_and(|l| l.enabled()),
                connection_draining_enabled: attrs
                    .as_ref()
                    .and_then(|a| a.connection_draining())
                    .is_some_and(|c| c.enabled()),
                cross_zone_load_balancing_enabled: attrs
                    .as_ref()
                    .and_then(|a| a.cross_zone_load_balancing())
                    .is_some_and(|c| c.enabled()),
                desync_mitigation_mode: desync,
                ssl_reference_policy: reference_policy,
            }));
    }
    sink
}

async fn collect_elbv2(ctx: &Ctx) -> Sink {
    let mut sink = Sink::default();
    let elb = ctx.clients.elbv2(&ctx.region);
    let types = &["elbv2_load_balancer"];
    let mut lbs = Vec::new();
    let mut pages = elb.describe_load_balancers().into_paginator().send();
    while let Some(page) = pages.next().await {
        match page {
            Ok(p) => lbs.extend(p.load_balancers().iter().cloned()),
            Err(e) => {
                sink.gap(
                    ctx,
                    "elbv2",
                    "DescribeLoadBalancers",
                    &errors::describe(&e),
                    types,
                    None,
                );
                return sink;
            }
        }
    }
    for lb in lbs {
        let arn = lb.load_balancer_arn().unwrap_or_default().to_string();
        let name = lb.load_balancer_name().unwrap_or_default().to_string();
        let (attrs, listeners) = tokio::join!(
            elb.describe_load_balancer_attributes()
                .load_balancer_arn(&arn)
                .send(),
            elb.describe_listeners().load_balancer_arn(&arn).send()
        );
        let attrs: BTreeMap<String, String> = match attrs {
            Ok(a) => a
                .attributes()
                .iter()
                .filter_map(|x| Some((x.key()?.to_string(), x.value().unwrap_or("").to_string())))
                .collect(),
            Err(e) => {
                sink.gap(
                    ctx,
                    "elbv2",
                    "DescribeLoadBalancerAttributes",
                    &errors::describe(&e),
                    types,
                    Some(&arn),
                );
                continue;
            }
        };
        let listeners = match listeners {
            Ok(l) => l
                .listeners()
                .iter()
                .map(|l| Listener {
                    arn: l.listener_arn().unwrap_or_default().to_string(),
                    protocol: l
                        .protocol()
                        .map(|p| p.as_str().to_string())
                        .unwrap_or_default(),
                    port: l.port().unwrap_or(0),
                    ssl_policy: l.ssl_policy().map(str::to_string),
                    default_actions: l
                        .default_actions()
                        .iter()
                        .map(|a| ListenerAction {
                            action_type: a
                                .r#type()
                                .map(|t| t.as_str().to_string())
                                .unwrap_or_default(),
                            redirect_protocol: a
                                .redirect_config()
                                .and_then(|r| r.protocol())
                                .map(str::to_string),
                        })
                        .collect(),
                })
                .collect(),
            Err(e) => {
                sink.gap(
                    ctx,
                    "elbv2",
                    "DescribeListeners",
                    &errors::describe(&e),
                    types,
                    Some(&arn),
                );
                continue;
            }
        };
        let flag = |k: &str| attrs.get(k).is_some_and(|v| v == "true");
        sink.resources
            .push(Resource::Elbv2LoadBalancer(Elbv2LoadBalancer {
                meta: meta(ctx, &arn, &name),
                load_balancer_type: lb
                    .r#type()
                    .map(|t| t.as_str().to_string())
                    .unwrap_or_default(),
                scheme: lb
                    .scheme()
                    .map(|s| s.as_str().to_string())
                    .unwrap_or_default(),
                availability_zones: lb
                    .availability_zones()
                    .iter()
                    .filter_map(|z| z.zone_name().map(str::to_string))
                    .collect(),
                listeners,
                deletion_protection_enabled: flag("deletion_protection.enabled"),
                access_logs_enabled: flag("access_logs.s3.enabled"),
                drop_invalid_header_fields: flag("routing.http.drop_invalid_header_fields.enabled"),
                desync_mitigation_mode: attrs.get("routing.http.desync_mitigation_mode").cloned(),
            }));
    }
    sink
}

async fn collect_guardduty(ctx: &Ctx) -> Sink {
    let mut sink = Sink::default();
    let gd = ctx.clients.guardduty(&ctx.region);
    let types = &["guardduty_detector"];
    let mut ids = Vec::new();
    let mut pages = gd.list_detectors().into_paginator().send();
    while let Some(page) = pages.next().await {
        match page {
            Ok(p) => ids.extend(p.detector_ids().iter().cloned()),
            Err(e) => {
                sink.gap(
                    ctx,
                    "guardduty",
                    "ListDetectors",
                    &errors::describe(&e),
                    types,
                    None,
                );
                return sink;
            }
        }
    }
    for id in ids {
        let arn = ctx.arn("guardduty", &format!("detector/{id}"));
        let d = match gd.get_detector().detector_id(&id).send().await {
            Ok(d) => d,
            Err(e) => {
                sink.gap(
                    ctx,
                    "guardduty",
                    "GetDetector",
                    &errors::describe(&e),
                    types,
                    Some(&arn),
                );
                continue;
            }
        };
        let mut features = BTreeMap::new();
        let mut runtime_agents = BTreeMap::new();
        for f in d.features() {
            if let (Some(name), Some(status)) = (f.name(), f.status()) {
                features.insert(name.as_str().to_string(), status.as_str().to_string());
            }
            for a in f.additional_configuration() {
                if let (Some(name), Some(status)) = (a.name(), a.status()) {
                    runtime_agents.insert(name.as_str().to_string(), status.as_str().to_string());
                }
            }
        }
        // Older detectors report protection plans as data sources instead of features.
        #[allow(deprecated)]
        if let Some(ds) = d.data_sources() {
            if let Some(s3) = ds.s3_logs().and_then(|s| s.status()) {
                features
                    .entry("S3_DATA_EVENTS".into())
                    .or_insert_with(|| s3.as_str().to_string());
            }
            if let Some(k) = ds
                .kubernetes()
                .and_then(|k| k.audit_logs())
                .and_then(|a| a.status())
            {
                features
                    .entry("EKS_AUDIT_LOGS".into())
                    .or_insert_with(|| k.as_str().to_string());
            }
        }
        sink.resources
            .push(Resource::GuardDutyDetector(GuardDutyDetector {
                meta: meta(ctx, &arn, &id),
                detector_id: id.clone(),
                status: d
                    .status()
                    .map(|s| s.as_str().to_string())
                    .unwrap_or_default(),
                features,
                runtime_agents,
            }));
    }
    sink
}

async fn collect_efs(ctx: &Ctx) -> Sink {
    let mut sink = Sink::default();
    let efs = ctx.clients.efs(&ctx.region);
    let mut systems = Vec::new();
    let mut pages = efs.describe_file_systems().into_paginator().send();
    while let Some(page) = pages.next().await {
        match page {
            Ok(p) => systems.extend(p.file_systems().iter().cloned()),
            Err(e) => {
                sink.gap(
                    ctx,
                    "efs",
                    "DescribeFileSystems",
                    &errors::describe(&e),
                    &["efs_file_system"],
                    None,
                );
                return sink;
            }
        }
    }
    let types = &["efs_file_system"];
    for fs in systems {
        let id = fs.file_system_id().to_string();
        let arn = fs
            .file_system_arn()
            .map(str::to_string)
            .unwrap_or_else(|| ctx.arn("elasticfilesystem", &format!("file-system/{id}")));
        let (backup, targets, policy) = tokio::join!(
            efs.describe_backup_policy().file_system_id(&id).send(),
            efs.describe_mount_targets().file_system_id(&id).send(),
            efs.describe_file_system_policy().file_system_id(&id).send()
        );
        let backup_policy_status = match sink.absent_or_gap(
            ctx,
            "efs",
            "DescribeBackupPolicy",
            backup,
            types,
            Some(&arn),
        ) {
            Ok(found) => Some(
                found
                    .and_then(|b| b.backup_policy().map(|p| p.status().as_str().to_string()))
                    .unwrap_or_else(|| "DISABLED".into()),
            ),
            Err(()) => continue,
        };
        let mount_target_subnet_ids = match targets {
            Ok(t) => t
                .mount_targets()
                .iter()
                .map(|m| m.subnet_id().to_string())
                .collect(),
            Err(e) => {
                sink.gap(
                    ctx,
                    "efs",
                    "DescribeMountTargets",
                    &errors::describe(&e),
                    types,
                    Some(&arn),
                );
                continue;
            }
        };
        let policy = match sink.absent_or_gap(
            ctx,
            "efs",
            "DescribeFileSystemPolicy",
            policy,
            types,
            Some(&arn),
        ) {
            Ok(found) => found.and_then(|p| p.policy().and_then(decode_policy_document)),
            Err(()) => continue,
        };
        let name = fs.name().map(str::to_string).unwrap_or_else(|| id.clone());
        sink.resources.push(Resource::EfsFileSystem(EfsFileSystem {
            meta: meta(ctx, &arn, &name).with_tags(
                fs.tags()
                    .iter()
                    .map(|t| (t.key().to_string(), t.value().to_string()))
                    .collect(),
            ),
            file_system_id: id,
            encrypted: fs.encrypted().unwrap_or(false),
            kms_key_id: fs.kms_key_id().map(str::to_string),
            backup_policy_status,
            mount_target_subnet_ids,
            policy,
            derived: Default::default(),
        }));
    }
    let mut pages = efs.describe_access_points().into_paginator().send();
    while let Some(page) = pages.next().await {
        match page {
            Ok(p) => {
                for ap in p.access_points() {
                    let arn = ap.access_point_arn().unwrap_or_default().to_string();
                    sink.resources
                        .push(Resource::EfsAccessPoint(EfsAccessPoint {
                            meta: meta(
                                ctx,
                                &arn,
                                ap.name().or(ap.access_point_id()).unwrap_or_default(),
                            ),
                            file_system_id: ap.file_system_id().unwrap_or_default().to_string(),
                            root_directory_path: ap
                                .root_directory()
                                .and_then(|r| r.path())
                                .map(str::to_string),
                            posix_user_enforced: ap.posix_user().is_some(),
                        }));
                }
            }
            Err(e) => {
                sink.gap(
                    ctx,
                    "efs",
                    "DescribeAccessPoints",
                    &errors::describe(&e),
                    &["efs_access_point"],
                    None,
                );
                break;
            }
        }
    }
    sink
}

async fn collect_sqs(ctx: &Ctx) -> Sink {
    let mut sink = Sink::default();
    let sqs = ctx.clients.sqs(&ctx.region);
    let types = &["sqs_queue"];
    let mut urls = Vec::new();
    let mut pages = sqs.list_queues().into_paginator().send();
    while let Some(page) = pages.next().await {
        match page {
            Ok(p) => urls.extend(p.queue_urls().iter().cloned()),
            Err(e) => {
                sink.gap(ctx, "sqs", "ListQueues", &errors::describe(&e), types, None);
                return sink;
            }
        }
    }
    for url in urls {
        let name = url.rsplit('/').next().unwrap_or_default().to_string();
        let arn = ctx.arn("sqs", &name);
        let attrs = match sqs
            .get_queue_attributes()
            .queue_url(&url)
            .attribute_names(aws_sdk_sqs::types::QueueAttributeName::All)
            .send()
            .await
        {
            Ok(a) => a.attributes().cloned().unwrap_or_default(),
            Err(e) => {
                sink.gap(
                    ctx,
                    "sqs",
                    "GetQueueAttributes",
                    &errors::describe(&e),
                    types,
                    Some(&arn),
                );
                continue;
            }
        };
        let get = |k: &str| {
            attrs
                .iter()
                .find(|(key, _)| key.as_str() == k)
                .map(|(_, v)| v.clone())
        };
        let arn = get("QueueArn").unwrap_or(arn);
        sink.resources.push(Resource::SqsQueue(SqsQueue {
            meta: meta(ctx, &arn, &name),
            queue_url: url.clone(),
            sqs_managed_sse_enabled: get("SqsManagedSseEnabled").is_some_and(|v| v == "true"),
            kms_master_key_id: get("KmsMasterKeyId").filter(|k| !k.is_empty()),
            policy: get("Policy").and_then(|p| decode_policy_document(&p)),
            derived: Default::default(),
        }));
    }
    sink
}

async fn collect_dynamodb(ctx: &Ctx) -> Sink {
    let mut sink = Sink::default();
    let ddb = ctx.clients.dynamodb(&ctx.region);
    let types = &["dynamodb_table"];
    let mut names = Vec::new();
    let mut pages = ddb.list_tables().into_paginator().send();
    while let Some(page) = pages.next().await {
        match page {
            Ok(p) => names.extend(p.table_names().iter().cloned()),
            Err(e) => {
                sink.gap(
                    ctx,
                    "dynamodb",
                    "ListTables",
                    &errors::describe(&e),
                    types,
                    None,
                );
                return sink;
            }
        }
    }
    // Tables whose capacity Application Auto Scaling manages (one paginated call).
    let mut scaled: Option<HashSet<String>> = Some(HashSet::new());
    let autoscaling = ctx.clients.autoscaling(&ctx.region);
    let mut pages = autoscaling
        .describe_scalable_targets()
        .service_namespace(aws_sdk_applicationautoscaling::types::ServiceNamespace::Dynamodb)
        .into_paginator()
        .send();
    while let Some(page) = pages.next().await {
        match page {
            Ok(p) => {
                if let Some(set) = scaled.as_mut() {
                    for t in p.scalable_targets() {
                        if let Some(table) = t.resource_id().strip_prefix("table/") {
                            set.insert(table.split('/').next().unwrap_or(table).to_string());
                        }
                    }
                }
            }
            Err(e) => {
                tracing::debug!("DescribeScalableTargets: {}", errors::describe(&e));
                scaled = None;
                break;
            }
        }
    }
    for name in names {
        let arn0 = ctx.arn("dynamodb", &format!("table/{name}"));
        let (described, backups) = tokio::join!(
            ddb.describe_table().table_name(&name).send(),
            ddb.describe_continuous_backups().table_name(&name).send()
        );
        let table = match described {
            Ok(d) => d.table().cloned(),
            Err(e) => {
                sink.gap(
                    ctx,
                    "dynamodb",
                    "DescribeTable",
                    &errors::describe(&e),
                    types,
                    Some(&arn0),
                );
                continue;
            }
        };
        let Some(table) = table else { continue };
        let pitr = match backups {
            Ok(b) => b
                .continuous_backups_description()
                .and_then(|c| c.point_in_time_recovery_description())
                .and_then(|p| p.point_in_time_recovery_status())
                .is_some_and(|s| s.as_str() == "ENABLED"),
            Err(e) => {
                sink.gap(
                    ctx,
                    "dynamodb",
                    "DescribeContinuousBackups",
                    &errors::describe(&e),
                    types,
                    Some(&arn0),
                );
                continue;
            }
        };
        let arn = table.table_arn().map(str::to_string).unwrap_or(arn0);
        let billing = table
            .billing_mode_summary()
            .and_then(|b| b.billing_mode())
            .map(|m| m.as_str().to_string())
            .unwrap_or_else(|| "PROVISIONED".into());
        sink.resources.push(Resource::DynamoDbTable(DynamoDbTable {
            meta: meta(ctx, &arn, &name),
            billing_mode: billing,
            point_in_time_recovery_enabled: pitr,
            deletion_protection_enabled: table.deletion_protection_enabled().unwrap_or(false),
            auto_scaling_enabled: scaled.as_ref().map(|s| s.contains(&name)),
        }));
    }
    sink
}

async fn collect_dax(ctx: &Ctx) -> Sink {
    let mut sink = Sink::default();
    let dax = ctx.clients.dax(&ctx.region);
    let mut token: Option<String> = None;
    loop {
        match dax
            .describe_clusters()
            .set_next_token(token.clone())
            .send()
            .await
        {
            Ok(out) => {
                for c in out.clusters() {
                    let name = c.cluster_name().unwrap_or_default();
                    let arn = c
                        .cluster_arn()
                        .map(str::to_string)
                        .unwrap_or_else(|| ctx.arn("dax", &format!("cache/{name}")));
                    sink.resources.push(Resource::DaxCluster(DaxCluster {
                        meta: meta(ctx, &arn, name),
                        sse_enabled: c
                            .sse_description()
                            .and_then(|s| s.status())
                            .is_some_and(|s| s.as_str() == "ENABLED"),
                        endpoint_encryption_type: c
                            .cluster_endpoint_encryption_type()
                            .map(|t| t.as_str().to_string())
                            .unwrap_or_else(|| "NONE".into()),
                    }));
                }
                token = out.next_token().map(str::to_string);
                if token.is_none() {
                    break;
                }
            }
            Err(e) => {
                sink.gap(
                    ctx,
                    "dax",
                    "DescribeClusters",
                    &errors::describe(&e),
                    &["dax_cluster"],
                    None,
                );
                break;
            }
        }
    }
    sink
}

async fn collect_ecr(ctx: &Ctx) -> Sink {
    let mut sink = Sink::default();
    let ecr = ctx.clients.ecr(&ctx.region);
    let types = &["ecr_repository"];
    // Enhanced scanning is a registry setting that applies to matching repositories.
    // Unreadable registry scanning settings are a gap for the region's repositories: their
    // scan checks must not pass on basic scanning alone.
    let enhanced_filters: Vec<String> = match sink.absent_or_gap(
        ctx,
        "ecr",
        "GetRegistryScanningConfiguration",
        ecr.get_registry_scanning_configuration().send().await,
        types,
        None,
    ) {
        Ok(found) => found
            .as_ref()
            .and_then(|c| c.scanning_configuration())
            .filter(|s| s.scan_type().is_some_and(|t| t.as_str() == "ENHANCED"))
            .map(|s| {
                s.rules()
                    .iter()
                    .flat_map(|r| {
                        r.repository_filters()
                            .iter()
                            .map(|f| f.filter().to_string())
                    })
                    .collect()
            })
            .unwrap_or_default(),
        Err(()) => Vec::new(),
    };
    let mut repos = Vec::new();
    let mut pages = ecr.describe_repositories().into_paginator().send();
    while let Some(page) = pages.next().await {
        match page {
            Ok(p) => repos.extend(p.repositories().iter().cloned()),
            Err(e) => {
                sink.gap(
                    ctx,
                    "ecr",
                    "DescribeRepositories",
                    &errors::describe(&e),
                    types,
                    None,
                );
                return sink;
            }
        }
    }
    for r in repos {
        let name = r.repository_name().unwrap_or_default().to_string();
        let arn = r
            .repository_arn()
            .map(str::to_string)
            .unwrap_or_else(|| ctx.arn("ecr", &format!("repository/{name}")));
        let lifecycle = match sink.absent_or_gap(
            ctx,
            "ecr",
            "GetLifecyclePolicy",
            ecr.get_lifecycle_policy()
                .repository_name(&name)
                .send()
                .await,
            types,
            Some(&arn),
        ) {
            Ok(found) => found.is_some(),
            Err(()) => continue,
        };
        let enhanced = enhanced_filters
            .iter()
            .any(|f| crate::model::policy::wildcard_match(f, &name));
        sink.resources.push(Resource::EcrRepository(EcrRepository {
            meta: meta(ctx, &arn, &name),
            scan_on_push: r
                .image_scanning_configuration()
                .is_some_and(|c| c.scan_on_push()),
            enhanced_scanning: enhanced,
            image_tag_mutability: r
                .image_tag_mutability()
                .map(|m| m.as_str().to_string())
                .unwrap_or_default(),
            lifecycle_policy_present: lifecycle,
        }));
    }
    sink
}

async fn collect_ecs(ctx: &Ctx) -> Sink {
    let mut sink = Sink::default();
    let ecs = ctx.clients.ecs(&ctx.region);
    // Task definitions: the latest active revision of each family.
    let mut families = Vec::new();
    let mut pages = ecs
        .list_task_definition_families()
        .status(aws_sdk_ecs::types::TaskDefinitionFamilyStatus::Active)
        .into_paginator()
        .send();
    while let Some(page) = pages.next().await {
        match page {
            Ok(p) => families.extend(p.families().iter().cloned()),
            Err(e) => {
                sink.gap(
                    ctx,
                    "ecs",
                    "ListTaskDefinitionFamilies",
                    &errors::describe(&e),
                    &["ecs_task_definition"],
                    None,
                );
                break;
            }
        }
    }
    for family in families {
        match ecs
            .describe_task_definition()
            .task_definition(&family)
            .send()
            .await
        {
            Ok(out) => {
                let Some(td) = out.task_definition() else {
                    continue;
                };
                let arn = td.task_definition_arn().unwrap_or_default().to_string();
                sink.resources
                    .push(Resource::EcsTaskDefinition(EcsTaskDefinition {
                        meta: meta(ctx, &arn, &format!("{family}:{}", td.revision())),
                        family: family.clone(),
                        revision: td.revision(),
                        network_mode: td
                            .network_mode()
                            .map(|m| m.as_str().to_string())
                            .unwrap_or_else(|| "bridge".into()),
                        pid_mode: td.pid_mode().map(|m| m.as_str().to_string()),
                        containers: td
                            .container_definitions()
                            .iter()
                            .map(|c| ContainerDefinition {
                                name: c.name().unwrap_or_default().to_string(),
                                privileged: c.privileged().unwrap_or(false),
                                user: c.user().map(str::to_string),
                                readonly_root_filesystem: c
                                    .readonly_root_filesystem()
                                    .unwrap_or(false),
                                environment_variable_names: c
                                    .environment()
                                    .iter()
                                    .filter_map(|e| e.name().map(str::to_string))
                                    .collect(),
                                log_configuration_present: c.log_configuration().is_some(),
                            })
                            .collect(),
                        derived: Default::default(),
                    }));
            }
            Err(e) => {
                let id = ctx.arn("ecs", &format!("task-definition/{family}"));
                sink.gap(
                    ctx,
                    "ecs",
                    "DescribeTaskDefinition",
                    &errors::describe(&e),
                    &["ecs_task_definition"],
                    Some(&id),
                );
            }
        }
    }
    // Clusters and their services.
    let mut cluster_arns = Vec::new();
    let mut pages = ecs.list_clusters().into_paginator().send();
    while let Some(page) = pages.next().await {
        match page {
            Ok(p) => cluster_arns.extend(p.cluster_arns().iter().cloned()),
            Err(e) => {
                sink.gap(
                    ctx,
                    "ecs",
                    "ListClusters",
                    &errors::describe(&e),
                    &["ecs_cluster", "ecs_service"],
                    None,
                );
                return sink;
            }
        }
    }
    for chunk in cluster_arns.chunks(100) {
        match ecs
            .describe_clusters()
            .set_clusters(Some(chunk.to_vec()))
            .include(aws_sdk_ecs::types::ClusterField::Settings)
            .send()
            .await
        {
            Ok(out) => {
                for c in out.clusters() {
                    let arn = c.cluster_arn().unwrap_or_default();
                    let insights = c
                        .settings()
                        .iter()
                        .find(|s| s.name().is_some_and(|n| n.as_str() == "containerInsights"))
                        .and_then(|s| s.value())
                        .unwrap_or("disabled")
                        .to_string();
                    sink.resources.push(Resource::EcsCluster(EcsCluster {
                        meta: meta(ctx, arn, c.cluster_name().unwrap_or_default()),
                        container_insights: insights,
                    }));
                }
            }
            Err(e) => sink.gap(
                ctx,
                "ecs",
                "DescribeClusters",
                &errors::describe(&e),
                &["ecs_cluster"],
                None,
            ),
        }
    }
    for cluster in &cluster_arns {
        let mut service_arns = Vec::new();
        let mut pages = ecs.list_services().cluster(cluster).into_paginator().send();
        while let Some(page) = pages.next().await {
            match page {
                Ok(p) => service_arns.extend(p.service_arns().iter().cloned()),
                Err(e) => {
                    sink.gap(
                        ctx,
                        "ecs",
                        "ListServices",
                        &errors::describe(&e),
                        &["ecs_service"],
                        None,
                    );
                    break;
                }
            }
        }
        for chunk in service_arns.chunks(10) {
            match ecs
                .describe_services()
                .cluster(cluster)
                .set_services(Some(chunk.to_vec()))
                .send()
                .await
            {
                Ok(out) => {
                    for s in out.services() {
                        let public = |cfg: Option<&aws_sdk_ecs::types::NetworkConfiguration>| {
                            cfg.and_then(|n| n.awsvpc_configuration())
                                .and_then(|a| a.assign_public_ip())
                                .is_some_and(|p| p.as_str() == "ENABLED")
                        };
                        let assign_public_ip = public(s.network_configuration())
                            || s.task_sets()
                                .iter()
                                .any(|t| public(t.network_configuration()))
                            || s.deployments()
                                .iter()
                                .any(|d| public(d.network_configuration()));
                        sink.resources.push(Resource::EcsService(EcsService {
                            meta: meta(
                                ctx,
                                s.service_arn().unwrap_or_default(),
                                s.service_name().unwrap_or_default(),
                            ),
                            cluster_arn: cluster.clone(),
                            launch_type: s
                                .launch_type()
                                .map(|l| l.as_str().to_string())
                                .unwrap_or_default(),
                            platform_version: s.platform_version().map(str::to_string),
                            assign_public_ip,
                        }));
                    }
                }
                Err(e) => sink.gap(
                    ctx,
                    "ecs",
                    "DescribeServices",
                    &errors::describe(&e),
                    &["ecs_service"],
                    None,
                ),
            }
        }
    }
    sink
}

async fn collect_secrets(ctx: &Ctx) -> Sink {
    let mut sink = Sink::default();
    let sm = ctx.clients.secretsmanager(&ctx.region);
    let mut pages = sm.list_secrets().into_paginator().send();
    while let Some(page) = pages.next().await {
        match page {
            Ok(p) => {
                for s in p.secret_list() {
                    let name = s.name().unwrap_or_default();
                    let arn = s
                        .arn()
                        .map(str::to_string)
                        .unwrap_or_else(|| ctx.arn("secretsmanager", &format!("secret:{name}")));
                    sink.resources
                        .push(Resource::SecretsManagerSecret(SecretsManagerSecret {
                            meta: meta(ctx, &arn, name).with_tags(
                                s.tags()
                                    .iter()
                                    .filter_map(|t| {
                                        Some((
                                            t.key()?.to_string(),
                                            t.value().unwrap_or("").to_string(),
                                        ))
                                    })
                                    .collect(),
                            ),
                            rotation_enabled: s.rotation_enabled().unwrap_or(false),
                            rotation_interval_days: s
                                .rotation_rules()
                                .and_then(|r| r.automatically_after_days()),
                            last_rotated_date: ts(s.last_rotated_date()),
                            last_accessed_date: ts(s.last_accessed_date()),
                            created_date: ts(s.created_date()),
                            derived: Default::default(),
                        }));
                }
            }
            Err(e) => {
                sink.gap(
                    ctx,
                    "secretsmanager",
                    "ListSecrets",
                    &errors::describe(&e),
                    &["secretsmanager_secret"],
                    None,
                );
                break;
            }
        }
    }
    sink
}
