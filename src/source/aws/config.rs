//! AWS Config (regional): configuration recorders with their status, and delivery channels.

use std::pin::Pin;

use super::{Collector, Ctx, Scope, Sink, errors};
use crate::model::config::{ConfigDeliveryChannel, ConfigRecorder};
use crate::model::{Resource, ResourceMeta};

pub(super) fn collector() -> Collector {
    Collector {
        service: "config",
        scope: Scope::Regional,
        types: &["config_recorder", "config_delivery_channel"],
        collect: |ctx| {
            Box::pin(collect(ctx)) as Pin<Box<dyn std::future::Future<Output = Sink> + Send + '_>>
        },
    }
}

async fn collect(ctx: &Ctx) -> Sink {
    let mut sink = Sink::default();
    let client = ctx.clients.config_service(&ctx.region);
    let types = &["config_recorder", "config_delivery_channel"];
    let (recorders, statuses, channels) = tokio::join!(
        client.describe_configuration_recorders().send(),
        client.describe_configuration_recorder_status().send(),
        client.describe_delivery_channels().send()
    );
    let recorders = match recorders {
        Ok(r) => r.configuration_recorders().to_vec(),
        Err(e) => {
            sink.gap(
                ctx,
                "config",
                "DescribeConfigurationRecorders",
                &errors::describe(&e),
                types,
                None,
            );
            return sink;
        }
    };
    let statuses = match statuses {
        Ok(s) => s.configuration_recorders_status().to_vec(),
        Err(e) => {
            sink.gap(
                ctx,
                "config",
                "DescribeConfigurationRecorderStatus",
                &errors::describe(&e),
                types,
                None,
            );
            return sink;
        }
    };
    for r in recorders {
        let name = r.name().unwrap_or("default").to_string();
        let status = statuses.iter().find(|s| s.name() == Some(name.as_str()));
        let group = r.recording_group();
        let arn = r
            .arn()
            .map(str::to_string)
            .unwrap_or_else(|| ctx.arn("config", &format!("config-recorder/{name}")));
        sink.resources
            .push(Resource::ConfigRecorder(ConfigRecorder {
                meta: ResourceMeta::new(&arn, &ctx.account_id, &ctx.region, &ctx.partition)
                    .with_name(&name),
                role_arn: r.role_arn().map(str::to_string),
                all_supported: group.map(|g| g.all_supported()).unwrap_or(true),
                include_global_resource_types: group
                    .map(|g| g.include_global_resource_types())
                    .unwrap_or(false),
                recording_strategy: group
                    .and_then(|g| g.recording_strategy())
                    .and_then(|s| s.use_only())
                    .map(|u| u.as_str().to_string()),
                resource_types: group
                    .map(|g| {
                        g.resource_types()
                            .iter()
                            .map(|t| t.as_str().to_string())
                            .collect()
                    })
                    .unwrap_or_default(),
                excluded_resource_types: group
                    .and_then(|g| g.exclusion_by_resource_types())
                    .map(|e| {
                        e.resource_types()
                            .iter()
                            .map(|t| t.as_str().to_string())
                            .collect()
                    })
                    .unwrap_or_default(),
                recording: status.is_some_and(|s| s.recording()),
                last_status: status
                    .and_then(|s| s.last_status())
                    .map(|s| s.as_str().to_string()),
            }));
    }
    match channels {
        Ok(c) => {
            for ch in c.delivery_channels() {
                let name = ch.name().unwrap_or("default").to_string();
                let id = ctx.arn("config", &format!("delivery-channel/{name}"));
                sink.resources
                    .push(Resource::ConfigDeliveryChannel(ConfigDeliveryChannel {
                        meta: ResourceMeta::new(&id, &ctx.account_id, &ctx.region, &ctx.partition)
                            .with_name(&name),
                        s3_bucket_name: ch.s3_bucket_name().map(str::to_string),
                        sns_topic_arn: ch.sns_topic_arn().map(str::to_string),
                    }));
            }
        }
        Err(e) => sink.gap(
            ctx,
            "config",
            "DescribeDeliveryChannels",
            &errors::describe(&e),
            &["config_delivery_channel"],
            None,
        ),
    }
    sink
}
