//! Regional security services: IAM Access Analyzer analyzers and Security Hub.

use std::pin::Pin;

use super::{Collector, Ctx, Scope, Sink, errors};
use crate::model::iam::AccessAnalyzer;
use crate::model::services::SecurityHubHub;
use crate::model::{Resource, ResourceMeta};

type BoxSink<'a> = Pin<Box<dyn std::future::Future<Output = Sink> + Send + 'a>>;

pub(super) fn access_analyzer_collector() -> Collector {
    Collector {
        service: "accessanalyzer",
        scope: Scope::Regional,
        types: &["accessanalyzer_analyzer"],
        collect: |ctx| Box::pin(collect_analyzers(ctx)) as BoxSink<'_>,
    }
}

pub(super) fn securityhub_collector() -> Collector {
    Collector {
        service: "securityhub",
        scope: Scope::Regional,
        types: &["securityhub_hub"],
        collect: |ctx| Box::pin(collect_hub(ctx)) as BoxSink<'_>,
    }
}

async fn collect_analyzers(ctx: &Ctx) -> Sink {
    let mut sink = Sink::default();
    let client = ctx.clients.accessanalyzer(&ctx.region);
    let mut pages = client.list_analyzers().into_paginator().send();
    while let Some(page) = pages.next().await {
        match page {
            Ok(p) => {
                for a in p.analyzers() {
                    sink.resources
                        .push(Resource::AccessAnalyzer(AccessAnalyzer {
                            meta: ResourceMeta::new(
                                a.arn(),
                                &ctx.account_id,
                                &ctx.region,
                                &ctx.partition,
                            )
                            .with_arn(a.arn())
                            .with_name(a.name()),
                            analyzer_type: a.r#type().as_str().to_string(),
                            status: a.status().as_str().to_string(),
                        }));
                }
            }
            Err(e) => {
                sink.gap(
                    ctx,
                    "accessanalyzer",
                    "ListAnalyzers",
                    &errors::describe(&e),
                    &["accessanalyzer_analyzer"],
                    None,
                );
                break;
            }
        }
    }
    sink
}

async fn collect_hub(ctx: &Ctx) -> Sink {
    let mut sink = Sink::default();
    let client = ctx.clients.securityhub(&ctx.region);
    let id = ctx.arn("securityhub", "hub/default");
    let types = &["securityhub_hub"];
    let enabled = match client.describe_hub().send().await {
        Ok(_) => true,
        Err(e) => {
            let info = errors::describe(&e);
            // "not subscribed" answers mean Security Hub is off in the region.
            if info.code.as_deref() == Some("InvalidAccessException")
                || info.code.as_deref() == Some("ResourceNotFoundException")
            {
                false
            } else {
                sink.gap(ctx, "securityhub", "DescribeHub", &info, types, None);
                return sink;
            }
        }
    };
    let mut enabled_standards = Vec::new();
    let mut meta = ResourceMeta::new(&id, &ctx.account_id, &ctx.region, &ctx.partition);
    if enabled {
        let mut pages = client.get_enabled_standards().into_paginator().send();
        while let Some(page) = pages.next().await {
            match page {
                Ok(out) => enabled_standards.extend(
                    out.standards_subscriptions()
                        .iter()
                        .filter_map(|s| s.standards_arn().map(str::to_string)),
                ),
                Err(e) => {
                    // Whether the hub is on is still known: only the standards are missing,
                    // and a partial list would read as the complete one.
                    enabled_standards.clear();
                    meta.unknown.push("enabled_standards".to_string());
                    sink.gap(
                        ctx,
                        "securityhub",
                        "GetEnabledStandards",
                        &errors::describe(&e),
                        &["securityhub_standards"],
                        Some(&id),
                    );
                    break;
                }
            }
        }
    }
    sink.resources
        .push(Resource::SecurityHubHub(SecurityHubHub {
            meta,
            enabled,
            enabled_standards,
        }));
    sink
}

#[cfg(test)]
mod tests {
    use super::*;

    use std::collections::BTreeMap;

    use aws_sdk_accessanalyzer::operation::list_analyzers::ListAnalyzersOutput;
    use aws_sdk_accessanalyzer::types::{AnalyzerStatus, AnalyzerSummary, Type as AnalyzerType};
    use aws_sdk_securityhub::operation::describe_hub::DescribeHubOutput;
    use aws_sdk_securityhub::operation::get_enabled_standards::GetEnabledStandardsOutput;
    use aws_sdk_securityhub::types::{StandardsStatus, StandardsSubscription};
    use aws_smithy_mocks::{MockResponse, Rule, mock};
    use aws_smithy_runtime_api::client::orchestrator::HttpResponse;
    use aws_smithy_types::DateTime;

    use crate::finding::Status;
    use crate::model::Gap;
    use crate::source::aws::canned::{self, ACCOUNT, REGION};

    const ANALYZER_CHECK: &[&str] = &["iam/access_analyzer_enabled.rego"];
    const HUB_CHECK: &[&str] = &["securityhub/hub_enabled.rego"];

    fn analyzer(name: &str, kind: AnalyzerType, status: AnalyzerStatus) -> AnalyzerSummary {
        AnalyzerSummary::builder()
            .arn(format!(
                "arn:aws:access-analyzer:{REGION}:{ACCOUNT}:analyzer/{name}"
            ))
            .name(name)
            .r#type(kind)
            .status(status)
            .created_at(DateTime::from_secs(1_700_000_000))
            .build()
            .expect("a valid analyzer")
    }

    fn analyzers_of(sink: &Sink) -> Vec<(String, String, String)> {
        sink.resources
            .iter()
            .filter_map(|r| match r {
                Resource::AccessAnalyzer(a) => Some((
                    a.meta.name.clone().unwrap_or_default(),
                    a.analyzer_type.clone(),
                    a.status.clone(),
                )),
                _ => None,
            })
            .collect()
    }

    /// The only verdict of a region-scoped check.
    fn verdict(sink: &Sink, check: &[&str]) -> Status {
        let verdicts = canned::verdicts(sink, check);
        assert_eq!(verdicts.len(), 1, "{verdicts:?}");
        verdicts.into_values().next().expect("one verdict")
    }

    async fn analyzers_with(rules: Vec<Rule>) -> Sink {
        let (clients, _) = canned::clients(rules);
        collect_analyzers(&canned::ctx(clients, REGION)).await
    }

    // Canned: moto has no IAM Access Analyzer at all (moto-notes.md).
    #[tokio::test]
    async fn analyzers_across_pages_become_the_model_and_pass_the_check() {
        let rules = vec![
            mock!(aws_sdk_accessanalyzer::Client::list_analyzers).then_compute_output(|input| {
                let page = ListAnalyzersOutput::builder();
                match input.next_token() {
                    None => page
                        .analyzers(analyzer(
                            "unused",
                            AnalyzerType::AccountUnusedAccess,
                            AnalyzerStatus::Active,
                        ))
                        .next_token("page-2"),
                    Some("page-2") => page.analyzers(analyzer(
                        "account",
                        AnalyzerType::Account,
                        AnalyzerStatus::Active,
                    )),
                    Some(other) => panic!("unexpected NextToken {other}"),
                }
                .build()
                .expect("a valid page")
            }),
        ];
        let sink = analyzers_with(rules).await;
        assert!(sink.gaps.is_empty(), "{:?}", sink.gaps);
        assert_eq!(
            analyzers_of(&sink),
            [
                (
                    "unused".to_string(),
                    "ACCOUNT_UNUSED_ACCESS".to_string(),
                    "ACTIVE".to_string()
                ),
                (
                    "account".to_string(),
                    "ACCOUNT".to_string(),
                    "ACTIVE".to_string()
                ),
            ]
        );
        let Resource::AccessAnalyzer(a) = &sink.resources[1] else {
            panic!("an analyzer");
        };
        assert_eq!(
            a.meta.id,
            format!("arn:aws:access-analyzer:{REGION}:{ACCOUNT}:analyzer/account")
        );
        assert_eq!(
            (a.meta.account_id.as_str(), a.meta.region.as_str()),
            (ACCOUNT, REGION)
        );
        assert_eq!(verdict(&sink, ANALYZER_CHECK), Status::Pass);
    }

    // Canned: moto has no IAM Access Analyzer at all.
    #[tokio::test]
    async fn only_an_unused_access_or_failed_analyzer_fails_the_check() {
        let rules = vec![
            mock!(aws_sdk_accessanalyzer::Client::list_analyzers).then_output(|| {
                ListAnalyzersOutput::builder()
                    .analyzers(analyzer(
                        "unused",
                        AnalyzerType::AccountUnusedAccess,
                        AnalyzerStatus::Active,
                    ))
                    .analyzers(analyzer(
                        "broken",
                        AnalyzerType::Account,
                        AnalyzerStatus::Failed,
                    ))
                    .build()
                    .expect("a valid page")
            }),
        ];
        let sink = analyzers_with(rules).await;
        assert!(sink.gaps.is_empty(), "{:?}", sink.gaps);
        assert_eq!(analyzers_of(&sink).len(), 2);
        assert_eq!(verdict(&sink, ANALYZER_CHECK), Status::Fail);

        // No analyzer at all: an empty region, judged, not a gap.
        let rules = vec![
            mock!(aws_sdk_accessanalyzer::Client::list_analyzers).then_output(|| {
                ListAnalyzersOutput::builder()
                    .set_analyzers(Some(Vec::new()))
                    .build()
                    .expect("a valid page")
            }),
        ];
        let sink = analyzers_with(rules).await;
        assert!(sink.gaps.is_empty() && sink.resources.is_empty());
        assert_eq!(verdict(&sink, ANALYZER_CHECK), Status::Fail);
    }

    // Canned: moto has no IAM Access Analyzer, and its "not implemented" answer is covered by
    // tests/live.rs; this is AWS's own AccessDenied, with the namespace suffix AWS puts on
    // x-amzn-ErrorType.
    #[tokio::test]
    async fn denied_analyzer_listing_is_a_gap_and_the_check_is_not_evaluated() {
        let rules = vec![mock!(aws_sdk_accessanalyzer::Client::list_analyzers).then_http_response(|| {
            canned::json_error(
                403,
                "AccessDeniedException:http://internal.amazon.com/coral/com.amazonaws.accessanalyzer/",
                "User: arn:aws:iam::111111111111:user/auditor is not authorized to perform: access-analyzer:ListAnalyzers on resource: arn:aws:access-analyzer:us-east-1:111111111111:*",
            )
        })];
        let sink = analyzers_with(rules).await;
        assert!(sink.resources.is_empty());
        assert_eq!(
            sink.gaps,
            [Gap {
                account_id: ACCOUNT.to_string(),
                region: REGION.to_string(),
                service: "accessanalyzer".to_string(),
                operation: "ListAnalyzers".to_string(),
                error: "AccessDeniedException: User: arn:aws:iam::111111111111:user/auditor is not authorized to perform: access-analyzer:ListAnalyzers on resource: arn:aws:access-analyzer:us-east-1:111111111111:*".to_string(),
                resource_types: vec!["accessanalyzer_analyzer".to_string()],
                resource_id: None,
            }]
        );
        assert_eq!(verdict(&sink, ANALYZER_CHECK), Status::NotEvaluated);
    }

    fn standard(arn: &str) -> StandardsSubscription {
        StandardsSubscription::builder()
            .standards_subscription_arn(format!("{arn}/subscription"))
            .standards_arn(arn)
            .standards_status(StandardsStatus::Ready)
            .build()
    }

    const FSBP: &str =
        "arn:aws:securityhub:us-east-1::standards/aws-foundational-security-best-practices/v/1.0.0";
    const CIS: &str =
        "arn:aws:securityhub:us-east-1::standards/cis-aws-foundations-benchmark/v/3.0.0";
    const PCI: &str = "arn:aws:securityhub:us-east-1::standards/pci-dss/v/4.0.1";

    fn hub_enabled() -> Rule {
        mock!(aws_sdk_securityhub::Client::describe_hub).then_output(|| {
            DescribeHubOutput::builder()
                .hub_arn(format!(
                    "arn:aws:securityhub:{REGION}:{ACCOUNT}:hub/default"
                ))
                .subscribed_at("2025-01-01T00:00:00.000Z")
                .auto_enable_controls(true)
                .build()
        })
    }

    fn not_subscribed() -> HttpResponse {
        canned::json_error(
            401,
            "InvalidAccessException",
            "Account 111111111111 is not subscribed to AWS Security Hub",
        )
    }

    async fn hub_with(rules: Vec<Rule>) -> (Sink, std::sync::Arc<crate::source::aws::CallCounter>) {
        let (clients, counter) = canned::clients(rules);
        (collect_hub(&canned::ctx(clients, REGION)).await, counter)
    }

    fn hub_of(sink: &Sink) -> &SecurityHubHub {
        let hubs: Vec<_> = sink
            .resources
            .iter()
            .filter_map(|r| match r {
                Resource::SecurityHubHub(h) => Some(h),
                _ => None,
            })
            .collect();
        assert_eq!(hubs.len(), 1, "one hub per region");
        hubs[0]
    }

    // Canned: moto has DescribeHub but not GetEnabledStandards (moto-notes.md).
    #[tokio::test]
    async fn enabled_hub_with_standards_across_pages() {
        let rules = vec![
            hub_enabled(),
            mock!(aws_sdk_securityhub::Client::get_enabled_standards).then_compute_output(
                |input| {
                    let page = GetEnabledStandardsOutput::builder();
                    match input.next_token() {
                        None => page
                            .standards_subscriptions(standard(FSBP))
                            .standards_subscriptions(standard(CIS))
                            .next_token("page-2"),
                        Some("page-2") => page.standards_subscriptions(standard(PCI)),
                        Some(other) => panic!("unexpected NextToken {other}"),
                    }
                    .build()
                },
            ),
        ];
        let (sink, counter) = hub_with(rules).await;
        assert!(sink.gaps.is_empty(), "{:?}", sink.gaps);
        let hub = hub_of(&sink);
        assert!(hub.enabled);
        assert_eq!(hub.enabled_standards, [FSBP, CIS, PCI]);
        assert_eq!(
            hub.meta.id,
            format!("arn:aws:securityhub:{REGION}:{ACCOUNT}:hub/default")
        );
        assert!(hub.meta.unknown.is_empty());
        assert_eq!(
            canned::calls(&counter, "securityhub:GetEnabledStandards"),
            2
        );
        assert_eq!(verdict(&sink, HUB_CHECK), Status::Pass);
    }

    // Canned: moto lacks GetEnabledStandards, and its denial of a call (IAM policy enforcement)
    // is an XML body with no `x-amzn-ErrorType`, not Security Hub's `AccessDeniedException`.
    // The "not subscribed" answer, which moto does give, is here as the contrast of the denied
    // DescribeHub: two 4xx answers of one call, one meaning "off", the other "unknown".
    #[tokio::test]
    async fn denied_hub_or_standards_are_gaps_and_nothing_is_guessed() {
        let denied = |operation: &'static str| {
            move || {
                canned::json_error(
                    403,
                    "AccessDeniedException",
                    &format!(
                        "User: arn:aws:iam::{ACCOUNT}:user/auditor is not authorized to perform: securityhub:{operation}"
                    ),
                )
            }
        };
        // DescribeHub denied: whether the hub is on is unknown, so no hub at all.
        let (sink, _) = hub_with(vec![
            mock!(aws_sdk_securityhub::Client::describe_hub)
                .then_http_response(denied("DescribeHub")),
        ])
        .await;
        assert!(sink.resources.is_empty());
        let gaps: BTreeMap<&str, (&str, Vec<String>)> = sink
            .gaps
            .iter()
            .map(|g| {
                (
                    g.operation.as_str(),
                    (g.error.as_str(), g.resource_types.clone()),
                )
            })
            .collect();
        assert_eq!(gaps.len(), 1, "{gaps:?}");
        let (error, types) = &gaps["DescribeHub"];
        assert!(error.starts_with("AccessDeniedException: User:"), "{error}");
        assert_eq!(types, &["securityhub_hub"]);
        assert_eq!(verdict(&sink, HUB_CHECK), Status::NotEvaluated);

        // Not subscribed: the hub is off, which is an answer, not a gap.
        let (sink, counter) = hub_with(vec![
            mock!(aws_sdk_securityhub::Client::describe_hub).then_http_response(not_subscribed),
        ])
        .await;
        assert!(sink.gaps.is_empty(), "{:?}", sink.gaps);
        let hub = hub_of(&sink);
        assert!(!hub.enabled && hub.enabled_standards.is_empty());
        assert!(hub.meta.unknown.is_empty());
        // No standards are asked of a hub that is off.
        assert_eq!(
            canned::calls(&counter, "securityhub:GetEnabledStandards"),
            0
        );
        assert_eq!(verdict(&sink, HUB_CHECK), Status::Fail);

        // GetEnabledStandards denied: the hub is known to be on, its standards are unknown.
        let (sink, _) = hub_with(vec![
            hub_enabled(),
            mock!(aws_sdk_securityhub::Client::get_enabled_standards)
                .then_http_response(denied("GetEnabledStandards")),
        ])
        .await;
        let hub = hub_of(&sink);
        assert!(hub.enabled);
        assert!(hub.enabled_standards.is_empty());
        assert_eq!(hub.meta.unknown, ["enabled_standards"]);
        let gaps = canned::gaps_of(&sink, "GetEnabledStandards");
        assert_eq!(gaps.len(), 1, "{:?}", sink.gaps);
        assert_eq!(gaps[0].resource_id.as_deref(), Some(hub.meta.id.as_str()));
        assert_eq!(gaps[0].resource_types, ["securityhub_standards"]);
        assert!(
            gaps[0].error.starts_with("AccessDeniedException: "),
            "{}",
            gaps[0].error
        );
        // The hub check needs only `enabled`, which is known.
        assert_eq!(verdict(&sink, HUB_CHECK), Status::Pass);

        // Denied on the second page: the first page alone is not passed off as the list.
        let (sink, _) = hub_with(vec![
            hub_enabled(),
            mock!(aws_sdk_securityhub::Client::get_enabled_standards).then_compute_response(
                move |input| match input.next_token() {
                    None => MockResponse::Output(
                        GetEnabledStandardsOutput::builder()
                            .standards_subscriptions(standard(FSBP))
                            .next_token("page-2")
                            .build(),
                    ),
                    _ => MockResponse::Http(denied("GetEnabledStandards")()),
                },
            ),
        ])
        .await;
        let hub = hub_of(&sink);
        assert!(hub.enabled);
        assert!(
            hub.enabled_standards.is_empty(),
            "{:?}",
            hub.enabled_standards
        );
        assert_eq!(hub.meta.unknown, ["enabled_standards"]);
        assert_eq!(canned::gaps_of(&sink, "GetEnabledStandards").len(), 1);
    }
}
