//! Regional security services: IAM Access Analyzer analyzers and Security Hub.

use std::pin::Pin;

use super::{Collector, Ctx, Scope, Sink, errors};
use crate::model::iam::AccessAnalyzer;
use crate::model::services::SecurityHubHub;
use crate::model::{Resource, ResourceMeta};

type BoxSink<'a> = Pin<Box<dyn std::future::Future<Output = Sink> + Send + 'a>>;

pub(super) fn access_analyzer_collector() -> Collector {
    Collector {
        service: "accessanalyzer",
        scope: Scope::Regional,
        types: &["accessanalyzer_analyzer"],
        collect: |ctx| Box::pin(collect_analyzers(ctx)) as BoxSink<'_>,
    }
}

pub(super) fn securityhub_collector() -> Collector {
    Collector {
        service: "securityhub",
        scope: Scope::Regional,
        types: &["securityhub_hub"],
        collect: |ctx| Box::pin(collect_hub(ctx)) as BoxSink<'_>,
    }
}

async fn collect_analyzers(ctx: &Ctx) -> Sink {
    let mut sink = Sink::default();
    let client = ctx.clients.accessanalyzer(&ctx.region);
    let mut pages = client.list_analyzers().into_paginator().send();
    while let Some(page) = pages.next().await {
        match page {
            Ok(p) => {
                for a in p.analyzers() {
                    sink.resources
                        .push(Resource::AccessAnalyzer(AccessAnalyzer {
                            meta: ResourceMeta::new(
                                a.arn(),
                                &ctx.account_id,
                                &ctx.region,
                                &ctx.partition,
                            )
                            .with_arn(a.arn())
                            .with_name(a.name()),
                            analyzer_type: a.r#type().as_str().to_string(),
                            status: a.status().as_str().to_string(),
                        }));
                }
            }
            Err(e) => {
                sink.gap(
                    ctx,
                    "accessanalyzer",
                    "ListAnalyzers",
                    &errors::describe(&e),
                    &["accessanalyzer_analyzer"],
                    None,
                );
                break;
            }
        }
    }
    sink
}

async fn collect_hub(ctx: &Ctx) -> Sink {
    let mut sink = Sink::default();
    let client = ctx.clients.securityhub(&ctx.region);
    let id = ctx.arn("securityhub", "hub/default");
    let types = &["securityhub_hub"];
    let enabled = match client.describe_hub().send().await {
        Ok(_) => true,
        Err(e) => {
            let info = errors::describe(&e);
            // "not subscribed" answers mean Security Hub is off in the region.
            if info.code.as_deref() == Some("InvalidAccessException")
                || info.code.as_deref() == Some("ResourceNotFoundException")
            {
                false
            } else {
                sink.gap(ctx, "securityhub", "DescribeHub", &info, types, None);
                return sink;
            }
        }
    };
    let mut enabled_standards = Vec::new();
    let mut meta = ResourceMeta::new(&id, &ctx.account_id, &ctx.region, &ctx.partition);
    if enabled {
        let mut pages = client.get_enabled_standards().into_paginator().send();
        while let Some(page) = pages.next().await {
            match page {
                Ok(out) => enabled_standards.extend(
                    out.standards_subscriptions()
                        .iter()
                        .filter_map(|s| s.standards_arn().map(str::to_string)),
                ),
                Err(e) => {
                    // Whether the hub is on is still known: only the standards are missing,
                    // and a partial list would read as the complete one.
                    enabled_standards.clear();
                    meta.unknown.push("enabled_standards".to_string());
                    sink.gap(
                        ctx,
                        "securityhub",
                        "GetEnabledStandards",
                        &errors::describe(&e),
                        &["securityhub_standards"],
                        Some(&id),
                    );
                    break;
                }
            }
        }
    }
    sink.resources
        .push(Resource::SecurityHubHub(SecurityHubHub {
            meta,
            enabled,
            enabled_standards,
        }));
    sink
}
