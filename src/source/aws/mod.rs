//! Live AWS collection: accounts × regions × services, in parallel, read-only.
//!
//! Accounts are the caller's, a list reached by assuming a role, or every ACTIVE account of the
//! organization. Regions are the ones given or every region enabled for the account in its
//! partition. Each (account, region, service) unit runs one collector under a global
//! concurrency limit; global services (IAM, S3 listing, account settings) run once per
//! account. Every failure becomes a [`Gap`] and the scan goes on.

pub mod client;
pub mod errors;

mod account;
#[cfg(test)]
mod canned;
mod cloudtrail;
mod config;
mod ec2;
mod iam;
mod kms;
mod monitoring;
mod rds;
mod s3;
mod security;
mod services;

use std::collections::{BTreeMap, BTreeSet};
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Instant;

use aws_credential_types::provider::SharedCredentialsProvider;
use aws_smithy_runtime_api::client::result::SdkError;
use aws_smithy_types::error::metadata::ProvideErrorMetadata;
use tokio::sync::Semaphore;

use crate::error::StanceError;
use crate::model::inventory::{AccountInventory, CollectionStats};
use crate::model::time::Timestamp;
use crate::model::{GLOBAL_REGION, Gap, Inventory, Resource, derive};

pub use client::{CallCounter, ClientOptions, Clients};
pub(crate) use ec2::stopped_since;
use errors::CallError;

/// What to scan.
#[derive(Debug, Clone, Default)]
pub struct AwsScanOptions {
    /// SDK options: profile, endpoint, retries, timeouts.
    pub client: ClientOptions,
    /// Accounts to scan; empty means the caller's account (or the organization with `org`).
    pub accounts: Vec<String>,
    /// Discover accounts through AWS Organizations.
    pub org: bool,
    /// Role assumed in each account.
    pub role_name: Option<String>,
    /// External id for the role.
    pub external_id: Option<String>,
    /// Regions; empty means every enabled region of the account's partition.
    pub regions: Vec<String>,
    /// Concurrent API units.
    pub concurrency: usize,
    /// Resource types to collect; empty means all.
    pub resource_types: BTreeSet<String>,
    /// Scan only shard K of N (1-based) of the accounts.
    pub shard: Option<(usize, usize)>,
    /// Show a progress bar.
    pub progress: bool,
}

/// Where a collector runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Once per account.
    Global,
    /// Once per account and region.
    Regional,
}

/// What one collector unit sees.
pub struct Ctx {
    /// Clients with the account's credentials.
    pub clients: Clients,
    /// Account id.
    pub account_id: String,
    /// Partition.
    pub partition: String,
    /// The region of this unit (`global` for global collectors).
    pub region: String,
    /// The partition's home region, for global services.
    pub home_region: String,
    /// Every region scanned in this account.
    pub regions: Vec<String>,
    /// Collection time.
    pub now: Timestamp,
}

impl Ctx {
    /// The region a client should use: the unit's region, or the home region for global ones.
    pub fn client_region(&self) -> &str {
        if self.region == GLOBAL_REGION {
            &self.home_region
        } else {
            &self.region
        }
    }

    /// An ARN in this account and region.
    pub fn arn(&self, service: &str, resource: &str) -> String {
        let region = if self.region == GLOBAL_REGION {
            ""
        } else {
            &self.region
        };
        format!(
            "arn:{}:{service}:{region}:{}:{resource}",
            self.partition, self.account_id
        )
    }
}

/// What a collector unit produced.
#[derive(Default)]
pub struct Sink {
    /// Resources.
    pub resources: Vec<Resource>,
    /// Gaps.
    pub gaps: Vec<Gap>,
}

impl Sink {
    /// Records a failed call as a gap over `types` (optionally one resource).
    pub fn gap(
        &mut self,
        ctx: &Ctx,
        service: &str,
        operation: &str,
        error: &CallError,
        types: &[&str],
        resource_id: Option<&str>,
    ) {
        tracing::debug!(account = %ctx.account_id, region = %ctx.region, service, operation, error = %error, "coverage gap");
        self.gaps.push(Gap {
            account_id: ctx.account_id.clone(),
            region: ctx.region.clone(),
            service: service.to_string(),
            operation: operation.to_string(),
            error: error.to_string(),
            resource_types: types.iter().map(|t| t.to_string()).collect(),
            resource_id: resource_id.map(str::to_string),
        });
    }

    /// Unwraps a call result: `Ok(Some(output))`, `Ok(None)` when the configuration is absent,
    /// and `Err(())` after recording a gap for any other failure (the caller skips the data).
    #[allow(clippy::result_unit_err)]
    pub fn absent_or_gap<T, E, R>(
        &mut self,
        ctx: &Ctx,
        service: &str,
        operation: &str,
        result: Result<T, SdkError<E, R>>,
        types: &[&str],
        resource_id: Option<&str>,
    ) -> Result<Option<T>, ()>
    where
        E: ProvideErrorMetadata + std::error::Error + 'static,
        R: std::fmt::Debug,
    {
        match result {
            Ok(v) => Ok(Some(v)),
            Err(e) => {
                let info = errors::describe(&e);
                if info.is_absent() {
                    Ok(None)
                } else {
                    self.gap(ctx, service, operation, &info, types, resource_id);
                    Err(())
                }
            }
        }
    }
}

/// A collector's entry point.
pub type CollectFn = for<'a> fn(&'a Ctx) -> Pin<Box<dyn Future<Output = Sink> + Send + 'a>>;

/// One collector: a service, where it runs, the types it fills.
pub struct Collector {
    /// Service name (as in gaps).
    pub service: &'static str,
    /// Global or regional.
    pub scope: Scope,
    /// Resource types it produces.
    pub types: &'static [&'static str],
    /// Entry point.
    pub collect: CollectFn,
}

/// Every collector.
pub fn collectors() -> Vec<Collector> {
    vec![
        account::collector(),
        iam::collector(),
        s3::global_collector(),
        s3::regional_collector(),
        ec2::collector(),
        cloudtrail::collector(),
        config::collector(),
        kms::collector(),
        monitoring::logs_collector(),
        monitoring::cloudwatch_collector(),
        monitoring::sns_collector(),
        security::access_analyzer_collector(),
        security::securityhub_collector(),
        rds::collector(),
        services::lambda_collector(),
        services::elb_collector(),
        services::elbv2_collector(),
        services::guardduty_collector(),
        services::efs_collector(),
        services::sqs_collector(),
        services::dynamodb_collector(),
        services::dax_collector(),
        services::ecr_collector(),
        services::ecs_collector(),
        services::secrets_collector(),
    ]
}

/// Types whose derived facts read other types, so collecting one needs the other.
const DEPENDENCIES: &[(&str, &[&str])] = &[
    ("s3_bucket", &["s3_account_public_access_block"]),
    ("ec2_vpc", &["ec2_flow_log"]),
    ("iam_user", &["iam_policy"]),
    ("rds_db_instance", &["ec2_subnet", "ec2_route_table"]),
    ("lambda_function", &["ec2_subnet"]),
    ("efs_file_system", &["ec2_subnet"]),
    ("ec2_subnet", &["ec2_route_table"]),
];

/// Expands a set of wanted types with their dependencies.
pub fn with_dependencies(types: &BTreeSet<String>) -> BTreeSet<String> {
    let mut out = types.clone();
    loop {
        let before = out.len();
        for (t, deps) in DEPENDENCIES {
            if out.contains(*t) {
                out.extend(deps.iter().map(|d| d.to_string()));
            }
        }
        if out.len() == before {
            return out;
        }
    }
}

/// The partition of an ARN (`arn:aws-us-gov:...`).
fn partition_of(arn: &str) -> String {
    arn.split(':').nth(1).unwrap_or("aws").to_string()
}

/// The home region of a partition.
pub fn home_region(partition: &str) -> &'static str {
    crate::report::asff::home_region(partition)
}

fn region_in_partition(region: &str, partition: &str) -> bool {
    match partition {
        "aws-cn" => region.starts_with("cn-"),
        "aws-us-gov" => region.starts_with("us-gov-"),
        "aws-iso" | "aws-iso-b" => region.starts_with("us-iso"),
        _ => {
            !(region.starts_with("cn-")
                || region.starts_with("us-gov-")
                || region.starts_with("us-iso"))
        }
    }
}

/// A scan target.
#[derive(Debug, Clone)]
struct Target {
    account_id: String,
    name: Option<String>,
}

/// Deterministic shard membership of an account: FNV-1a of the id modulo N.
pub fn in_shard(account_id: &str, shard: (usize, usize)) -> bool {
    let (k, n) = shard;
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in account_id.bytes() {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    (hash % n as u64) as usize == k - 1
}

async fn discover_org_accounts(clients: &Clients, home: &str) -> Result<Vec<Target>, StanceError> {
    let mut out = Vec::new();
    let mut pages = clients
        .organizations(home)
        .list_accounts()
        .into_paginator()
        .send();
    while let Some(page) = pages.next().await {
        let page = page.map_err(|e| {
            StanceError::Runtime(anyhow::anyhow!(
                "--org: cannot list the organization's accounts: {}",
                errors::describe(&e)
            ))
        })?;
        for a in page.accounts() {
            let active = a
                .state()
                .map(|s| s.as_str() == "ACTIVE")
                .unwrap_or_else(|| {
                    #[allow(deprecated)]
                    a.status().is_some_and(|s| s.as_str() == "ACTIVE")
                });
            if active && let Some(id) = a.id() {
                out.push(Target {
                    account_id: id.to_string(),
                    name: a.name().map(str::to_string),
                });
            }
        }
    }
    out.sort_by(|a, b| a.account_id.cmp(&b.account_id));
    Ok(out)
}

async fn account_regions(
    clients: &Clients,
    home: &str,
    partition: &str,
    gaps: &mut Vec<Gap>,
    account: &str,
) -> Vec<String> {
    match clients.ec2(home).describe_regions().send().await {
        Ok(out) => {
            let mut regions: Vec<String> = out
                .regions()
                .iter()
                .filter(|r| r.opt_in_status().is_none_or(|s| s != "not-opted-in"))
                .filter_map(|r| r.region_name().map(str::to_string))
                .filter(|r| region_in_partition(r, partition))
                .collect();
            regions.sort();
            regions.dedup();
            if regions.is_empty() {
                regions.push(home.to_string());
            }
            regions
        }
        Err(e) => {
            gaps.push(Gap {
                account_id: account.to_string(),
                region: GLOBAL_REGION.to_string(),
                service: "ec2".into(),
                operation: "DescribeRegions".into(),
                error: format!("{} (scanning only {home})", errors::describe(&e)),
                resource_types: Vec::new(),
                resource_id: None,
            });
            vec![home.to_string()]
        }
    }
}

/// The caller's account id and partition (STS GetCallerIdentity).
pub async fn identify(clients: &Clients, region: &str) -> Result<(String, String), CallError> {
    let identity = clients
        .sts(region)
        .get_caller_identity()
        .send()
        .await
        .map_err(|e| errors::describe(&e))?;
    let account = identity.account().unwrap_or_default().to_string();
    let partition = identity
        .arn()
        .map(partition_of)
        .unwrap_or_else(|| "aws".into());
    Ok((account, partition))
}

/// Clients acting as `role` in `account_id`. The role is assumed (and checked with
/// GetCallerIdentity) at once, so a role that cannot be assumed fails here with a message
/// naming it, not later on every call.
pub async fn assume_role(
    base: &Clients,
    partition: &str,
    account_id: &str,
    role: &str,
    external_id: Option<&str>,
    session_name: &str,
) -> Result<Clients, String> {
    let arn = format!("arn:{partition}:iam::{account_id}:role/{role}");
    let mut builder = aws_config::sts::AssumeRoleProvider::builder(arn.clone())
        .session_name(session_name)
        .configure(base.config());
    if let Some(ext) = external_id {
        builder = builder.external_id(ext);
    }
    let provider = builder.build().await;
    let assumed = base.with_credentials(SharedCredentialsProvider::new(provider));
    match assumed
        .sts(home_region(partition))
        .get_caller_identity()
        .send()
        .await
    {
        Ok(_) => Ok(assumed),
        Err(e) => Err(format!("cannot assume {arn}: {}", errors::describe(&e))),
    }
}

/// Collects the live inventory.
pub async fn collect(options: &AwsScanOptions) -> Result<Inventory, StanceError> {
    let started = Instant::now();
    let now = Timestamp::now();
    let counter = Arc::new(CallCounter::default());
    let base_config = client::load_base_config(&options.client, "us-east-1").await;
    let base = Clients::new(
        base_config,
        counter.clone(),
        options.client.endpoint_url.clone(),
    );
    let region0 = base
        .config()
        .region()
        .map(|r| r.to_string())
        .unwrap_or_else(|| "us-east-1".into());

    let (caller_account, partition) = identify(&base, &region0).await.map_err(|e| {
        StanceError::Runtime(anyhow::anyhow!(
            "cannot authenticate to AWS (check credentials, --profile or --endpoint-url): {e}"
        ))
    })?;
    let home = home_region(&partition).to_string();
    tracing::info!(account = %caller_account, %partition, "authenticated");

    let mut targets: Vec<Target> = if options.org {
        discover_org_accounts(&base, &home).await?
    } else if options.accounts.is_empty() {
        vec![Target {
            account_id: caller_account.clone(),
            name: None,
        }]
    } else {
        options
            .accounts
            .iter()
            .map(|a| Target {
                account_id: a.clone(),
                name: None,
            })
            .collect()
    };
    if let Some(shard) = options.shard {
        targets.retain(|t| in_shard(&t.account_id, shard));
    }
    let role_name = options.role_name.clone().or_else(|| {
        options
            .org
            .then(|| "OrganizationAccountAccessRole".to_string())
    });

    let wanted = with_dependencies(&options.resource_types);
    let collectors: Vec<Collector> = collectors()
        .into_iter()
        .filter(|c| wanted.is_empty() || c.types.iter().any(|t| wanted.contains(*t)))
        .collect();
    let collectors = Arc::new(collectors);
    let semaphore = Arc::new(Semaphore::new(options.concurrency.max(1)));

    // Per account: credentials, regions, then every unit.
    let mut inventory = Inventory::new(now);
    let mut gaps: Vec<Gap> = Vec::new();
    let mut units = tokio::task::JoinSet::new();
    let mut account_regions_map: BTreeMap<String, (Option<String>, Vec<String>)> = BTreeMap::new();
    let progress = progress_bar(options.progress);
    for target in &targets {
        // The caller's own account is scanned with the caller's credentials; every other
        // account through the role.
        let clients = match role_name
            .as_deref()
            .filter(|_| target.account_id != caller_account)
        {
            None => base.clone(),
            Some(role) => {
                let assumed = assume_role(
                    &base,
                    &partition,
                    &target.account_id,
                    role,
                    options.external_id.as_deref(),
                    "stance-scan",
                )
                .await;
                match assumed {
                    Ok(clients) => clients,
                    Err(error) => {
                        // One gap for the account, and on to the next.
                        gaps.push(Gap {
                            account_id: target.account_id.clone(),
                            region: "*".into(),
                            service: "sts".into(),
                            operation: "AssumeRole".into(),
                            error,
                            resource_types: Vec::new(),
                            resource_id: None,
                        });
                        account_regions_map
                            .insert(target.account_id.clone(), (target.name.clone(), Vec::new()));
                        continue;
                    }
                }
            }
        };
        if role_name.is_none() && target.account_id != caller_account {
            return Err(StanceError::input(format!(
                "account {} is not the caller's ({caller_account}): give --role-name to assume a role in it",
                target.account_id
            )));
        }
        let regions = if options.regions.is_empty() {
            account_regions(&clients, &home, &partition, &mut gaps, &target.account_id).await
        } else {
            options.regions.clone()
        };
        account_regions_map.insert(
            target.account_id.clone(),
            (target.name.clone(), regions.clone()),
        );
        for (index, collector) in collectors.iter().enumerate() {
            let unit_regions: Vec<String> = match collector.scope {
                Scope::Global => vec![GLOBAL_REGION.to_string()],
                Scope::Regional => regions.clone(),
            };
            for region in unit_regions {
                let ctx = Ctx {
                    clients: clients.clone(),
                    account_id: target.account_id.clone(),
                    partition: partition.clone(),
                    region,
                    home_region: home.clone(),
                    regions: regions.clone(),
                    now,
                };
                let collectors = collectors.clone();
                let semaphore = semaphore.clone();
                if let Some(bar) = &progress {
                    bar.inc_length(1);
                }
                let bar = progress.clone();
                units.spawn(async move {
                    let _permit = semaphore.acquire_owned().await;
                    let collector = &collectors[index];
                    let sink = (collector.collect)(&ctx).await;
                    if let Some(bar) = bar {
                        bar.inc(1);
                        bar.set_message(format!("{} {} {}", ctx.account_id, ctx.region, collector.service));
                    } else {
                        tracing::info!(account = %ctx.account_id, region = %ctx.region, service = collector.service, resources = sink.resources.len(), "collected");
                    }
                    (ctx.account_id, sink)
                });
            }
        }
    }
    let mut by_account: BTreeMap<String, Vec<Resource>> = BTreeMap::new();
    while let Some(joined) = units.join_next().await {
        match joined {
            Ok((account, sink)) => {
                by_account
                    .entry(account)
                    .or_default()
                    .extend(sink.resources);
                gaps.extend(sink.gaps);
            }
            Err(e) => {
                return Err(StanceError::Runtime(anyhow::anyhow!(
                    "a collector task failed: {e}"
                )));
            }
        }
    }
    if let Some(bar) = &progress {
        bar.finish_and_clear();
    }

    for (account_id, (name, regions)) in account_regions_map {
        let resources = by_account.remove(&account_id).unwrap_or_default();
        inventory.accounts.push(AccountInventory::from_resources(
            account_id,
            partition.clone(),
            name,
            &regions,
            resources,
        ));
    }
    gaps.sort_by(Gap::order);
    inventory.gaps = gaps;
    finish(&mut inventory, &counter, started);
    Ok(inventory)
}

/// Completes a collected inventory: the call statistics, the operations list the read-only
/// test audits (when `STANCE_RECORD_OPERATIONS` is set) and the derived facts.
pub(crate) fn finish(inventory: &mut Inventory, counter: &CallCounter, started: Instant) {
    inventory.stats = Some(CollectionStats {
        api_calls: counter.calls(),
        retries: counter.retries(),
        duration_ms: started.elapsed().as_millis() as u64,
        api_calls_by_service: counter.by_service(),
    });
    if std::env::var_os("STANCE_RECORD_OPERATIONS").is_some() {
        // Test hook: the read-only audit compares these with the documented IAM policy.
        for (op, n) in counter.operations() {
            eprintln!("stance-operation {op} {n}");
        }
    }
    derive::enrich(inventory);
}

fn progress_bar(enabled: bool) -> Option<indicatif::ProgressBar> {
    if !enabled {
        return None;
    }
    let bar = indicatif::ProgressBar::new(0);
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{spinner} collecting [{bar:30}] {pos}/{len} {wide_msg}",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
        .progress_chars("=> "),
    );
    Some(bar)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regions_stay_in_their_partition() {
        assert!(region_in_partition("eu-west-1", "aws"));
        assert!(!region_in_partition("cn-north-1", "aws"));
        assert!(!region_in_partition("us-gov-west-1", "aws"));
        assert!(region_in_partition("us-gov-west-1", "aws-us-gov"));
        assert!(region_in_partition("cn-northwest-1", "aws-cn"));
    }

    #[test]
    fn shards_partition_accounts() {
        let accounts: Vec<String> = (0..300)
            .map(|i| format!("{:012}", 100_000_000_000u64 + i * 7919))
            .collect();
        let mut seen = 0;
        for k in 1..=3 {
            let n = accounts.iter().filter(|a| in_shard(a, (k, 3))).count();
            assert!(n > 50, "shard {k} has {n}");
            seen += n;
        }
        assert_eq!(seen, accounts.len());
    }

    #[test]
    fn dependencies_are_transitive() {
        let wanted: BTreeSet<String> = ["rds_db_instance".to_string()].into();
        let all = with_dependencies(&wanted);
        assert!(all.contains("ec2_subnet") && all.contains("ec2_route_table"));
    }
}
