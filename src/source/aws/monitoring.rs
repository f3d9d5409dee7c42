//! The CIS monitoring chain (regional): CloudWatch Logs metric filters, CloudWatch alarms and
//! SNS topics with their subscriptions. Log groups themselves are not listed: the checks need
//! only the filters, and large accounts have thousands of groups.

use std::collections::HashMap;
use std::pin::Pin;

use super::{Collector, Ctx, Scope, Sink, errors};
use crate::model::monitoring::{
    AlarmMetric, CloudWatchAlarm, LogsMetricFilter, MetricTransformation, SnsSubscription, SnsTopic,
};
use crate::model::policy::decode_policy_document;
use crate::model::{Resource, ResourceMeta};

type BoxSink<'a> = Pin<Box<dyn std::future::Future<Output = Sink> + Send + 'a>>;

pub(super) fn logs_collector() -> Collector {
    Collector {
        service: "logs",
        scope: Scope::Regional,
        types: &["logs_metric_filter"],
        collect: |ctx| Box::pin(collect_filters(ctx)) as BoxSink<'_>,
    }
}

pub(super) fn cloudwatch_collector() -> Collector {
    Collector {
        service: "cloudwatch",
        scope: Scope::Regional,
        types: &["cloudwatch_alarm"],
        collect: |ctx| Box::pin(collect_alarms(ctx)) as BoxSink<'_>,
    }
}

pub(super) fn sns_collector() -> Collector {
    Collector {
        service: "sns",
        scope: Scope::Regional,
        types: &["sns_topic"],
        collect: |ctx| Box::pin(collect_topics(ctx)) as BoxSink<'_>,
    }
}

async fn collect_filters(ctx: &Ctx) -> Sink {
    let mut sink = Sink::default();
    let logs = ctx.clients.logs(&ctx.region);
    let mut pages = logs.describe_metric_filters().into_paginator().send();
    while let Some(page) = pages.next().await {
        match page {
            Ok(p) => {
                for f in p.metric_filters() {
                    let group = f.log_group_name().unwrap_or_default();
                    let name = f.filter_name().unwrap_or_default();
                    let id = format!(
                        "{}:metric-filter:{name}",
                        ctx.arn("logs", &format!("log-group:{group}"))
                    );
                    sink.resources
                        .push(Resource::LogsMetricFilter(LogsMetricFilter {
                            meta: ResourceMeta::new(
                                &id,
                                &ctx.account_id,
                                &ctx.region,
                                &ctx.partition,
                            )
                            .with_name(name),
                            log_group_name: group.to_string(),
                            filter_pattern: f.filter_pattern().unwrap_or_default().to_string(),
                            metric_transformations: f
                                .metric_transformations()
                                .iter()
                                .map(|t| MetricTransformation {
                                    metric_name: t.metric_name().to_string(),
                                    metric_namespace: t.metric_namespace().to_string(),
                                })
                                .collect(),
                            derived: Default::default(),
                        }));
                }
            }
            Err(e) => {
                sink.gap(
                    ctx,
                    "logs",
                    "DescribeMetricFilters",
                    &errors::describe(&e),
                    &["logs_metric_filter"],
                    None,
                );
                break;
            }
        }
    }
    sink
}

async fn collect_alarms(ctx: &Ctx) -> Sink {
    let mut sink = Sink::default();
    let cw = ctx.clients.cloudwatch(&ctx.region);
    let mut pages = cw.describe_alarms().into_paginator().send();
    while let Some(page) = pages.next().await {
        match page {
            Ok(p) => {
                for a in p.metric_alarms() {
                    let name = a.alarm_name().unwrap_or_default();
                    let arn = a
                        .alarm_arn()
                        .map(str::to_string)
                        .unwrap_or_else(|| ctx.arn("cloudwatch", &format!("alarm:{name}")));
                    let mut metrics = Vec::new();
                    if let (Some(m), Some(ns)) = (a.metric_name(), a.namespace()) {
                        metrics.push(AlarmMetric {
                            metric_name: m.to_string(),
                            namespace: ns.to_string(),
                        });
                    }
                    for q in a.metrics() {
                        if let Some(metric) = q.metric_stat().and_then(|s| s.metric()) {
                            metrics.push(AlarmMetric {
                                metric_name: metric.metric_name().unwrap_or_default().to_string(),
                                namespace: metric.namespace().unwrap_or_default().to_string(),
                            });
                        }
                    }
                    sink.resources
                        .push(Resource::CloudWatchAlarm(CloudWatchAlarm {
                            meta: ResourceMeta::new(
                                &arn,
                                &ctx.account_id,
                                &ctx.region,
                                &ctx.partition,
                            )
                            .with_arn(&arn)
                            .with_name(name),
                            metrics,
                            alarm_actions: a.alarm_actions().to_vec(),
                            actions_enabled: a.actions_enabled().unwrap_or(true),
                        }));
                }
            }
            Err(e) => {
                sink.gap(
                    ctx,
                    "cloudwatch",
                    "DescribeAlarms",
                    &errors::describe(&e),
                    &["cloudwatch_alarm"],
                    None,
                );
                break;
            }
        }
    }
    sink
}

async fn collect_topics(ctx: &Ctx) -> Sink {
    let mut sink = Sink::default();
    let sns = ctx.clients.sns(&ctx.region);
    let types = &["sns_topic"];
    let mut topics = Vec::new();
    let mut pages = sns.list_topics().into_paginator().send();
    while let Some(page) = pages.next().await {
        match page {
            Ok(p) => topics.extend(
                p.topics()
                    .iter()
                    .filter_map(|t| t.topic_arn().map(str::to_string)),
            ),
            Err(e) => {
                sink.gap(ctx, "sns", "ListTopics", &errors::describe(&e), types, None);
                return sink;
            }
        }
    }
    // All subscriptions of the region in one paginated call, grouped by topic.
    let mut subscriptions: HashMap<String, Vec<SnsSubscription>> = HashMap::new();
    let mut pages = sns.list_subscriptions().into_paginator().send();
    while let Some(page) = pages.next().await {
        match page {
            Ok(p) => {
                for s in p.subscriptions() {
                    let arn = s.subscription_arn().unwrap_or_default();
                    subscriptions
                        .entry(s.topic_arn().unwrap_or_default().to_string())
                        .or_default()
                        .push(SnsSubscription {
                            protocol: s.protocol().unwrap_or_default().to_string(),
                            confirmed: arn.starts_with("arn:"),
                        });
                }
            }
            Err(e) => {
                sink.gap(
                    ctx,
                    "sns",
                    "ListSubscriptions",
                    &errors::describe(&e),
                    types,
                    None,
                );
                return sink;
            }
        }
    }
    for arn in topics {
        let attrs = match sns.get_topic_attributes().topic_arn(&arn).send().await {
            Ok(a) => a.attributes().cloned().unwrap_or_default(),
            Err(e) => {
                sink.gap(
                    ctx,
                    "sns",
                    "GetTopicAttributes",
                    &errors::describe(&e),
                    types,
                    Some(&arn),
                );
                continue;
            }
        };
        let name = arn.rsplit(':').next().unwrap_or_default().to_string();
        sink.resources.push(Resource::SnsTopic(SnsTopic {
            meta: ResourceMeta::new(&arn, &ctx.account_id, &ctx.region, &ctx.partition)
                .with_arn(&arn)
                .with_name(name),
            kms_master_key_id: attrs
                .get("KmsMasterKeyId")
                .filter(|k| !k.is_empty())
                .cloned(),
            policy: attrs.get("Policy").and_then(|p| decode_policy_document(p)),
            subscriptions: subscriptions.remove(&arn).unwrap_or_default(),
            derived: Default::default(),
        }));
    }
    sink
}
