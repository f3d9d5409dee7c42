//! The inventory: every resource of every account and region, plus the gaps that say what
//! could not be collected. Serialized as-is, it is the snapshot file format.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::time::Timestamp;
use super::{GLOBAL_REGION, Resource};

/// The snapshot format version this build reads and writes.
pub const SNAPSHOT_SCHEMA_VERSION: u32 = 1;

/// A whole inventory: accounts → regions → resources, plus gaps.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Inventory {
    /// Format version of the snapshot (currently 1).
    pub schema_version: u32,
    /// When the data was collected. Age-based facts (key age, days since last use) are
    /// computed relative to this time, so a snapshot evaluates the same way every day.
    pub collected_at: Timestamp,
    /// The tool and version that wrote the snapshot.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub generator: Option<String>,
    /// Accounts.
    pub accounts: Vec<AccountInventory>,
    /// What could not be collected, and why.
    #[serde(default)]
    pub gaps: Vec<Gap>,
    /// Collection statistics (live scans).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stats: Option<CollectionStats>,
}

/// One account's resources, by region.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AccountInventory {
    /// 12-digit account id.
    pub account_id: String,
    /// Partition (`aws`, `aws-cn`, `aws-us-gov`).
    #[serde(default = "default_partition")]
    pub partition: String,
    /// Account name (from AWS Organizations) or alias.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The regions scanned, each with its resources; `global` holds global resources. A region
    /// listed with no resources was scanned and found empty.
    pub regions: Vec<RegionInventory>,
}

impl AccountInventory {
    /// An account's collected resources grouped by region, in a stable order (by type, then
    /// id). `global` and every region in `regions` are listed even when empty: they were
    /// scanned and found empty.
    pub fn from_resources<'a>(
        account_id: String,
        partition: String,
        name: Option<String>,
        regions: impl IntoIterator<Item = &'a String>,
        mut resources: Vec<Resource>,
    ) -> Self {
        resources.sort_by(|a, b| (a.type_name(), &a.meta().id).cmp(&(b.type_name(), &b.meta().id)));
        let mut by_region: BTreeMap<String, Vec<Resource>> = BTreeMap::new();
        by_region.insert(GLOBAL_REGION.to_string(), Vec::new());
        for region in regions {
            by_region.insert(region.clone(), Vec::new());
        }
        for resource in resources {
            by_region
                .entry(resource.meta().region.clone())
                .or_default()
                .push(resource);
        }
        Self {
            account_id,
            partition,
            name,
            regions: by_region
                .into_iter()
                .map(|(region, resources)| RegionInventory { region, resources })
                .collect(),
        }
    }
}

fn default_partition() -> String {
    "aws".to_string()
}

/// One region's resources.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RegionInventory {
    /// Region code, or `global`.
    pub region: String,
    /// Resources in the region.
    #[serde(default)]
    pub resources: Vec<Resource>,
}

/// Something that could not be collected. Checks that need the missing resource types in
/// that account and region report NOT_EVALUATED with this reason instead of a false PASS.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Gap {
    /// Account id.
    pub account_id: String,
    /// Region code, `global`, or `*` when the whole account could not be reached.
    pub region: String,
    /// Service (`s3`, `iam`...).
    pub service: String,
    /// The API operation that failed (`GetBucketPolicy`).
    pub operation: String,
    /// The error, as the service reported it (never containing credentials).
    pub error: String,
    /// Resource types left incomplete; empty means every type of the service.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub resource_types: Vec<String>,
    /// The one resource left incomplete (e.g. a bucket whose policy could not be read); `None`
    /// when the gap concerns a whole listing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource_id: Option<String>,
}

impl Gap {
    /// The order gaps are listed in every output: by place, then what failed.
    pub fn order(&self, other: &Self) -> std::cmp::Ordering {
        (
            &self.account_id,
            &self.region,
            &self.service,
            &self.operation,
            &self.resource_id,
            &self.error,
        )
            .cmp(&(
                &other.account_id,
                &other.region,
                &other.service,
                &other.operation,
                &other.resource_id,
                &other.error,
            ))
    }

    /// A one-line description for reports: `s3 GetBucketPolicy in us-east-1: AccessDenied`.
    pub fn describe(&self) -> String {
        if self.region.is_empty() {
            // Gaps that belong to no region, such as a template that could not be parsed.
            return format!("{} {}: {}", self.service, self.operation, self.error);
        }
        format!(
            "{} {} in {}: {}",
            self.service, self.operation, self.region, self.error
        )
    }

    /// Whether this gap leaves `resource_type` incomplete in `account`/`region`.
    pub fn affects(&self, account: &str, region: &str, resource_type: &str) -> bool {
        if self.account_id != account {
            return false;
        }
        let region_matches = self.region == "*" || self.region == region;
        // A gap over a whole account (`*`) with no types listed leaves every type incomplete.
        let type_matches = if self.resource_types.is_empty() {
            self.region == "*"
                || super::resource_type(resource_type).is_some_and(|t| t.service == self.service)
        } else {
            self.resource_types.iter().any(|t| t == resource_type)
        };
        region_matches && type_matches
    }
}

/// Counters of a live collection.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct CollectionStats {
    /// AWS API calls sent (each page of a paginated call counts once).
    pub api_calls: u64,
    /// Retries the SDK made after throttling or transient errors.
    pub retries: u64,
    /// Wall time of the collection in milliseconds.
    pub duration_ms: u64,
    /// API calls per service, sorted by service.
    pub api_calls_by_service: std::collections::BTreeMap<String, u64>,
}

impl Inventory {
    /// An empty inventory collected now.
    pub fn new(collected_at: Timestamp) -> Self {
        Self {
            schema_version: SNAPSHOT_SCHEMA_VERSION,
            collected_at,
            generator: Some(format!("stance {}", env!("CARGO_PKG_VERSION"))),
            accounts: Vec::new(),
            gaps: Vec::new(),
            stats: None,
        }
    }

    /// Every resource, in file order.
    pub fn resources(&self) -> impl Iterator<Item = &Resource> {
        self.accounts
            .iter()
            .flat_map(|a| a.regions.iter())
            .flat_map(|r| r.resources.iter())
    }

    /// Every resource, mutably.
    pub fn resources_mut(&mut self) -> impl Iterator<Item = &mut Resource> {
        self.accounts
            .iter_mut()
            .flat_map(|a| a.regions.iter_mut())
            .flat_map(|r| r.resources.iter_mut())
    }

    /// Number of resources.
    pub fn resource_count(&self) -> usize {
        self.accounts
            .iter()
            .flat_map(|a| a.regions.iter())
            .map(|r| r.resources.len())
            .sum()
    }

    /// Fills each resource's account, region and partition from its container where the file
    /// left them out, and reports the first resource that contradicts its container.
    pub fn normalize(&mut self) -> Result<(), String> {
        for account in &mut self.accounts {
            for region in &mut account.regions {
                for (index, resource) in region.resources.iter_mut().enumerate() {
                    let meta = resource.meta_mut();
                    let place = || {
                        format!(
                            "accounts[{}].regions[{}].resources[{index}] ({})",
                            account.account_id, region.region, meta.id
                        )
                    };
                    for (field, value, expected) in [
                        ("account_id", &mut meta.account_id, &account.account_id),
                        ("region", &mut meta.region, &region.region),
                        ("partition", &mut meta.partition, &account.partition),
                    ] {
                        if value.is_empty() {
                            *value = expected.clone();
                        } else if value != expected {
                            let at = place();
                            return Err(format!(
                                "{at}: meta.{field} is {value:?} but the resource is listed under {expected:?}"
                            ));
                        }
                    }
                }
            }
        }
        Ok(())
    }

    /// Merges another inventory into this one (shards, or several sources in one scan).
    /// Accounts present in both have their regions merged.
    pub fn merge(&mut self, other: Inventory) {
        self.collected_at = self.collected_at.max(other.collected_at);
        for account in other.accounts {
            match self
                .accounts
                .iter_mut()
                .find(|a| a.account_id == account.account_id)
            {
                Some(existing) => {
                    for region in account.regions {
                        match existing
                            .regions
                            .iter_mut()
                            .find(|r| r.region == region.region)
                        {
                            Some(r) => r.resources.extend(region.resources),
                            None => existing.regions.push(region),
                        }
                    }
                }
                None => self.accounts.push(account),
            }
        }
        self.gaps.extend(other.gaps);
        if let Some(stats) = other.stats {
            let mine = self.stats.get_or_insert_with(CollectionStats::default);
            mine.api_calls += stats.api_calls;
            mine.retries += stats.retries;
            mine.duration_ms = mine.duration_ms.max(stats.duration_ms);
            for (service, calls) in stats.api_calls_by_service {
                *mine.api_calls_by_service.entry(service).or_default() += calls;
            }
        }
    }
}

impl AccountInventory {
    /// The scanned regions other than `global`.
    pub fn regional(&self) -> impl Iterator<Item = &RegionInventory> {
        self.regions.iter().filter(|r| r.region != GLOBAL_REGION)
    }
}
