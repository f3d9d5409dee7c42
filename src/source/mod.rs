//! Sources turn the world into the model: inventory snapshots, live AWS accounts and
//! infrastructure as code all produce an [`Inventory`](crate::model::Inventory).

pub mod aws;
pub mod iac;
pub mod snapshot;
