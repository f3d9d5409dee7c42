//! KMS (regional): keys with their metadata; rotation status and key policy for
//! customer-managed keys only (AWS-managed keys rotate and are governed by AWS).

use std::collections::HashMap;
use std::pin::Pin;

use super::{Collector, Ctx, Scope, Sink, errors};
use crate::model::kms::KmsKey;
use crate::model::policy::decode_policy_document;
use crate::model::time::Timestamp;
use crate::model::{Resource, ResourceMeta};

pub(super) fn collector() -> Collector {
    Collector {
        service: "kms",
        scope: Scope::Regional,
        types: &["kms_key"],
        collect: |ctx| {
            Box::pin(collect(ctx)) as Pin<Box<dyn std::future::Future<Output = Sink> + Send + '_>>
        },
    }
}

async fn collect(ctx: &Ctx) -> Sink {
    let mut sink = Sink::default();
    let kms = ctx.clients.kms(&ctx.region);
    let types = &["kms_key"];
    let mut key_ids = Vec::new();
    let mut pages = kms.list_keys().into_paginator().send();
    while let Some(page) = pages.next().await {
        match page {
            Ok(p) => key_ids.extend(
                p.keys()
                    .iter()
                    .filter_map(|k| k.key_id().map(str::to_string)),
            ),
            Err(e) => {
                sink.gap(ctx, "kms", "ListKeys", &errors::describe(&e), types, None);
                return sink;
            }
        }
    }
    let mut aliases: HashMap<String, String> = HashMap::new();
    let mut pages = kms.list_aliases().into_paginator().send();
    while let Some(page) = pages.next().await {
        match page {
            Ok(p) => {
                for a in p.aliases() {
                    if let (Some(key), Some(name)) = (a.target_key_id(), a.alias_name()) {
                        aliases
                            .entry(key.to_string())
                            .or_insert_with(|| name.to_string());
                    }
                }
            }
            Err(_) => break,
        }
    }
    for id in key_ids {
        let described = match kms.describe_key().key_id(&id).send().await {
            Ok(d) => d,
            Err(e) => {
                let arn = ctx.arn("kms", &format!("key/{id}"));
                sink.gap(
                    ctx,
                    "kms",
                    "DescribeKey",
                    &errors::describe(&e),
                    types,
                    Some(&arn),
                );
                continue;
            }
        };
        let Some(m) = described.key_metadata() else {
            continue;
        };
        let arn = m
            .arn()
            .map(str::to_string)
            .unwrap_or_else(|| ctx.arn("kms", &format!("key/{id}")));
        let manager = m
            .key_manager()
            .map(|k| k.as_str().to_string())
            .unwrap_or_default();
        let spec = m
            .key_spec()
            .map(|k| k.as_str().to_string())
            .unwrap_or_default();
        let state = m
            .key_state()
            .map(|k| k.as_str().to_string())
            .unwrap_or_default();
        let customer = manager == "CUSTOMER";
        let mut rotation_enabled = None;
        let mut policy = None;
        if customer && state != "PendingDeletion" {
            if spec == "SYMMETRIC_DEFAULT" {
                match kms.get_key_rotation_status().key_id(&id).send().await {
                    Ok(r) => rotation_enabled = Some(r.key_rotation_enabled()),
                    Err(e) => {
                        sink.gap(
                            ctx,
                            "kms",
                            "GetKeyRotationStatus",
                            &errors::describe(&e),
                            types,
                            Some(&arn),
                        );
                        continue;
                    }
                }
            }
            match kms
                .get_key_policy()
                .key_id(&id)
                .policy_name("default")
                .send()
                .await
            {
                Ok(p) => policy = p.policy().and_then(decode_policy_document),
                Err(e) => {
                    sink.gap(
                        ctx,
                        "kms",
                        "GetKeyPolicy",
                        &errors::describe(&e),
                        types,
                        Some(&arn),
                    );
                    continue;
                }
            }
        }
        let mut meta =
            ResourceMeta::new(&arn, &ctx.account_id, &ctx.region, &ctx.partition).with_arn(&arn);
        meta.name = aliases.get(&id).cloned();
        sink.resources.push(Resource::KmsKey(KmsKey {
            meta,
            key_id: id.clone(),
            key_manager: manager,
            key_state: state,
            key_spec: spec,
            key_usage: m
                .key_usage()
                .map(|k| k.as_str().to_string())
                .unwrap_or_default(),
            origin: m
                .origin()
                .map(|k| k.as_str().to_string())
                .unwrap_or_default(),
            rotation_enabled,
            policy,
            deletion_date: m.deletion_date().map(|d| Timestamp::from_unix(d.secs())),
            derived: Default::default(),
        }));
    }
    sink
}
