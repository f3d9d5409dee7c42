//! Sources turn the world into the model: inventory snapshots, live AWS accounts, AWS Config
//! aggregators and infrastructure as code all produce an [`Inventory`](crate::model::Inventory).

pub mod aws;
pub mod config_aggregator;
pub mod iac;
pub mod snapshot;
