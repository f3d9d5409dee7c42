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
            // Aliases only name keys in messages; a key without one is still judged.
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

#[cfg(test)]
mod tests {
    use super::*;

    use aws_sdk_kms::Client;
    use aws_sdk_kms::operation::describe_key::DescribeKeyOutput;
    use aws_sdk_kms::operation::get_key_policy::GetKeyPolicyOutput;
    use aws_sdk_kms::operation::get_key_rotation_status::GetKeyRotationStatusOutput;
    use aws_sdk_kms::operation::list_aliases::ListAliasesOutput;
    use aws_sdk_kms::operation::list_keys::ListKeysOutput;
    use aws_sdk_kms::types::{
        AliasListEntry, KeyListEntry, KeyManagerType, KeyMetadata, KeySpec, KeyState,
    };
    use aws_smithy_mocks::{MockResponse, mock};

    use crate::finding::Status;
    use crate::source::aws::canned::{self, ACCOUNT, REGION};

    fn key_arn(id: &str) -> String {
        format!("arn:aws:kms:{REGION}:{ACCOUNT}:key/{id}")
    }

    fn denied(operation: &str) -> aws_smithy_runtime_api::client::orchestrator::HttpResponse {
        canned::json_error(
            400,
            "AccessDeniedException",
            &format!(
                "User: arn:aws:iam::{ACCOUNT}:user/auditor is not authorized to perform: kms:{operation} because no identity-based policy allows the kms:{operation} action"
            ),
        )
    }

    // Canned: moto can deny an action (IAM policy enforcement), but it answers this JSON
    // service's denial with an XML `<ErrorResponse>` body and no `x-amzn-ErrorType`, so the SDK
    // would not see KMS's `AccessDeniedException`; this is KMS's own 400 answer.
    #[tokio::test]
    async fn denied_key_listing_is_a_gap_not_an_empty_region() {
        let rules = vec![mock!(Client::list_keys).then_http_response(|| denied("ListKeys"))];
        let (clients, counter) = canned::clients(rules);
        let sink = collect(&canned::ctx(clients, REGION)).await;
        assert!(sink.resources.is_empty());
        assert_eq!(sink.gaps.len(), 1, "{:?}", sink.gaps);
        let gap = &sink.gaps[0];
        assert_eq!(
            (
                gap.service.as_str(),
                gap.operation.as_str(),
                gap.region.as_str()
            ),
            ("kms", "ListKeys", REGION)
        );
        assert!(
            gap.error.starts_with("AccessDeniedException: User: arn:aws:iam::111111111111:user/auditor is not authorized to perform: kms:ListKeys"),
            "{}",
            gap.error
        );
        assert_eq!(gap.resource_types, ["kms_key"]);
        // Nothing else is asked once the listing failed.
        assert_eq!(counter.calls(), 1);
        // The key checks are not evaluated in the region, never passed for want of keys.
        let verdicts = canned::verdicts(&sink, &["kms/key_rotation_enabled.rego"]);
        assert_eq!(verdicts.len(), 1, "{verdicts:?}");
        assert!(verdicts.values().all(|s| *s == Status::NotEvaluated));
    }

    // Canned: moto authorizes every KMS call against `Resource: *`, so it cannot deny a call
    // on one key only (and its denial is not KMS's wire format, see above); the other key must
    // still be collected in full.
    #[tokio::test]
    async fn one_key_denied_leaves_a_gap_on_that_key_and_the_others_collected() {
        let rules = vec![
            mock!(Client::list_keys).then_output(|| {
                ListKeysOutput::builder()
                    .keys(KeyListEntry::builder().key_id("k-open").key_arn(key_arn("k-open")).build())
                    .keys(KeyListEntry::builder().key_id("k-locked").key_arn(key_arn("k-locked")).build())
                    .truncated(false)
                    .build()
            }),
            mock!(Client::list_aliases).then_output(|| {
                ListAliasesOutput::builder()
                    .aliases(
                        AliasListEntry::builder()
                            .alias_name("alias/app")
                            .target_key_id("k-open")
                            .build(),
                    )
                    .build()
            }),
            mock!(Client::describe_key).then_compute_output(|input| {
                let id = input.key_id().unwrap_or_default();
                DescribeKeyOutput::builder()
                    .key_metadata(
                        KeyMetadata::builder()
                            .key_id(id)
                            .arn(key_arn(id))
                            .key_manager(KeyManagerType::Customer)
                            .key_spec(KeySpec::SymmetricDefault)
                            .key_state(KeyState::Enabled)
                            .build()
                            .expect("valid metadata"),
                    )
                    .build()
            }),
            mock!(Client::get_key_rotation_status).then_compute_response(|input| {
                match input.key_id() {
                    Some("k-locked") => MockResponse::Http(denied("GetKeyRotationStatus")),
                    _ => MockResponse::Output(
                        GetKeyRotationStatusOutput::builder()
                            .key_rotation_enabled(true)
                            .build(),
                    ),
                }
            }),
            mock!(Client::get_key_policy).then_output(|| {
                GetKeyPolicyOutput::builder()
                    .policy(r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"kms:*","Resource":"*"}]}"#)
                    .policy_name("default")
                    .build()
            }),
        ];
        let (clients, _) = canned::clients(rules);
        let sink = collect(&canned::ctx(clients, REGION)).await;

        assert_eq!(sink.gaps.len(), 1, "{:?}", sink.gaps);
        let gap = &sink.gaps[0];
        assert_eq!(gap.operation, "GetKeyRotationStatus");
        assert_eq!(
            gap.resource_id.as_deref(),
            Some(key_arn("k-locked").as_str())
        );
        assert!(
            gap.error.starts_with("AccessDeniedException: "),
            "{}",
            gap.error
        );

        assert_eq!(sink.resources.len(), 1);
        let Resource::KmsKey(key) = &sink.resources[0] else {
            panic!("a KMS key, got {:?}", sink.resources[0].type_name());
        };
        assert_eq!(key.key_id, "k-open");
        assert_eq!(key.meta.name.as_deref(), Some("alias/app"));
        assert_eq!(key.rotation_enabled, Some(true));
        assert!(key.policy.is_some());
    }
}
