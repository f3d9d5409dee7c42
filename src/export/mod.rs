//! Exports: sending findings to other services after the reports are written. Opt-in only:
//! these are the only calls stance makes that change anything in an AWS account, and they are
//! kept apart from collection (which is read-only) so the two can be audited separately.

pub mod securityhub;
