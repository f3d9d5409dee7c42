//! stance: a cloud security posture scanner for AWS.
//!
//! The pipeline, one module per stage:
//! [`source`] (live AWS, snapshots, IaC) → [`model`] (typed resources with derived facts) →
//! [`check`] (Rego checks evaluated by regorus) → [`finding`] (status per check and target) →
//! [`report`] (JSON, SARIF, ASFF, HTML, terminal) → [`export`] (opt-in: Security Hub import).

pub mod app;
pub mod atomic;
pub mod baseline;
pub mod check;
pub mod cli;
pub mod config;
pub mod demo;
pub mod docs;
pub mod error;
pub mod export;
pub mod finding;
pub mod frameworks;
pub mod interrupt;
pub mod merge;
pub mod model;
pub mod report;
pub mod scan;
pub mod source;
pub mod suppress;
