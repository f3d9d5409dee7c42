//! Test support: collectors answered by canned SDK responses (aws-smithy-mocks) instead of
//! moto, for what moto cannot serve or cannot reproduce (see
//! `../shared/reference/moto-notes.md`). Each test that uses it says why moto would not do.
//!
//! The rules sit on an interceptor of every client that [`Clients`] builds, so the collectors
//! run unchanged, through the real SDK (serialization, paginators, error parsing of HTTP
//! answers) and the real call counter; no request leaves the process.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use aws_config::{BehaviorVersion, Region, SdkConfig};
use aws_credential_types::Credentials;
use aws_credential_types::provider::SharedCredentialsProvider;
use aws_smithy_mocks::{MockResponseInterceptor, Rule, RuleMode, create_mock_http_client};
use aws_smithy_runtime_api::client::orchestrator::HttpResponse;
use aws_smithy_runtime_api::http::StatusCode;
use aws_smithy_types::body::SdkBody;

use super::{CallCounter, Clients, Ctx, Sink};
use crate::check::Catalog;
use crate::check::engine::CompiledChecks;
use crate::check::eval::evaluate;
use crate::finding::Status;
use crate::model::time::Timestamp;
use crate::model::{AccountInventory, GLOBAL_REGION, Gap, Inventory, RegionInventory, derive};

/// The account every canned answer belongs to.
pub(super) const ACCOUNT: &str = "111111111111";
/// The one region scanned.
pub(super) const REGION: &str = "us-east-1";

/// The collection time of every canned test, so ages computed from it are fixed.
pub(super) fn now() -> Timestamp {
    Timestamp::from_unix(1_772_323_200) // 2026-03-01T00:00:00Z
}

/// Clients answered by the first rule that matches each call. A call that no rule matches
/// panics, so a test also pins every operation the collector sends.
pub(super) fn clients(rules: Vec<Rule>) -> (Clients, Arc<CallCounter>) {
    build(rules, true)
}

/// Like [`clients`], but a call that no rule matches gets an HTTP 418 with no AWS error code,
/// which the collector records as a gap: for a test about one call of a collector that sends
/// many, which then ignores the others' gaps.
pub(super) fn clients_answering_the_rest_with_errors(
    rules: Vec<Rule>,
) -> (Clients, Arc<CallCounter>) {
    build(rules, false)
}

fn build(rules: Vec<Rule>, strict: bool) -> (Clients, Arc<CallCounter>) {
    let mut interceptor = MockResponseInterceptor::new().rule_mode(RuleMode::MatchAny);
    for rule in &rules {
        interceptor = interceptor.with_rule(rule);
    }
    if !strict {
        interceptor = interceptor.allow_passthrough();
    }
    let config = SdkConfig::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new(REGION))
        .credentials_provider(SharedCredentialsProvider::new(Credentials::new(
            "AKIDCANNEDEXAMPLE",
            "canned-secret",
            None,
            None,
            "canned",
        )))
        .http_client(create_mock_http_client())
        .build();
    let counter = Arc::new(CallCounter::default());
    let clients = Clients::new(config, counter.clone(), None).with_interceptor(interceptor);
    (clients, counter)
}

/// The unit context of a collector in `region` (`global` for global collectors).
pub(super) fn ctx(clients: Clients, region: &str) -> Ctx {
    Ctx {
        clients,
        account_id: ACCOUNT.to_string(),
        partition: "aws".to_string(),
        region: region.to_string(),
        home_region: REGION.to_string(),
        regions: vec![REGION.to_string()],
        now: now(),
    }
}

/// An HTTP answer with these headers and body, for the SDK to parse as it would AWS's.
pub(super) fn http(status: u16, headers: &[(&'static str, &str)], body: &str) -> HttpResponse {
    let mut response = HttpResponse::new(
        StatusCode::try_from(status).expect("a valid status"),
        SdkBody::from(body.to_string()),
    );
    for (name, value) in headers {
        response.headers_mut().insert(*name, value.to_string());
    }
    response
}

/// An error as the awsQuery services (IAM) send it.
pub(super) fn query_error(status: u16, code: &str, message: &str) -> HttpResponse {
    http(
        status,
        &[("content-type", "text/xml")],
        &format!(
            r#"<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type><Code>{code}</Code><Message>{message}</Message></Error><RequestId>7a62c49f-347e-4fc4-9331-6e8eEXAMPLE</RequestId></ErrorResponse>"#
        ),
    )
}

/// An error as S3 sends it.
pub(super) fn s3_error(status: u16, code: &str, message: &str) -> HttpResponse {
    http(
        status,
        &[("content-type", "application/xml")],
        &format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>{code}</Code><Message>{message}</Message><RequestId>4442587FB7D0A2F9</RequestId><HostId>EXAMPLEhostid</HostId></Error>"
        ),
    )
}

/// An error as the JSON services (KMS, Access Analyzer, Security Hub) send it: the code in
/// `x-amzn-ErrorType`, which AWS may suffix with `:<namespace>`.
pub(super) fn json_error(status: u16, error_type: &str, message: &str) -> HttpResponse {
    http(
        status,
        &[
            ("content-type", "application/x-amz-json-1.1"),
            ("x-amzn-errortype", error_type),
        ],
        &serde_json::json!({ "message": message }).to_string(),
    )
}

/// The gaps a collector recorded for one operation.
pub(super) fn gaps_of<'a>(sink: &'a Sink, operation: &str) -> Vec<&'a Gap> {
    sink.gaps
        .iter()
        .filter(|g| g.operation == operation)
        .collect()
}

/// How many times the collector sent `service:Operation`.
pub(super) fn calls(counter: &CallCounter, operation: &str) -> u64 {
    counter.operations().get(operation).copied().unwrap_or(0)
}

/// The verdicts of the checks in `check_files` (paths under `checks/`) over what a collector
/// produced, gaps included, judged as a scan judges them: (check id, target id) -> status.
pub(super) fn verdicts(sink: &Sink, check_files: &[&str]) -> BTreeMap<(String, String), Status> {
    let mut regions: BTreeMap<String, Vec<_>> = BTreeMap::new();
    regions.insert(GLOBAL_REGION.to_string(), Vec::new());
    regions.insert(REGION.to_string(), Vec::new());
    for resource in &sink.resources {
        regions
            .entry(resource.meta().region.clone())
            .or_default()
            .push(resource.clone());
    }
    let mut inventory = Inventory::new(now());
    inventory.accounts.push(AccountInventory {
        account_id: ACCOUNT.to_string(),
        partition: "aws".to_string(),
        name: None,
        regions: regions
            .into_iter()
            .map(|(region, resources)| RegionInventory { region, resources })
            .collect(),
    });
    inventory.gaps = sink.gaps.clone();
    derive::enrich(&mut inventory);

    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("checks");
    let paths: Vec<PathBuf> = check_files.iter().map(|f| root.join(f)).collect();
    let catalog = Catalog::load(&paths, false).expect("the checks load");
    let compiled = CompiledChecks::compile(&catalog).expect("the checks compile");
    let selection: Vec<usize> = (0..catalog.checks.len()).collect();
    let evaluation = evaluate(&inventory, &catalog, &compiled, &selection);
    evaluation
        .findings
        .iter()
        .map(|f| {
            let check = &catalog.checks[selection[f.check as usize]].meta.id;
            let target = &evaluation.targets[f.target as usize].id;
            ((check.clone(), target.clone()), f.status)
        })
        .collect()
}
