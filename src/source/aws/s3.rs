//! S3: the account-level Block Public Access setting (global) and buckets (listed once per
//! account, each described from its own region; only buckets in scanned regions are kept),
//! plus access points per region.

use std::pin::Pin;

use aws_sdk_s3::types::{BucketVersioningStatus, MfaDeleteStatus, Permission, Type as GranteeType};

use super::{Collector, Ctx, Scope, Sink, errors};
use crate::model::policy::decode_policy_document;
use crate::model::s3::{
    AclGrant, BucketAcl, BucketLogging, EncryptionRule, PublicAccessBlock, S3AccessPoint,
    S3AccountPublicAccessBlock, S3Bucket, Versioning,
};
use crate::model::time::Timestamp;
use crate::model::{GLOBAL_REGION, Resource, ResourceMeta};

type BoxSink<'a> = Pin<Box<dyn std::future::Future<Output = Sink> + Send + 'a>>;

pub(super) fn global_collector() -> Collector {
    Collector {
        service: "s3",
        scope: Scope::Global,
        types: &["s3_bucket", "s3_account_public_access_block"],
        collect: |ctx| Box::pin(collect_global(ctx)) as BoxSink<'_>,
    }
}

pub(super) fn regional_collector() -> Collector {
    Collector {
        service: "s3control",
        scope: Scope::Regional,
        types: &["s3_access_point"],
        collect: |ctx| Box::pin(collect_access_points(ctx)) as BoxSink<'_>,
    }
}

fn pab(b: Option<bool>, i: Option<bool>, p: Option<bool>, r: Option<bool>) -> PublicAccessBlock {
    PublicAccessBlock {
        block_public_acls: b.unwrap_or(false),
        ignore_public_acls: i.unwrap_or(false),
        block_public_policy: p.unwrap_or(false),
        restrict_public_buckets: r.unwrap_or(false),
    }
}

/// The region of a bucket from GetBucketLocation's answer (empty means us-east-1, `EU` is the
/// legacy name of eu-west-1).
fn bucket_region(constraint: Option<&str>) -> String {
    match constraint {
        None | Some("") => "us-east-1".to_string(),
        Some("EU") => "eu-west-1".to_string(),
        Some(r) => r.to_string(),
    }
}

async fn collect_global(ctx: &Ctx) -> Sink {
    let mut sink = Sink::default();
    // Account-level Block Public Access.
    let control = ctx.clients.s3control(ctx.client_region());
    let id = format!(
        "arn:{}:s3:::account/{}/public-access-block",
        ctx.partition, ctx.account_id
    );
    if let Ok(found) = sink.absent_or_gap(
        ctx,
        "s3control",
        "GetPublicAccessBlock",
        control
            .get_public_access_block()
            .account_id(&ctx.account_id)
            .send()
            .await,
        &["s3_account_public_access_block"],
        None,
    ) {
        let configuration = found
            .and_then(|o| o.public_access_block_configuration().cloned())
            .map(|c| {
                pab(
                    c.block_public_acls(),
                    c.ignore_public_acls(),
                    c.block_public_policy(),
                    c.restrict_public_buckets(),
                )
            });
        sink.resources.push(Resource::S3AccountPublicAccessBlock(
            S3AccountPublicAccessBlock {
                meta: ResourceMeta::new(id, &ctx.account_id, GLOBAL_REGION, &ctx.partition),
                configuration,
            },
        ));
    }

    // Buckets. ListBuckets is global; never send MaxBuckets (emulators truncate without a token).
    let s3 = ctx.clients.s3(ctx.client_region());
    let buckets = match s3.list_buckets().send().await {
        Ok(out) => out.buckets().to_vec(),
        Err(e) => {
            let info = errors::describe(&e);
            for region in &ctx.regions {
                sink.gaps.push(crate::model::Gap {
                    account_id: ctx.account_id.clone(),
                    region: region.clone(),
                    service: "s3".into(),
                    operation: "ListBuckets".into(),
                    error: info.to_string(),
                    resource_types: vec!["s3_bucket".into()],
                    resource_id: None,
                });
            }
            return sink;
        }
    };
    let mut described = Vec::new();
    for b in buckets {
        let Some(name) = b.name().map(str::to_string) else {
            continue;
        };
        let region = match b.bucket_region() {
            Some(r) => r.to_string(),
            None => match s3.get_bucket_location().bucket(&name).send().await {
                Ok(out) => bucket_region(out.location_constraint().map(|c| c.as_str())),
                Err(e) => {
                    let info = errors::describe(&e);
                    let arn = format!("arn:{}:s3:::{name}", ctx.partition);
                    sink.gap(
                        ctx,
                        "s3",
                        "GetBucketLocation",
                        &info,
                        &["s3_bucket"],
                        Some(&arn),
                    );
                    continue;
                }
            },
        };
        if !ctx.regions.contains(&region) {
            continue;
        }
        described.push(describe_bucket(
            ctx,
            name,
            region,
            b.creation_date().map(|d| Timestamp::from_unix(d.secs())),
        ));
    }
    // Describe buckets concurrently; each needs a handful of independent calls.
    for (bucket, gaps) in futures_join_all(described).await {
        if let Some(b) = bucket {
            sink.resources.push(Resource::S3Bucket(b));
        }
        sink.gaps.extend(gaps);
    }
    sink
}

/// Runs futures concurrently, keeping order (a small join_all without another dependency).
async fn futures_join_all<F>(futures: Vec<F>) -> Vec<F::Output>
where
    F: std::future::Future + Send + 'static,
    F::Output: Send + 'static,
{
    let mut set = tokio::task::JoinSet::new();
    for (i, f) in futures.into_iter().enumerate() {
        set.spawn(async move { (i, f.await) });
    }
    let mut out: Vec<(usize, F::Output)> = Vec::new();
    while let Some(Ok(item)) = set.join_next().await {
        out.push(item);
    }
    out.sort_by_key(|(i, _)| *i);
    out.into_iter().map(|(_, v)| v).collect()
}

fn describe_bucket(
    ctx: &Ctx,
    name: String,
    region: String,
    created: Option<Timestamp>,
) -> impl std::future::Future<Output = (Option<S3Bucket>, Vec<crate::model::Gap>)> + Send + 'static
{
    let s3 = ctx.clients.s3(&region);
    let sub = Ctx {
        clients: ctx.clients.clone(),
        account_id: ctx.account_id.clone(),
        partition: ctx.partition.clone(),
        region: region.clone(),
        home_region: ctx.home_region.clone(),
        regions: Vec::new(),
        now: ctx.now,
    };
    async move {
        let ctx = &sub;
        let mut sink = Sink::default();
        let arn = format!("arn:{}:s3:::{name}", ctx.partition);
        let types = &["s3_bucket"];
        let id = Some(arn.as_str());
        let (pab_r, enc_r, ver_r, log_r, pol_r, acl_r, own_r, lock_r, life_r, tag_r) = tokio::join!(
            s3.get_public_access_block().bucket(&name).send(),
            s3.get_bucket_encryption().bucket(&name).send(),
            s3.get_bucket_versioning().bucket(&name).send(),
            s3.get_bucket_logging().bucket(&name).send(),
            s3.get_bucket_policy().bucket(&name).send(),
            s3.get_bucket_acl().bucket(&name).send(),
            s3.get_bucket_ownership_controls().bucket(&name).send(),
            s3.get_object_lock_configuration().bucket(&name).send(),
            s3.get_bucket_lifecycle_configuration().bucket(&name).send(),
            s3.get_bucket_tagging().bucket(&name).send(),
        );
        let public_access_block =
            match sink.absent_or_gap(ctx, "s3", "GetPublicAccessBlock", pab_r, types, id) {
                Ok(v) => v
                    .and_then(|o| o.public_access_block_configuration().cloned())
                    .map(|c| {
                        pab(
                            c.block_public_acls(),
                            c.ignore_public_acls(),
                            c.block_public_policy(),
                            c.restrict_public_buckets(),
                        )
                    }),
                Err(()) => None,
            };
        let encryption_rules =
            match sink.absent_or_gap(ctx, "s3", "GetBucketEncryption", enc_r, types, id) {
                Ok(v) => v
                    .and_then(|o| o.server_side_encryption_configuration().cloned())
                    .map(|c| {
                        c.rules()
                            .iter()
                            .filter_map(|r| {
                                let d = r.apply_server_side_encryption_by_default()?;
                                Some(EncryptionRule {
                                    sse_algorithm: d.sse_algorithm().as_str().to_string(),
                                    kms_master_key_id: d.kms_master_key_id().map(str::to_string),
                                    bucket_key_enabled: r.bucket_key_enabled().unwrap_or(false),
                                })
                            })
                            .collect()
                    })
                    .unwrap_or_default(),
                Err(()) => Vec::new(),
            };
        let versioning =
            match sink.absent_or_gap(ctx, "s3", "GetBucketVersioning", ver_r, types, id) {
                Ok(v) => v
                    .map(|o| Versioning {
                        status: o.status().map(|s| match s {
                            BucketVersioningStatus::Enabled => "Enabled".to_string(),
                            BucketVersioningStatus::Suspended => "Suspended".to_string(),
                            other => other.as_str().to_string(),
                        }),
                        mfa_delete: o.mfa_delete() == Some(&MfaDeleteStatus::Enabled),
                    })
                    .unwrap_or_default(),
                Err(()) => Versioning::default(),
            };
        let logging = match sink.absent_or_gap(ctx, "s3", "GetBucketLogging", log_r, types, id) {
            Ok(v) => {
                let enabled = v.as_ref().and_then(|o| o.logging_enabled());
                BucketLogging {
                    enabled: enabled.is_some(),
                    target_bucket: enabled.map(|l| l.target_bucket().to_string()),
                    target_prefix: enabled.map(|l| l.target_prefix().to_string()),
                }
            }
            Err(()) => BucketLogging::default(),
        };
        let policy = match sink.absent_or_gap(ctx, "s3", "GetBucketPolicy", pol_r, types, id) {
            Ok(v) => v.and_then(|o| o.policy().and_then(decode_policy_document)),
            Err(()) => None,
        };
        let acl = match sink.absent_or_gap(ctx, "s3", "GetBucketAcl", acl_r, types, id) {
            Ok(v) => v
                .map(|o| BucketAcl {
                    owner_id: o.owner().and_then(|w| w.id()).map(str::to_string),
                    grants: o
                        .grants()
                        .iter()
                        .filter_map(|g| {
                            let grantee = g.grantee()?;
                            Some(AclGrant {
                                grantee_type: match grantee.r#type() {
                                    GranteeType::CanonicalUser => "CanonicalUser".to_string(),
                                    GranteeType::Group => "Group".to_string(),
                                    GranteeType::AmazonCustomerByEmail => {
                                        "AmazonCustomerByEmail".to_string()
                                    }
                                    other => other.as_str().to_string(),
                                },
                                grantee_uri: grantee.uri().map(str::to_string),
                                grantee_id: grantee.id().map(str::to_string),
                                permission: g
                                    .permission()
                                    .map(Permission::as_str)
                                    .unwrap_or("")
                                    .to_string(),
                            })
                        })
                        .collect(),
                })
                .unwrap_or_default(),
            Err(()) => BucketAcl::default(),
        };
        let object_ownership =
            match sink.absent_or_gap(ctx, "s3", "GetBucketOwnershipControls", own_r, types, id) {
                Ok(v) => v.and_then(|o| {
                    o.ownership_controls().and_then(|c| {
                        c.rules()
                            .first()
                            .map(|r| r.object_ownership().as_str().to_string())
                    })
                }),
                Err(()) => None,
            };
        let object_lock_enabled =
            match sink.absent_or_gap(ctx, "s3", "GetObjectLockConfiguration", lock_r, types, id) {
                Ok(v) => v
                    .and_then(|o| {
                        o.object_lock_configuration()
                            .and_then(|c| c.object_lock_enabled().map(|e| e.as_str() == "Enabled"))
                    })
                    .unwrap_or(false),
                Err(()) => false,
            };
        let lifecycle_rule_count = match sink.absent_or_gap(
            ctx,
            "s3",
            "GetBucketLifecycleConfiguration",
            life_r,
            types,
            id,
        ) {
            Ok(v) => v.map(|o| o.rules().len() as u32).unwrap_or(0),
            Err(()) => 0,
        };
        let tags = match sink.absent_or_gap(ctx, "s3", "GetBucketTagging", tag_r, types, id) {
            Ok(v) => v
                .map(|o| {
                    o.tag_set()
                        .iter()
                        .map(|t| (t.key().to_string(), t.value().to_string()))
                        .collect()
                })
                .unwrap_or_default(),
            Err(()) => Default::default(),
        };
        let bucket = S3Bucket {
            meta: ResourceMeta::new(&arn, &ctx.account_id, &region, &ctx.partition)
                .with_arn(&arn)
                .with_name(&name)
                .with_tags(tags),
            creation_date: created,
            public_access_block,
            encryption_rules,
            versioning,
            logging,
            policy,
            acl,
            object_ownership,
            object_lock_enabled,
            lifecycle_rule_count,
            derived: Default::default(),
        };
        (Some(bucket), sink.gaps)
    }
}

async fn collect_access_points(ctx: &Ctx) -> Sink {
    let mut sink = Sink::default();
    let control = ctx.clients.s3control(&ctx.region);
    let mut token: Option<String> = None;
    loop {
        let result = control
            .list_access_points()
            .account_id(&ctx.account_id)
            .set_next_token(token.clone())
            .send()
            .await;
        match result {
            Ok(out) => {
                for ap in out.access_point_list() {
                    let arn = ap.access_point_arn().unwrap_or_default().to_string();
                    let public_access_block = match control
                        .get_access_point()
                        .account_id(&ctx.account_id)
                        .name(ap.name())
                        .send()
                        .await
                    {
                        Ok(d) => d.public_access_block_configuration().map(|c| {
                            pab(
                                c.block_public_acls(),
                                c.ignore_public_acls(),
                                c.block_public_policy(),
                                c.restrict_public_buckets(),
                            )
                        }),
                        Err(e) => {
                            let info = errors::describe(&e);
                            sink.gap(
                                ctx,
                                "s3control",
                                "GetAccessPoint",
                                &info,
                                &["s3_access_point"],
                                Some(&arn),
                            );
                            continue;
                        }
                    };
                    sink.resources.push(Resource::S3AccessPoint(S3AccessPoint {
                        meta: ResourceMeta::new(&arn, &ctx.account_id, &ctx.region, &ctx.partition)
                            .with_arn(&arn)
                            .with_name(ap.name()),
                        bucket: ap.bucket().to_string(),
                        network_origin: ap.network_origin().as_str().to_string(),
                        public_access_block,
                    }));
                }
                token = out.next_token().map(str::to_string);
                if token.is_none() {
                    break;
                }
            }
            Err(e) => {
                let info = errors::describe(&e);
                sink.gap(
                    ctx,
                    "s3control",
                    "ListAccessPoints",
                    &info,
                    &["s3_access_point"],
                    None,
                );
                break;
            }
        }
    }
    sink
}

#[cfg(test)]
mod tests {
    use super::*;

    use std::collections::BTreeMap;

    use aws_sdk_s3::Client;
    use aws_sdk_s3::operation::get_bucket_acl::GetBucketAclOutput;
    use aws_sdk_s3::operation::get_bucket_encryption::GetBucketEncryptionOutput;
    use aws_sdk_s3::operation::get_bucket_logging::GetBucketLoggingOutput;
    use aws_sdk_s3::operation::get_bucket_ownership_controls::GetBucketOwnershipControlsOutput;
    use aws_sdk_s3::operation::get_public_access_block::GetPublicAccessBlockOutput;
    use aws_sdk_s3::operation::list_buckets::ListBucketsOutput;
    use aws_sdk_s3::types::{
        Bucket, ObjectOwnership, OwnershipControls, OwnershipControlsRule,
        PublicAccessBlockConfiguration, ServerSideEncryption, ServerSideEncryptionByDefault,
        ServerSideEncryptionConfiguration, ServerSideEncryptionRule,
    };
    use aws_sdk_s3control::operation::get_public_access_block::GetPublicAccessBlockOutput as AccountPabOutput;
    use aws_smithy_mocks::{Rule, mock};

    use crate::finding::Status;
    use crate::source::aws::canned::{self, REGION};

    /// GetBucketVersioning's answer as S3 sends it, by bucket.
    fn versioning_xml(bucket: &str) -> &'static str {
        match bucket {
            "mfa-delete" => {
                "<VersioningConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Status>Enabled</Status><MfaDelete>Enabled</MfaDelete></VersioningConfiguration>"
            }
            "versioned" => {
                "<VersioningConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Status>Enabled</Status><MfaDelete>Disabled</MfaDelete></VersioningConfiguration>"
            }
            // Versioning never enabled: an empty configuration.
            _ => "<VersioningConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"/>",
        }
    }

    /// Answers to every call of the S3 collector for three buckets in `REGION` that differ only
    /// in versioning; each has Block Public Access, default encryption and BucketOwnerEnforced,
    /// and no policy, object lock, lifecycle rules or tags.
    fn s3_rules() -> Vec<Rule> {
        vec![
            mock!(aws_sdk_s3control::Client::get_public_access_block).then_output(|| {
                AccountPabOutput::builder()
                    .public_access_block_configuration(
                        aws_sdk_s3control::types::PublicAccessBlockConfiguration::builder()
                            .block_public_acls(true)
                            .ignore_public_acls(true)
                            .block_public_policy(true)
                            .restrict_public_buckets(true)
                            .build(),
                    )
                    .build()
            }),
            mock!(Client::list_buckets).then_output(|| {
                let mut out = ListBucketsOutput::builder();
                for name in ["mfa-delete", "versioned", "unversioned"] {
                    out = out.buckets(Bucket::builder().name(name).bucket_region(REGION).build());
                }
                out.build()
            }),
            mock!(Client::get_bucket_versioning).then_compute_response(|input| {
                aws_smithy_mocks::MockResponse::Http(canned::http(
                    200,
                    &[("content-type", "application/xml")],
                    versioning_xml(input.bucket().unwrap_or_default()),
                ))
            }),
            mock!(Client::get_public_access_block).then_output(|| {
                GetPublicAccessBlockOutput::builder()
                    .public_access_block_configuration(
                        PublicAccessBlockConfiguration::builder()
                            .block_public_acls(true)
                            .ignore_public_acls(true)
                            .block_public_policy(true)
                            .restrict_public_buckets(true)
                            .build(),
                    )
                    .build()
            }),
            mock!(Client::get_bucket_encryption).then_output(|| {
                GetBucketEncryptionOutput::builder()
                    .server_side_encryption_configuration(
                        ServerSideEncryptionConfiguration::builder()
                            .rules(
                                ServerSideEncryptionRule::builder()
                                    .apply_server_side_encryption_by_default(
                                        ServerSideEncryptionByDefault::builder()
                                            .sse_algorithm(ServerSideEncryption::Aes256)
                                            .build()
                                            .expect("a valid default"),
                                    )
                                    .build(),
                            )
                            .build()
                            .expect("a valid configuration"),
                    )
                    .build()
            }),
            mock!(Client::get_bucket_logging)
                .then_output(|| GetBucketLoggingOutput::builder().build()),
            mock!(Client::get_bucket_policy).then_http_response(|| {
                canned::s3_error(
                    404,
                    "NoSuchBucketPolicy",
                    "The bucket policy does not exist",
                )
            }),
            mock!(Client::get_bucket_acl).then_output(|| GetBucketAclOutput::builder().build()),
            mock!(Client::get_bucket_ownership_controls).then_output(|| {
                GetBucketOwnershipControlsOutput::builder()
                    .ownership_controls(
                        OwnershipControls::builder()
                            .rules(
                                OwnershipControlsRule::builder()
                                    .object_ownership(ObjectOwnership::BucketOwnerEnforced)
                                    .build()
                                    .expect("a valid rule"),
                            )
                            .build()
                            .expect("valid controls"),
                    )
                    .build()
            }),
            mock!(Client::get_object_lock_configuration).then_http_response(|| {
                canned::s3_error(
                    404,
                    "ObjectLockConfigurationNotFoundError",
                    "Object Lock configuration does not exist for this bucket",
                )
            }),
            mock!(Client::get_bucket_lifecycle_configuration).then_http_response(|| {
                canned::s3_error(
                    404,
                    "NoSuchLifecycleConfiguration",
                    "The lifecycle configuration does not exist",
                )
            }),
            mock!(Client::get_bucket_tagging).then_http_response(|| {
                canned::s3_error(404, "NoSuchTagSet", "The TagSet does not exist")
            }),
        ]
    }

    // Canned: moto never stores MFA delete (its GetBucketVersioning answers only `Status`,
    // and PutBucketVersioning ignores `MfaDelete`), so an MFA-delete bucket exists only here.
    #[tokio::test]
    async fn mfa_delete_reaches_the_model_and_the_check() {
        let (clients, _) = canned::clients(s3_rules());
        let ctx = canned::ctx(clients, GLOBAL_REGION);
        let sink = collect_global(&ctx).await;
        // The absent configurations (policy, object lock, lifecycle, tags) are no gaps.
        assert!(sink.gaps.is_empty(), "{:?}", sink.gaps);
        let versioning: BTreeMap<String, Versioning> = sink
            .resources
            .iter()
            .filter_map(|r| match r {
                Resource::S3Bucket(b) => Some((
                    b.meta.name.clone().unwrap_or_default(),
                    b.versioning.clone(),
                )),
                _ => None,
            })
            .collect();
        assert_eq!(
            versioning,
            BTreeMap::from([
                (
                    "mfa-delete".to_string(),
                    Versioning {
                        status: Some("Enabled".into()),
                        mfa_delete: true
                    }
                ),
                (
                    "unversioned".to_string(),
                    Versioning {
                        status: None,
                        mfa_delete: false
                    }
                ),
                (
                    "versioned".to_string(),
                    Versioning {
                        status: Some("Enabled".into()),
                        mfa_delete: false
                    }
                ),
            ])
        );
        let verdicts = canned::verdicts(&sink, &["s3/bucket_mfa_delete_enabled.rego"]);
        let by_bucket: BTreeMap<&str, Status> = verdicts
            .iter()
            .map(|((_, target), status)| (target.trim_start_matches("arn:aws:s3:::"), *status))
            .collect();
        assert_eq!(
            by_bucket,
            BTreeMap::from([
                ("mfa-delete", Status::Pass),
                ("unversioned", Status::Fail),
                ("versioned", Status::Fail),
            ])
        );
    }

    #[test]
    fn bucket_regions_from_location_constraints() {
        assert_eq!(bucket_region(None), "us-east-1");
        assert_eq!(bucket_region(Some("")), "us-east-1");
        assert_eq!(bucket_region(Some("EU")), "eu-west-1");
        assert_eq!(bucket_region(Some("ap-south-1")), "ap-south-1");
    }
}
