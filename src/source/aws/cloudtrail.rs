//! CloudTrail (regional): the trails homed in each region, with status and event selectors.
//! Trails are listed per region because ListTrails from one region can miss trails homed
//! elsewhere; shadow copies of multi-region trails are skipped so each trail appears once.

use std::pin::Pin;

use super::{Collector, Ctx, Scope, Sink, errors};
use crate::model::cloudtrail::{
    AdvancedEventSelector, AdvancedFieldSelector, CloudTrailTrail, DataResource, EventSelector,
};
use crate::model::time::Timestamp;
use crate::model::{Resource, ResourceMeta};

pub(super) fn collector() -> Collector {
    Collector {
        service: "cloudtrail",
        scope: Scope::Regional,
        types: &["cloudtrail_trail"],
        collect: |ctx| {
            Box::pin(collect(ctx)) as Pin<Box<dyn std::future::Future<Output = Sink> + Send + '_>>
        },
    }
}

async fn collect(ctx: &Ctx) -> Sink {
    let mut sink = Sink::default();
    let client = ctx.clients.cloudtrail(&ctx.region);
    let trails = match client
        .describe_trails()
        .include_shadow_trails(false)
        .send()
        .await
    {
        Ok(out) => out.trail_list().to_vec(),
        Err(e) => {
            let info = errors::describe(&e);
            sink.gap(
                ctx,
                "cloudtrail",
                "DescribeTrails",
                &info,
                &["cloudtrail_trail"],
                None,
            );
            return sink;
        }
    };
    for t in trails {
        if t.home_region().is_some_and(|h| h != ctx.region) {
            continue;
        }
        let arn = t.trail_arn().unwrap_or_default().to_string();
        let name = t.name().unwrap_or_default().to_string();
        let (status, selectors) = tokio::join!(
            client.get_trail_status().name(&arn).send(),
            client.get_event_selectors().trail_name(&arn).send()
        );
        let (is_logging, latest_cw) = match status {
            Ok(s) => (
                s.is_logging().unwrap_or(false),
                s.latest_cloud_watch_logs_delivery_time()
                    .map(|d| Timestamp::from_unix(d.secs())),
            ),
            Err(e) => {
                let info = errors::describe(&e);
                sink.gap(
                    ctx,
                    "cloudtrail",
                    "GetTrailStatus",
                    &info,
                    &["cloudtrail_trail"],
                    Some(&arn),
                );
                (false, None)
            }
        };
        let (event_selectors, advanced_event_selectors) = match selectors {
            Ok(s) => (
                s.event_selectors()
                    .iter()
                    .map(|e| EventSelector {
                        read_write_type: e
                            .read_write_type()
                            .map(|r| r.as_str().to_string())
                            .unwrap_or_else(|| "All".into()),
                        include_management_events: e.include_management_events().unwrap_or(true),
                        data_resources: e
                            .data_resources()
                            .iter()
                            .map(|d| DataResource {
                                resource_type: d.r#type().unwrap_or_default().to_string(),
                                values: d.values().to_vec(),
                            })
                            .collect(),
                    })
                    .collect(),
                s.advanced_event_selectors()
                    .iter()
                    .map(|a| AdvancedEventSelector {
                        name: a.name().map(str::to_string),
                        field_selectors: a
                            .field_selectors()
                            .iter()
                            .map(|f| AdvancedFieldSelector {
                                field: f.field().to_string(),
                                equals: f.equals().to_vec(),
                                not_equals: f.not_equals().to_vec(),
                                starts_with: f.starts_with().to_vec(),
                                not_starts_with: f.not_starts_with().to_vec(),
                            })
                            .collect(),
                    })
                    .collect(),
            ),
            Err(e) => {
                let info = errors::describe(&e);
                sink.gap(
                    ctx,
                    "cloudtrail",
                    "GetEventSelectors",
                    &info,
                    &["cloudtrail_trail"],
                    Some(&arn),
                );
                (Vec::new(), Vec::new())
            }
        };
        sink.resources
            .push(Resource::CloudTrailTrail(CloudTrailTrail {
                meta: ResourceMeta::new(&arn, &ctx.account_id, &ctx.region, &ctx.partition)
                    .with_arn(&arn)
                    .with_name(name),
                is_multi_region_trail: t.is_multi_region_trail().unwrap_or(false),
                is_organization_trail: t.is_organization_trail().unwrap_or(false),
                include_global_service_events: t.include_global_service_events().unwrap_or(false),
                log_file_validation_enabled: t.log_file_validation_enabled().unwrap_or(false),
                kms_key_id: t.kms_key_id().map(str::to_string),
                s3_bucket_name: t.s3_bucket_name().map(str::to_string),
                cloud_watch_logs_log_group_arn: t
                    .cloud_watch_logs_log_group_arn()
                    .map(str::to_string),
                is_logging,
                latest_cloud_watch_logs_delivery_time: latest_cw,
                event_selectors,
                advanced_event_selectors,
                derived: Default::default(),
            }));
    }
    sink
}
