//! An AWS Config aggregator as an inventory source: the configuration items AWS Config recorded
//! in every account and region an aggregator collects, read from the one account that owns the
//! aggregator, so an organization is assessed without a role in each account.
//!
//! 1. `DescribeConfigurationAggregators` proves the aggregator exists (and gives its partition).
//! 2. `DescribeConfigurationAggregatorSourcesStatus` and a `SelectAggregateResourceConfig`
//!    census (`GROUP BY accountId, awsRegion`) tell which accounts and regions it holds; a
//!    source whose last update FAILED becomes a gap. Both are optional: without them the
//!    accounts and regions come from the items.
//! 3. `ListAggregateDiscoveredResources` (paginated) per AWS Config type stance maps, then
//!    `BatchGetAggregateResourceConfig` in batches of 100 identifiers, `--concurrency` at once.
//! 4. [`items`] maps the items onto the model; IAM joins follow; every model type the aggregator
//!    cannot fill becomes a gap per account, so its checks report NOT_EVALUATED.
//!
//! Like the live collectors, everything that fails after the aggregator is found becomes a gap
//! and the collection goes on.

pub mod items;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;
use std::time::{Duration, Instant};

use aws_sdk_config::types::{AggregateResourceIdentifier, ResourceFilters, ResourceType};
use tokio::sync::Semaphore;

use crate::error::StanceError;
use crate::model::inventory::AccountInventory;
use crate::model::time::Timestamp;
use crate::model::{GLOBAL_REGION, Gap, Inventory, RESOURCE_TYPES, Resource};
use crate::source::aws::client::{self, CallCounter, ClientOptions, Clients};
use crate::source::aws::errors::{self, CallError};
use crate::source::aws::{finish, in_shard, with_dependencies};
use items::{ConfigItem, ConfigItemHeader, MAPPINGS, MapCtx, NOT_READ, NOT_RECORDED};

/// The service name of gaps about the aggregator itself.
const SERVICE: &str = "config";

/// BatchGetAggregateResourceConfig accepts at most this many identifiers.
const BATCH_SIZE: usize = 100;

/// Attempts at identifiers BatchGetAggregateResourceConfig leaves unprocessed.
const UNPROCESSED_ATTEMPTS: u32 = 4;

/// What to read.
#[derive(Debug, Clone, Default)]
pub struct AggregatorOptions {
    /// The aggregator's name.
    pub name: String,
    /// The aggregator's region; `None` uses the profile's region, else us-east-1.
    pub region: Option<String>,
    /// SDK options: profile, endpoint, retries, timeouts.
    pub client: ClientOptions,
    /// Keep only these accounts; empty keeps every account of the aggregator.
    pub accounts: Vec<String>,
    /// Keep only these regions; empty keeps every region.
    pub regions: Vec<String>,
    /// Keep only shard K of N (1-based) of the accounts.
    pub shard: Option<(usize, usize)>,
    /// BatchGetAggregateResourceConfig calls in flight.
    pub concurrency: usize,
    /// Model types to fill; empty means all.
    pub resource_types: BTreeSet<String>,
}

impl AggregatorOptions {
    fn keeps_account(&self, account: &str) -> bool {
        (self.accounts.is_empty() || self.accounts.iter().any(|a| a == account))
            && self.shard.is_none_or(|s| in_shard(account, s))
    }

    fn keeps_region(&self, region: &str) -> bool {
        self.regions.is_empty() || self.regions.iter().any(|r| r == region)
    }
}

/// The aggregator as described.
struct Aggregator {
    name: String,
    partition: String,
}

/// Accounts and the regions seen in each.
type Places = BTreeMap<String, BTreeSet<String>>;

/// Reads the aggregator into an inventory.
pub async fn collect(options: &AggregatorOptions) -> Result<Inventory, StanceError> {
    let started = Instant::now();
    let now = Timestamp::now();
    let counter = Arc::new(CallCounter::default());
    let base_config = client::load_base_config(&options.client, "us-east-1").await;
    let clients = Clients::new(
        base_config,
        counter.clone(),
        options.client.endpoint_url.clone(),
    );
    let region = options
        .region
        .clone()
        .or_else(|| clients.config().region().map(|r| r.to_string()))
        .unwrap_or_else(|| "us-east-1".to_string());
    let config = clients.config_service(&region);
    let aggregator = describe_aggregator(&config, &options.name, &region).await?;
    tracing::info!(aggregator = %aggregator.name, %region, partition = %aggregator.partition, "reading AWS Config aggregator");

    let wanted = with_dependencies(&options.resource_types);
    let wants = |t: &str| wanted.is_empty() || wanted.contains(t);
    let mut gaps: Vec<Gap> = Vec::new();
    let mut places: Places = BTreeMap::new();
    source_status(&config, &aggregator, options, &mut places, &mut gaps).await;
    census(&config, &aggregator, options, &mut places).await;

    // Listing, one type at a time (each is a few pages even for large organizations).
    let mut identifiers: Vec<AggregateResourceIdentifier> = Vec::new();
    let mut listing_failures: Vec<(&'static str, CallError)> = Vec::new();
    for mapping in MAPPINGS.iter().filter(|m| wants(m.model_type)) {
        match list_type(
            &config,
            &aggregator,
            options,
            mapping.config_type,
            mapping.model_type,
        )
        .await
        {
            Ok(found) => identifiers.extend(found),
            Err(e) => listing_failures.push((mapping.model_type, e)),
        }
    }
    for id in &identifiers {
        let entry = places
            .entry(id.source_account_id().to_string())
            .or_default();
        if !is_global_type(id.resource_type().as_str()) {
            entry.insert(id.source_region().to_string());
        }
    }
    for account in &options.accounts {
        if !places.contains_key(account) {
            tracing::warn!(%account, "the aggregator holds nothing for this account");
            gaps.push(Gap {
                account_id: account.clone(),
                region: "*".into(),
                service: SERVICE.into(),
                operation: format!("aggregator {}", aggregator.name),
                error: "the aggregator holds no configuration items for this account".into(),
                resource_types: Vec::new(),
                resource_id: None,
            });
            places.insert(account.clone(), BTreeSet::new());
        }
    }
    if let Some((_, first)) = listing_failures.first()
        && places.is_empty()
    {
        return Err(StanceError::Runtime(anyhow::anyhow!(
            "cannot list the resources of config aggregator {}: {first}",
            aggregator.name
        )));
    }
    for (model_type, error) in &listing_failures {
        for account in places.keys() {
            gaps.push(Gap {
                account_id: account.clone(),
                region: scope_region(model_type).into(),
                service: service_of(model_type).into(),
                operation: "ListAggregateDiscoveredResources".into(),
                error: error.to_string(),
                resource_types: vec![model_type.to_string()],
                resource_id: None,
            });
        }
    }

    let fetched = fetch_items(&config, &aggregator, options, identifiers, &mut gaps).await;

    // Map, per account; the last capture wins where AWS Config holds a resource twice (global
    // IAM items recorded in more than one region).
    let ctx = MapCtx {
        aggregator: &aggregator.name,
        partition: &aggregator.partition,
    };
    type Latest = BTreeMap<(&'static str, String), (Option<Timestamp>, Resource)>;
    let mut by_account: BTreeMap<String, Latest> = BTreeMap::new();
    for item in fetched {
        let model_type = items::mapping(&item.resource_type).map_or("", |m| m.model_type);
        match items::map_item(&item, &ctx) {
            Ok(Some(resource)) => {
                let key = (resource.type_name(), resource.meta().id.clone());
                let account = by_account.entry(item.account_id.clone()).or_default();
                let newer = account
                    .get(&key)
                    .is_none_or(|(seen, _)| item.captured_at >= *seen);
                if newer {
                    account.insert(key, (item.captured_at, resource));
                }
            }
            Ok(None) => {}
            Err(e) => gaps.push(Gap {
                account_id: item.account_id.clone(),
                region: item.region.clone(),
                service: service_of(model_type).into(),
                operation: "BatchGetAggregateResourceConfig".into(),
                error: format!(
                    "configuration item of {} {} could not be read: {e}",
                    item.resource_type, item.resource_id
                ),
                resource_types: vec![model_type.to_string()],
                resource_id: None,
            }),
        }
    }

    let mut inventory = Inventory::new(now);
    for (account_id, regions) in &places {
        let mut resources: Vec<Resource> = by_account
            .remove(account_id)
            .map(|m| m.into_values().map(|(_, r)| r).collect())
            .unwrap_or_default();
        items::join_iam(&mut resources, &aggregator.name);
        gaps.extend(unread_type_gaps(account_id, &aggregator.name, &wants));
        gaps.extend(partial_data_gaps(account_id, &aggregator.name, &resources));
        // The live collector always yields this resource (unconfigured or not); an aggregator
        // without it cannot tell "never configured" from "not recorded", so the account-level
        // check must not quietly produce nothing.
        let account_block = "s3_account_public_access_block";
        if wants(account_block) && !resources.iter().any(|r| r.type_name() == account_block) {
            gaps.push(Gap {
                account_id: account_id.clone(),
                region: GLOBAL_REGION.into(),
                service: service_of(account_block).into(),
                operation: format!("aggregator {}", aggregator.name),
                error: "the aggregator holds no AWS::S3::AccountPublicAccessBlock item for this account (never configured, or not recorded)".into(),
                resource_types: vec![account_block.to_string()],
                resource_id: None,
            });
        }
        let partition = resources
            .first()
            .map(|r| r.meta().partition.clone())
            .unwrap_or_else(|| aggregator.partition.clone());
        inventory.accounts.push(AccountInventory::from_resources(
            account_id.clone(),
            partition,
            None,
            regions,
            resources,
        ));
    }
    gaps.sort_by(Gap::order);
    gaps.dedup();
    inventory.gaps = gaps;
    finish(&mut inventory, &counter, started);
    Ok(inventory)
}

/// Whether a model type is global (IAM, account settings), by its AWS Config type.
fn is_global_type(config_type: &str) -> bool {
    items::mapping(config_type)
        .and_then(|m| crate::model::resource_type(m.model_type))
        .is_some_and(|t| t.global)
}

fn service_of(model_type: &str) -> &'static str {
    crate::model::resource_type(model_type).map_or(SERVICE, |t| t.service)
}

/// The region of a gap over a whole type: `global` for global types, every region otherwise.
fn scope_region(model_type: &str) -> &'static str {
    match crate::model::resource_type(model_type) {
        Some(t) if t.global => GLOBAL_REGION,
        _ => "*",
    }
}

async fn describe_aggregator(
    config: &aws_sdk_config::Client,
    name: &str,
    region: &str,
) -> Result<Aggregator, StanceError> {
    let out = config
        .describe_configuration_aggregators()
        .configuration_aggregator_names(name)
        .send()
        .await
        .map_err(|e| {
            let info = errors::describe(&e);
            if info.code.as_deref() == Some("NoSuchConfigurationAggregatorException") {
                StanceError::input(format!(
                    "config aggregator `{name}` does not exist in {region} ({info}): check the name, the region (--aggregator-region) and that the credentials are the aggregator account's"
                ))
            } else {
                StanceError::Runtime(anyhow::anyhow!(
                    "cannot read config aggregator `{name}` in {region}: {info}"
                ))
            }
        })?;
    let found = out
        .configuration_aggregators()
        .iter()
        .find(|a| a.configuration_aggregator_name() == Some(name))
        .ok_or_else(|| {
            StanceError::input(format!(
                "config aggregator `{name}` does not exist in {region}"
            ))
        })?;
    let partition = found
        .configuration_aggregator_arn()
        .and_then(|a| a.strip_prefix("arn:"))
        .and_then(|a| a.split(':').next())
        .filter(|p| !p.is_empty())
        .unwrap_or("aws")
        .to_string();
    Ok(Aggregator {
        name: name.to_string(),
        partition,
    })
}

/// Accounts and regions from the aggregator's source status, and a gap for every source whose
/// last update failed (its data may be missing or stale).
async fn source_status(
    config: &aws_sdk_config::Client,
    aggregator: &Aggregator,
    options: &AggregatorOptions,
    places: &mut Places,
    gaps: &mut Vec<Gap>,
) {
    let mut token: Option<String> = None;
    loop {
        let out = match config
            .describe_configuration_aggregator_sources_status()
            .configuration_aggregator_name(&aggregator.name)
            .set_next_token(token.clone())
            .send()
            .await
        {
            Ok(out) => out,
            Err(e) => {
                tracing::warn!(error = %errors::describe(&e), "cannot read the aggregator's source status; accounts and regions come from the items");
                return;
            }
        };
        for s in out.aggregated_source_status_list() {
            let (Some(account), Some(region)) = (s.source_id(), s.aws_region()) else {
                continue;
            };
            let is_account = account.len() == 12 && account.bytes().all(|b| b.is_ascii_digit());
            if !is_account || !options.keeps_account(account) || !options.keeps_region(region) {
                continue;
            }
            places
                .entry(account.to_string())
                .or_default()
                .insert(region.to_string());
            match s.last_update_status().map(|st| st.as_str()) {
                Some("FAILED") => gaps.push(Gap {
                    account_id: account.to_string(),
                    region: region.to_string(),
                    service: SERVICE.into(),
                    operation: format!("aggregator {}", aggregator.name),
                    error: format!(
                        "the aggregator's last update from this source FAILED ({}: {}); its data may be missing or stale",
                        s.last_error_code().unwrap_or("no code"),
                        s.last_error_message().unwrap_or("no message")
                    ),
                    resource_types: regional_types(),
                    resource_id: None,
                }),
                Some("OUTDATED") => {
                    tracing::warn!(%account, %region, "the aggregator's data from this source is outdated")
                }
                _ => {}
            }
        }
        token = out.next_token().map(str::to_string);
        if token.is_none() {
            return;
        }
    }
}

/// Every regional model type (a gap over one region must name them: an empty list would mean
/// the types of the gap's service only).
fn regional_types() -> Vec<String> {
    RESOURCE_TYPES
        .iter()
        .filter(|t| !t.global)
        .map(|t| t.name.to_string())
        .collect()
}

/// The accounts and regions the aggregator holds items for, from one advanced query. Optional:
/// some partitions and emulators lack advanced queries, and the listing finds the same places
/// for every account that has a resource of a type stance reads.
async fn census(
    config: &aws_sdk_config::Client,
    aggregator: &Aggregator,
    options: &AggregatorOptions,
    places: &mut Places,
) {
    let mut token: Option<String> = None;
    loop {
        let out = match config
            .select_aggregate_resource_config()
            .configuration_aggregator_name(&aggregator.name)
            .expression("SELECT accountId, awsRegion, COUNT(*) GROUP BY accountId, awsRegion")
            .set_next_token(token.clone())
            .send()
            .await
        {
            Ok(out) => out,
            Err(e) => {
                tracing::info!(error = %errors::describe(&e), "advanced query unavailable; accounts and regions come from the listing");
                return;
            }
        };
        for row in out.results() {
            let Ok(row) = serde_json::from_str::<serde_json::Value>(row) else {
                continue;
            };
            let account = row.get("accountId").and_then(|v| v.as_str());
            let region = row.get("awsRegion").and_then(|v| v.as_str());
            if let Some(account) = account.filter(|a| options.keeps_account(a)) {
                let entry = places.entry(account.to_string()).or_default();
                if let Some(region) =
                    region.filter(|r| *r != GLOBAL_REGION && options.keeps_region(r))
                {
                    entry.insert(region.to_string());
                }
            }
        }
        token = out.next_token().map(str::to_string);
        if token.is_none() {
            return;
        }
    }
}

/// Every identifier of one AWS Config type, filtered to the wanted accounts and regions.
async fn list_type(
    config: &aws_sdk_config::Client,
    aggregator: &Aggregator,
    options: &AggregatorOptions,
    config_type: &str,
    model_type: &str,
) -> Result<Vec<AggregateResourceIdentifier>, CallError> {
    let global = crate::model::resource_type(model_type).is_some_and(|t| t.global);
    // Narrow on the server when one account or region is wanted. Global types are recorded in
    // whichever region the recorder includes them, so they are never narrowed by region.
    let mut filters = ResourceFilters::builder();
    if let [account] = options.accounts.as_slice() {
        filters = filters.account_id(account);
    }
    if let ([region], false) = (options.regions.as_slice(), global) {
        filters = filters.region(region);
    }
    let filters = filters.build();
    let mut out = Vec::new();
    let mut token: Option<String> = None;
    let mut pages = 0u32;
    loop {
        let page = config
            .list_aggregate_discovered_resources()
            .configuration_aggregator_name(&aggregator.name)
            .resource_type(ResourceType::from(config_type))
            .filters(filters.clone())
            .limit(100)
            .set_next_token(token.clone())
            .send()
            .await
            .map_err(|e| errors::describe(&e))?;
        pages += 1;
        out.extend(
            page.resource_identifiers()
                .iter()
                .filter(|id| {
                    options.keeps_account(id.source_account_id())
                        && (global || options.keeps_region(id.source_region()))
                })
                .cloned(),
        );
        token = page
            .next_token()
            .map(str::to_string)
            .filter(|t| !t.is_empty());
        if token.is_none() {
            break;
        }
    }
    tracing::info!(
        resource_type = config_type,
        resources = out.len(),
        pages,
        "listed"
    );
    Ok(out)
}

/// Fetches the items in batches, `options.concurrency` batches at once. A batch that fails or
/// stays unprocessed becomes a gap over its types in its accounts and regions.
async fn fetch_items(
    config: &aws_sdk_config::Client,
    aggregator: &Aggregator,
    options: &AggregatorOptions,
    identifiers: Vec<AggregateResourceIdentifier>,
    gaps: &mut Vec<Gap>,
) -> Vec<ConfigItem> {
    let semaphore = Arc::new(Semaphore::new(options.concurrency.max(1)));
    let mut tasks = tokio::task::JoinSet::new();
    for batch in identifiers.chunks(BATCH_SIZE) {
        let (config, semaphore, name) =
            (config.clone(), semaphore.clone(), aggregator.name.clone());
        let batch = batch.to_vec();
        tasks.spawn(async move {
            let _permit = semaphore.acquire_owned().await;
            fetch_batch(&config, &name, batch).await
        });
    }
    let mut out = Vec::new();
    while let Some(joined) = tasks.join_next().await {
        match joined {
            Ok((found, failed)) => {
                out.extend(found);
                gaps.extend(failed);
            }
            Err(e) => tracing::error!(error = %e, "a batch task failed"),
        }
    }
    out
}

/// One batch: the items, and gaps for what could not be read.
async fn fetch_batch(
    config: &aws_sdk_config::Client,
    aggregator: &str,
    mut pending: Vec<AggregateResourceIdentifier>,
) -> (Vec<ConfigItem>, Vec<Gap>) {
    let mut found = Vec::new();
    let mut gaps = Vec::new();
    let mut attempt = 0;
    while !pending.is_empty() {
        attempt += 1;
        let result = config
            .batch_get_aggregate_resource_config()
            .configuration_aggregator_name(aggregator)
            .set_resource_identifiers(Some(pending.clone()))
            .send()
            .await;
        let out = match result {
            Ok(out) => out,
            Err(e) => {
                gaps.extend(batch_gaps(&pending, &errors::describe(&e).to_string()));
                return (found, gaps);
            }
        };
        for base in out.base_configuration_items() {
            match item_of(base) {
                Ok(Some(item)) => found.push(item),
                Ok(None) => {}
                Err(gap) => gaps.push(*gap),
            }
        }
        pending = out.unprocessed_resource_identifiers().to_vec();
        if !pending.is_empty() {
            if attempt >= UNPROCESSED_ATTEMPTS {
                gaps.extend(batch_gaps(
                    &pending,
                    &format!(
                        "{} resources left unprocessed after {attempt} attempts",
                        pending.len()
                    ),
                ));
                break;
            }
            tokio::time::sleep(Duration::from_millis(200 << attempt)).await;
        }
    }
    (found, gaps)
}

/// Gaps over the types of the identifiers left unread, one per account, region and type: their
/// resources are missing, so the checks that need them must not pass.
fn batch_gaps(identifiers: &[AggregateResourceIdentifier], error: &str) -> Vec<Gap> {
    let mut places: BTreeSet<(String, String, &'static str)> = BTreeSet::new();
    for id in identifiers {
        if let Some(m) = items::mapping(id.resource_type().as_str()) {
            let region = if is_global_type(m.config_type) {
                GLOBAL_REGION.to_string()
            } else {
                id.source_region().to_string()
            };
            places.insert((id.source_account_id().to_string(), region, m.model_type));
        }
    }
    places
        .into_iter()
        .map(|(account, region, model_type)| Gap {
            account_id: account,
            region,
            service: service_of(model_type).into(),
            operation: "BatchGetAggregateResourceConfig".into(),
            error: error.to_string(),
            resource_types: vec![model_type.to_string()],
            resource_id: None,
        })
        .collect()
}

/// A configuration item in stance's terms: `Ok(None)` for deleted resources, `Err` with a gap
/// when the resource exists but AWS Config no longer records its type there.
fn item_of(
    base: &aws_sdk_config::types::BaseConfigurationItem,
) -> Result<Option<ConfigItem>, Box<Gap>> {
    let resource_type = base
        .resource_type()
        .map(|t| t.as_str().to_string())
        .unwrap_or_default();
    let account_id = base.account_id().unwrap_or_default().to_string();
    let region = base.aws_region().unwrap_or_default().to_string();
    let status = base.configuration_item_status().map(|s| s.as_str());
    let model_type = items::mapping(&resource_type).map_or("", |m| m.model_type);
    match status {
        Some("ResourceDeleted") | Some("ResourceDeletedNotRecorded") => return Ok(None),
        Some("ResourceNotRecorded") => {
            return Err(Box::new(Gap {
                account_id,
                region: if is_global_type(&resource_type) {
                    GLOBAL_REGION.to_string()
                } else {
                    region
                },
                service: service_of(model_type).into(),
                operation: "BatchGetAggregateResourceConfig".into(),
                error: format!("AWS Config no longer records {resource_type} here"),
                resource_types: vec![model_type.to_string()],
                resource_id: None,
            }));
        }
        _ => {}
    }
    let header = ConfigItemHeader {
        account_id: account_id.clone(),
        region: region.clone(),
        resource_type: resource_type.clone(),
        resource_id: base.resource_id().unwrap_or_default().to_string(),
        resource_name: base.resource_name().map(str::to_string),
        arn: base.arn().map(str::to_string),
        captured_at: base
            .configuration_item_capture_time()
            .map(|t| Timestamp::from_unix(t.secs())),
    };
    let supplementary = base
        .supplementary_configuration()
        .map(|m| {
            m.iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect::<Vec<_>>()
        })
        .unwrap_or_default();
    let resource_id = header.resource_id.clone();
    ConfigItem::decode(header, base.configuration(), supplementary)
        .map(Some)
        .map_err(|e| {
            Box::new(Gap {
                account_id,
                region,
                service: service_of(model_type).into(),
                operation: "BatchGetAggregateResourceConfig".into(),
                error: format!(
                    "configuration item of {resource_type} {resource_id} could not be read: {e}"
                ),
                resource_types: vec![model_type.to_string()],
                resource_id: None,
            })
        })
}

/// Gaps for the wanted model types the aggregator cannot fill in one account, one per service
/// and scope, so their checks report NOT_EVALUATED rather than pass on nothing.
fn unread_type_gaps(account: &str, aggregator: &str, wants: &dyn Fn(&str) -> bool) -> Vec<Gap> {
    let mapped: BTreeSet<&str> = MAPPINGS.iter().map(|m| m.model_type).collect();
    let mut groups: BTreeMap<(&str, bool, &str), Vec<String>> = BTreeMap::new();
    for t in RESOURCE_TYPES
        .iter()
        .filter(|t| !mapped.contains(t.name) && wants(t.name))
    {
        let reason = if items::NOT_RECORDED_BY_CONFIG.contains(&t.name) {
            NOT_RECORDED
        } else {
            NOT_READ
        };
        groups
            .entry((t.service, t.global, reason))
            .or_default()
            .push(t.name.to_string());
    }
    groups
        .into_iter()
        .map(|((service, global, reason), types)| Gap {
            account_id: account.to_string(),
            region: if global { GLOBAL_REGION } else { "*" }.to_string(),
            service: service.to_string(),
            operation: format!("aggregator {aggregator}"),
            error: format!("{reason} ({})", types.join(", ")),
            resource_types: types,
            resource_id: None,
        })
        .collect()
}

/// Gaps that explain the fields AWS Config does not record for resources it does (listed in
/// their `meta.unknown`), one per type present in the account. Their resource types name the
/// fields (`iam_user.access_keys`), so they explain NOT_EVALUATED results without blanking the
/// type. CloudTrail trails are the exception: account-level checks need the trails' status and
/// event selectors, so a trail gap covers the whole type.
fn partial_data_gaps(account: &str, aggregator: &str, resources: &[Resource]) -> Vec<Gap> {
    let mut fields: BTreeMap<&'static str, BTreeSet<String>> = BTreeMap::new();
    for r in resources {
        let unknown = &r.meta().unknown;
        if !unknown.is_empty() {
            fields.entry(r.type_name()).or_default().extend(
                unknown
                    .iter()
                    .filter(|f| !f.starts_with("derived"))
                    .cloned(),
            );
        }
    }
    fields
        .into_iter()
        .filter(|(_, f)| !f.is_empty())
        .map(|(model_type, fields)| {
            let names: Vec<&str> = fields.iter().map(String::as_str).collect();
            let trail_status = model_type == "cloudtrail_trail"
                && (fields.contains("is_logging") || fields.contains("event_selectors"));
            Gap {
                account_id: account.to_string(),
                region: scope_region(model_type).to_string(),
                service: service_of(model_type).to_string(),
                operation: format!("aggregator {aggregator}"),
                error: format!(
                    "{NOT_RECORDED}: {model_type} {}; checks that read them report NOT_EVALUATED",
                    names.join(", ")
                ),
                resource_types: if trail_status {
                    vec![model_type.to_string()]
                } else {
                    fields.iter().map(|f| format!("{model_type}.{f}")).collect()
                },
                resource_id: None,
            }
        })
        .collect()
}
