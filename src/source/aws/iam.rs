//! IAM (global): users, groups, roles and managed policies from GetAccountAuthorizationDetails
//! (one paginated call instead of several per principal), the credential report for
//! passwords, MFA and access-key usage, plus the password policy, account summary, virtual MFA
//! devices and server certificates.

use std::collections::{BTreeMap, HashMap};
use std::pin::Pin;
use std::time::Duration;

use aws_sdk_iam::types::{
    EntityType, ManagedPolicyDetail, PolicyScopeType, PolicyVersion, ReportStateType,
};

use super::{Collector, Ctx, Scope, Sink, errors};
use crate::model::iam::{
    AccessKey, IamGroup, IamPasswordPolicy, IamPolicy, IamRole, IamRootUser, IamServerCertificate,
    IamUser, InlinePolicy, MfaDevice,
};
use crate::model::policy::decode_policy_document;
use crate::model::time::Timestamp;
use crate::model::{GLOBAL_REGION, Gap, Resource, ResourceMeta};

const TYPES: &[&str] = &[
    "iam_root_user",
    "iam_password_policy",
    "iam_user",
    "iam_group",
    "iam_role",
    "iam_policy",
    "iam_server_certificate",
];

pub(super) fn collector() -> Collector {
    Collector {
        service: "iam",
        scope: Scope::Global,
        types: TYPES,
        collect: |ctx| {
            Box::pin(collect(ctx)) as Pin<Box<dyn std::future::Future<Output = Sink> + Send + '_>>
        },
    }
}

/// Who a managed policy is attached to: (users, groups, roles).
type Attachments = (Vec<String>, Vec<String>, Vec<String>);

fn ts(t: Option<&aws_smithy_types::DateTime>) -> Option<Timestamp> {
    t.map(|d| Timestamp::from_unix(d.secs()))
}

fn meta(ctx: &Ctx, arn: &str, name: &str) -> ResourceMeta {
    ResourceMeta::new(arn, &ctx.account_id, GLOBAL_REGION, &ctx.partition)
        .with_arn(arn)
        .with_name(name)
}

/// Whether a managed policy is one of AWS's (`arn:<partition>:iam::aws:policy/...`).
fn is_aws_managed(arn: &str) -> bool {
    arn.contains(":iam::aws:policy/")
}

/// The AWS-managed policies attached to something in the account, with their default
/// version's document: one `ListPolicies` sweep (attached only) and one `GetPolicyVersion` per
/// policy. A policy whose document cannot be read is left out, with a gap naming it.
async fn attached_aws_managed_policies(ctx: &Ctx, sink: &mut Sink) -> Vec<ManagedPolicyDetail> {
    let iam = ctx.clients.iam(ctx.client_region());
    let mut listed = Vec::new();
    let mut pages = iam
        .list_policies()
        .scope(PolicyScopeType::Aws)
        .only_attached(true)
        .into_paginator()
        .send();
    while let Some(page) = pages.next().await {
        match page {
            Ok(p) => listed.extend(p.policies().iter().cloned()),
            Err(e) => {
                sink.gap(
                    ctx,
                    "iam",
                    "ListPolicies",
                    &errors::describe(&e),
                    &["iam_policy"],
                    None,
                );
                return Vec::new();
            }
        }
    }
    let mut out = Vec::with_capacity(listed.len());
    for p in listed {
        let (Some(arn), Some(version)) = (p.arn(), p.default_version_id()) else {
            continue;
        };
        let document = match sink.absent_or_gap(
            ctx,
            "iam",
            "GetPolicyVersion",
            iam.get_policy_version()
                .policy_arn(arn)
                .version_id(version)
                .send()
                .await,
            &["iam_policy"],
            Some(arn),
        ) {
            Ok(found) => found
                .and_then(|v| v.policy_version)
                .and_then(|v| v.document),
            Err(()) => continue,
        };
        out.push(
            ManagedPolicyDetail::builder()
                .arn(arn)
                .set_policy_name(p.policy_name().map(str::to_string))
                .set_attachment_count(p.attachment_count())
                .default_version_id(version)
                .policy_version_list(
                    PolicyVersion::builder()
                        .version_id(version)
                        .is_default_version(true)
                        .set_document(document)
                        .build(),
                )
                .build(),
        );
    }
    out
}

fn doc(text: Option<&str>) -> serde_json::Value {
    text.and_then(decode_policy_document)
        .unwrap_or(serde_json::Value::Null)
}

/// One row of the credential report.
#[derive(Debug, Default, Clone)]
struct ReportRow {
    password_enabled: bool,
    password_last_used: Option<Timestamp>,
    mfa_active: bool,
    keys: [(bool, Option<Timestamp>, Option<Timestamp>); 2],
    cert_active: bool,
}

fn parse_report_time(value: &str) -> Option<Timestamp> {
    Timestamp::parse(value).ok()
}

fn parse_credential_report(csv_bytes: &[u8]) -> HashMap<String, ReportRow> {
    let mut out = HashMap::new();
    let mut reader = csv::Reader::from_reader(csv_bytes);
    let Ok(headers) = reader.headers().cloned() else {
        return out;
    };
    let col = |name: &str| headers.iter().position(|h| h == name);
    for record in reader.records().flatten() {
        let get = |name: &str| col(name).and_then(|i| record.get(i)).unwrap_or("");
        let mut row = ReportRow {
            password_enabled: get("password_enabled") == "true",
            password_last_used: parse_report_time(get("password_last_used")),
            mfa_active: get("mfa_active") == "true",
            cert_active: get("cert_1_active") == "true" || get("cert_2_active") == "true",
            ..Default::default()
        };
        for (i, n) in [(0usize, 1), (1, 2)] {
            row.keys[i] = (
                get(&format!("access_key_{n}_active")) == "true",
                parse_report_time(get(&format!("access_key_{n}_last_rotated"))),
                parse_report_time(get(&format!("access_key_{n}_last_used_date"))),
            );
        }
        out.insert(get("user").to_string(), row);
    }
    out
}

async fn credential_report(ctx: &Ctx, sink: &mut Sink) -> Option<HashMap<String, ReportRow>> {
    let iam = ctx.clients.iam(ctx.client_region());
    // The report is generated asynchronously; AWS serves a cached one for four hours.
    for attempt in 0..20 {
        match iam.generate_credential_report().send().await {
            Ok(out) if out.state() == Some(&ReportStateType::Complete) => break,
            Ok(_) => {
                tokio::time::sleep(Duration::from_millis(if attempt < 5 { 500 } else { 2000 }))
                    .await
            }
            Err(e) => {
                let info = errors::describe(&e);
                sink.gap(
                    ctx,
                    "iam",
                    "GenerateCredentialReport",
                    &info,
                    &["iam_user", "iam_root_user"],
                    None,
                );
                return None;
            }
        }
    }
    match iam.get_credential_report().send().await {
        Ok(out) => out.content().map(|b| parse_credential_report(b.as_ref())),
        Err(e) => {
            let info = errors::describe(&e);
            sink.gap(
                ctx,
                "iam",
                "GetCredentialReport",
                &info,
                &["iam_user", "iam_root_user"],
                None,
            );
            None
        }
    }
}

async fn collect(ctx: &Ctx) -> Sink {
    let mut sink = Sink::default();
    let iam = ctx.clients.iam(ctx.client_region());
    let report = credential_report(ctx, &mut sink).await;

    // Virtual MFA devices: which users (and whether root) use software tokens.
    let mut virtual_mfa: HashMap<String, Vec<String>> = HashMap::new();
    let mut root_virtual = false;
    let mut pages = iam.list_virtual_mfa_devices().into_paginator().send();
    while let Some(page) = pages.next().await {
        match page {
            Ok(p) => {
                for d in p.virtual_mfa_devices() {
                    let Some(user) = d.user() else { continue };
                    if user.arn().ends_with(":root") {
                        root_virtual = true;
                    } else {
                        virtual_mfa
                            .entry(user.user_name().to_string())
                            .or_default()
                            .push(d.serial_number().to_string());
                    }
                }
            }
            Err(e) => {
                let info = errors::describe(&e);
                sink.gap(
                    ctx,
                    "iam",
                    "ListVirtualMFADevices",
                    &info,
                    &["iam_user", "iam_root_user"],
                    None,
                );
                break;
            }
        }
    }

    // Root user: the credential report's <root_account> row, else the account summary.
    let summary = match iam.get_account_summary().send().await {
        Ok(out) => out.summary_map().cloned().unwrap_or_default(),
        Err(e) => {
            let info = errors::describe(&e);
            sink.gap(
                ctx,
                "iam",
                "GetAccountSummary",
                &info,
                &["iam_root_user"],
                None,
            );
            HashMap::new()
        }
    };
    let root_arn = format!("arn:{}:iam::{}:root", ctx.partition, ctx.account_id);
    let root_row = report
        .as_ref()
        .and_then(|r| r.get("<root_account>"))
        .cloned();
    let from_summary = |key: &str| {
        summary
            .iter()
            .find(|(k, _)| k.as_str() == key)
            .map(|(_, v)| *v)
            .unwrap_or(0)
    };
    if report.is_some() || !summary.is_empty() {
        let (mfa_active, active_keys, password_last_used, key_last_used, cert) = match &root_row {
            Some(row) => (
                row.mfa_active,
                row.keys.iter().filter(|k| k.0).count() as u32,
                row.password_last_used,
                row.keys.iter().filter_map(|k| k.2).max(),
                row.cert_active,
            ),
            None => (
                from_summary("AccountMFAEnabled") > 0,
                from_summary("AccountAccessKeysPresent").max(0) as u32,
                None,
                None,
                from_summary("AccountSigningCertificatesPresent") > 0,
            ),
        };
        let mut root_meta = meta(ctx, &root_arn, "root");
        if root_row.is_none() {
            // The account summary tells MFA and keys, not when root was last used: "never used"
            // would be a guess, so root usage is unknown and the gap says why.
            root_meta.unknown.extend(
                [
                    "password_last_used",
                    "access_key_last_used",
                    "derived.days_since_last_use",
                ]
                .map(String::from),
            );
            if report.is_some() {
                sink.gaps.push(Gap {
                    account_id: ctx.account_id.clone(),
                    region: ctx.region.clone(),
                    service: "iam".to_string(),
                    operation: "GetCredentialReport".to_string(),
                    error: "the credential report has no <root_account> row: root MFA and access keys read from GetAccountSummary, root usage unknown".to_string(),
                    // Not a resource type: only the fields marked unknown are affected.
                    resource_types: vec!["iam_root_user_usage".to_string()],
                    resource_id: None,
                });
            }
        }
        sink.resources.push(Resource::IamRootUser(IamRootUser {
            meta: root_meta,
            mfa_active,
            virtual_mfa: mfa_active && root_virtual,
            active_access_keys: active_keys,
            password_last_used,
            access_key_last_used: key_last_used,
            signing_certificate_active: cert,
            derived: Default::default(),
        }));
    }

    // Password policy.
    let policy_id = format!(
        "arn:{}:iam::{}:account-password-policy",
        ctx.partition, ctx.account_id
    );
    if let Ok(found) = sink.absent_or_gap(
        ctx,
        "iam",
        "GetAccountPasswordPolicy",
        iam.get_account_password_policy().send().await,
        &["iam_password_policy"],
        None,
    ) {
        {
            let p = found.as_ref().and_then(|o| o.password_policy());
            sink.resources
                .push(Resource::IamPasswordPolicy(IamPasswordPolicy {
                    meta: ResourceMeta::new(
                        &policy_id,
                        &ctx.account_id,
                        GLOBAL_REGION,
                        &ctx.partition,
                    ),
                    exists: p.is_some(),
                    minimum_password_length: p
                        .and_then(|p| p.minimum_password_length())
                        .map(|v| v as u32),
                    require_symbols: p.is_some_and(|p| p.require_symbols()),
                    require_numbers: p.is_some_and(|p| p.require_numbers()),
                    require_uppercase_characters: p
                        .is_some_and(|p| p.require_uppercase_characters()),
                    require_lowercase_characters: p
                        .is_some_and(|p| p.require_lowercase_characters()),
                    allow_users_to_change_password: p
                        .is_some_and(|p| p.allow_users_to_change_password()),
                    max_password_age: p.and_then(|p| p.max_password_age()).map(|v| v as u32),
                    password_reuse_prevention: p
                        .and_then(|p| p.password_reuse_prevention())
                        .map(|v| v as u32),
                    hard_expiry: p.and_then(|p| p.hard_expiry()).unwrap_or(false),
                }));
        }
    }

    // Principals and the account's own policies in one paginated sweep. AWS-managed policies
    // are left out of it: every account sees all of them (over a thousand, several megabytes
    // a sweep), and only the attached ones matter; those are read below.
    let mut users = Vec::new();
    let mut groups = Vec::new();
    let mut roles = Vec::new();
    let mut policies = Vec::new();
    let mut complete = true;
    let mut pages = iam
        .get_account_authorization_details()
        .filter(EntityType::User)
        .filter(EntityType::Group)
        .filter(EntityType::Role)
        .filter(EntityType::LocalManagedPolicy)
        .into_paginator()
        .send();
    while let Some(page) = pages.next().await {
        match page {
            Ok(p) => {
                users.extend(p.user_detail_list().iter().cloned());
                groups.extend(p.group_detail_list().iter().cloned());
                roles.extend(p.role_detail_list().iter().cloned());
                policies.extend(p.policies().iter().cloned());
            }
            Err(e) => {
                let info = errors::describe(&e);
                sink.gap(
                    ctx,
                    "iam",
                    "GetAccountAuthorizationDetails",
                    &info,
                    &["iam_user", "iam_group", "iam_role", "iam_policy"],
                    None,
                );
                complete = false;
                break;
            }
        }
    }
    if complete {
        policies.extend(attached_aws_managed_policies(ctx, &mut sink).await);
        // Who a managed policy is attached to, from the principals' side.
        let mut attached: HashMap<String, Attachments> = HashMap::new();
        let mut group_members: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for u in &users {
            let name = u.user_name().unwrap_or_default().to_string();
            for a in u.attached_managed_policies() {
                attached
                    .entry(a.policy_arn().unwrap_or_default().to_string())
                    .or_default()
                    .0
                    .push(name.clone());
            }
            for g in u.group_list() {
                group_members
                    .entry(g.clone())
                    .or_default()
                    .push(name.clone());
            }
        }
        for g in &groups {
            for a in g.attached_managed_policies() {
                attached
                    .entry(a.policy_arn().unwrap_or_default().to_string())
                    .or_default()
                    .1
                    .push(g.group_name().unwrap_or_default().to_string());
            }
        }
        for r in &roles {
            for a in r.attached_managed_policies() {
                attached
                    .entry(a.policy_arn().unwrap_or_default().to_string())
                    .or_default()
                    .2
                    .push(r.role_name().unwrap_or_default().to_string());
            }
        }
        for p in &policies {
            let arn = p.arn().unwrap_or_default();
            let aws_managed = is_aws_managed(arn);
            let count = p.attachment_count().unwrap_or(0).max(0) as u32;
            let document = p
                .policy_version_list()
                .iter()
                .find(|v| v.is_default_version())
                .map(|v| doc(v.document()))
                .unwrap_or(serde_json::Value::Null);
            let (u, g, r) = attached.get(arn).cloned().unwrap_or_default();
            sink.resources.push(Resource::IamPolicy(IamPolicy {
                meta: meta(ctx, arn, p.policy_name().unwrap_or_default()),
                aws_managed,
                attachment_count: count,
                attached_users: u,
                attached_groups: g,
                attached_roles: r,
                document,
                derived: Default::default(),
            }));
        }
        for g in &groups {
            let name = g.group_name().unwrap_or_default();
            sink.resources.push(Resource::IamGroup(IamGroup {
                meta: meta(ctx, g.arn().unwrap_or_default(), name),
                attached_policies: g
                    .attached_managed_policies()
                    .iter()
                    .filter_map(|a| a.policy_arn().map(str::to_string))
                    .collect(),
                inline_policies: g
                    .group_policy_list()
                    .iter()
                    .map(|p| InlinePolicy {
                        name: p.policy_name().unwrap_or_default().to_string(),
                        document: doc(p.policy_document()),
                        derived: Default::default(),
                    })
                    .collect(),
                users: group_members.get(name).cloned().unwrap_or_default(),
            }));
        }
        for r in &roles {
            sink.resources.push(Resource::IamRole(IamRole {
                meta: meta(
                    ctx,
                    r.arn().unwrap_or_default(),
                    r.role_name().unwrap_or_default(),
                )
                .with_tags(
                    r.tags()
                        .iter()
                        .map(|t| (t.key().to_string(), t.value().to_string()))
                        .collect(),
                ),
                path: r.path().unwrap_or("/").to_string(),
                assume_role_policy: doc(r.assume_role_policy_document()),
                attached_policies: r
                    .attached_managed_policies()
                    .iter()
                    .filter_map(|a| a.policy_arn().map(str::to_string))
                    .collect(),
                inline_policies: r
                    .role_policy_list()
                    .iter()
                    .map(|p| InlinePolicy {
                        name: p.policy_name().unwrap_or_default().to_string(),
                        document: doc(p.policy_document()),
                        derived: Default::default(),
                    })
                    .collect(),
                last_used: ts(r.role_last_used().and_then(|l| l.last_used_date())),
                derived: Default::default(),
            }));
        }
        for u in &users {
            let name = u.user_name().unwrap_or_default().to_string();
            let row = report.as_ref().and_then(|r| r.get(&name)).cloned();
            // Key ids cost one call per user: only for users whose report shows active keys.
            let mut access_keys = Vec::new();
            if let Some(row) = &row {
                let has_keys = row.keys.iter().any(|k| k.0 || k.1.is_some());
                if has_keys {
                    match iam.list_access_keys().user_name(&name).send().await {
                        Ok(out) => {
                            let mut metas: Vec<_> = out.access_key_metadata().to_vec();
                            metas.sort_by_key(|m| m.create_date().map(|d| d.secs()));
                            for (slot, m) in metas.iter().enumerate() {
                                let report_key = row.keys.get(slot).cloned().unwrap_or_default();
                                access_keys.push(AccessKey {
                                    id: m.access_key_id().unwrap_or_default().to_string(),
                                    status: m
                                        .status()
                                        .map(|s| s.as_str().to_string())
                                        .unwrap_or_default(),
                                    created: ts(m.create_date()),
                                    last_used: report_key.2,
                                    age_days: None,
                                    days_since_last_use: None,
                                });
                            }
                        }
                        Err(e) => {
                            let info = errors::describe(&e);
                            sink.gap(ctx, "iam", "ListAccessKeys", &info, &["iam_user"], u.arn());
                        }
                    }
                }
            }
            let mfa_devices: Vec<MfaDevice> = match (
                virtual_mfa.get(&name),
                row.as_ref().is_some_and(|r| r.mfa_active),
            ) {
                (Some(serials), _) => serials
                    .iter()
                    .map(|s| MfaDevice {
                        serial: s.clone(),
                        virtual_device: true,
                    })
                    .collect(),
                // Active MFA that is not a virtual device: a hardware key or passkey.
                (None, true) => vec![MfaDevice {
                    serial: format!("{}:hardware-mfa", u.arn().unwrap_or_default()),
                    virtual_device: false,
                }],
                (None, false) => Vec::new(),
            };
            sink.resources.push(Resource::IamUser(IamUser {
                meta: meta(ctx, u.arn().unwrap_or_default(), &name).with_tags(
                    u.tags()
                        .iter()
                        .map(|t| (t.key().to_string(), t.value().to_string()))
                        .collect(),
                ),
                created: ts(u.create_date()),
                password_enabled: row.as_ref().is_some_and(|r| r.password_enabled),
                password_last_used: row.as_ref().and_then(|r| r.password_last_used),
                mfa_devices,
                access_keys,
                attached_policies: u
                    .attached_managed_policies()
                    .iter()
                    .filter_map(|a| a.policy_arn().map(str::to_string))
                    .collect(),
                inline_policies: u
                    .user_policy_list()
                    .iter()
                    .map(|p| InlinePolicy {
                        name: p.policy_name().unwrap_or_default().to_string(),
                        document: doc(p.policy_document()),
                        derived: Default::default(),
                    })
                    .collect(),
                groups: u.group_list().to_vec(),
                derived: Default::default(),
            }));
        }
    }

    // Server certificates.
    let mut pages = iam.list_server_certificates().into_paginator().send();
    while let Some(page) = pages.next().await {
        match page {
            Ok(p) => {
                for c in p.server_certificate_metadata_list() {
                    sink.resources
                        .push(Resource::IamServerCertificate(IamServerCertificate {
                            meta: meta(ctx, c.arn(), c.server_certificate_name()),
                            expiration: ts(c.expiration()),
                            derived: Default::default(),
                        }));
                }
            }
            Err(e) => {
                let info = errors::describe(&e);
                sink.gap(
                    ctx,
                    "iam",
                    "ListServerCertificates",
                    &info,
                    &["iam_server_certificate"],
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

    use aws_sdk_iam::Client;
    use aws_sdk_iam::operation::generate_credential_report::GenerateCredentialReportOutput;
    use aws_sdk_iam::operation::get_account_authorization_details::GetAccountAuthorizationDetailsOutput;
    use aws_sdk_iam::operation::get_account_summary::GetAccountSummaryOutput;
    use aws_sdk_iam::operation::get_credential_report::GetCredentialReportOutput;
    use aws_sdk_iam::operation::get_policy_version::GetPolicyVersionOutput;
    use aws_sdk_iam::operation::list_access_keys::ListAccessKeysOutput;
    use aws_sdk_iam::operation::list_policies::ListPoliciesOutput;
    use aws_sdk_iam::operation::list_server_certificates::ListServerCertificatesOutput;
    use aws_sdk_iam::operation::list_virtual_mfa_devices::ListVirtualMfaDevicesOutput;
    use aws_sdk_iam::types::{
        AccessKeyMetadata, AttachedPolicy, GroupDetail, Policy, ReportFormatType, RoleDetail,
        StatusType, SummaryKeyType, User, UserDetail, VirtualMfaDevice,
    };
    use aws_smithy_mocks::{Rule, mock};
    use aws_smithy_types::{Blob, DateTime};

    use crate::finding::Status;
    use crate::source::aws::canned::{self, ACCOUNT};

    const REPORT_HEADER: &str = "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated";

    const ROOT_CHECKS: &[&str] = &[
        "iam/root_mfa_enabled.rego",
        "iam/root_hardware_mfa.rego",
        "iam/root_no_access_keys.rego",
        "iam/root_not_used_recently.rego",
    ];

    fn root_arn() -> String {
        format!("arn:aws:iam::{ACCOUNT}:root")
    }

    fn user_arn(name: &str) -> String {
        format!("arn:aws:iam::{ACCOUNT}:user/{name}")
    }

    fn date(rfc3339: &str) -> DateTime {
        DateTime::from_secs(Timestamp::parse(rfc3339).expect("a test date").unix())
    }

    fn time(rfc3339: &str) -> Option<Timestamp> {
        Some(Timestamp::parse(rfc3339).expect("a test date"))
    }

    /// The credential report as IAM serves it: the header, then one row per line.
    fn report(rows: &[&str]) -> String {
        let mut csv = format!("{REPORT_HEADER}\n");
        for row in rows {
            csv.push_str(row);
            csv.push('\n');
        }
        csv
    }

    /// The root row of an account whose root has MFA, no keys, and was never used.
    const HARDENED_ROOT_ROW: &str = "<root_account>,arn:aws:iam::111111111111:root,2019-06-12T10:00:00+00:00,not_supported,no_information,not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A";

    /// A user row with no password, MFA, keys or certificates.
    fn idle_user_row(name: &str) -> String {
        format!(
            "{name},{},2025-06-01T00:00:00+00:00,false,N/A,N/A,N/A,false,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A",
            user_arn(name)
        )
    }

    fn user_detail(name: &str) -> UserDetail {
        UserDetail::builder()
            .user_name(name)
            .user_id(format!("AIDA{}", name.to_uppercase()))
            .arn(user_arn(name))
            .path("/")
            .create_date(date("2025-06-01T00:00:00Z"))
            .build()
    }

    /// Answers to every call the IAM collector sends, for an account whose credential report
    /// is `csv` and whose principals are `users` (one page): no virtual MFA device, no
    /// password policy, no server certificate. A test puts its own rules before these.
    fn iam_rules(csv: String, users: &[&str]) -> Vec<Rule> {
        let details = GetAccountAuthorizationDetailsOutput::builder()
            .set_user_detail_list(Some(users.iter().map(|u| user_detail(u)).collect()))
            .is_truncated(false)
            .build();
        vec![
            mock!(Client::generate_credential_report).then_output(|| {
                GenerateCredentialReportOutput::builder()
                    .state(ReportStateType::Complete)
                    .build()
            }),
            mock!(Client::get_credential_report).then_output(move || {
                GetCredentialReportOutput::builder()
                    .content(Blob::new(csv.clone()))
                    .report_format(ReportFormatType::TextCsv)
                    .generated_time(date("2026-02-28T23:00:00Z"))
                    .build()
            }),
            mock!(Client::list_virtual_mfa_devices).then_output(|| {
                ListVirtualMfaDevicesOutput::builder()
                    .set_virtual_mfa_devices(Some(Vec::new()))
                    .build()
                    .expect("a valid output")
            }),
            mock!(Client::get_account_summary).then_output(|| {
                GetAccountSummaryOutput::builder()
                    .summary_map(SummaryKeyType::Users, 2)
                    .build()
            }),
            mock!(Client::get_account_password_policy).then_http_response(|| {
                canned::query_error(
                    404,
                    "NoSuchEntity",
                    &format!("The Password Policy with domain name {ACCOUNT} cannot be found."),
                )
            }),
            mock!(Client::get_account_authorization_details).then_output(move || details.clone()),
            mock!(Client::list_policies).then_output(|| {
                ListPoliciesOutput::builder()
                    .set_policies(Some(Vec::new()))
                    .is_truncated(false)
                    .build()
            }),
            mock!(Client::list_access_keys).then_compute_output(|input| {
                let user = input.user_name().unwrap_or_default();
                ListAccessKeysOutput::builder()
                    .access_key_metadata(
                        AccessKeyMetadata::builder()
                            .user_name(user)
                            .access_key_id(format!("AKIA{}0001", user.to_uppercase()))
                            .status(StatusType::Active)
                            .create_date(date("2025-01-01T00:00:00Z"))
                            .build(),
                    )
                    .is_truncated(false)
                    .build()
                    .expect("a valid output")
            }),
            mock!(Client::list_server_certificates).then_output(|| {
                ListServerCertificatesOutput::builder()
                    .set_server_certificate_metadata_list(Some(Vec::new()))
                    .build()
                    .expect("a valid output")
            }),
        ]
    }

    async fn collect_with(rules: Vec<Rule>) -> (Sink, std::sync::Arc<super::super::CallCounter>) {
        let (clients, counter) = canned::clients(rules);
        let ctx = canned::ctx(clients, GLOBAL_REGION);
        (collect(&ctx).await, counter)
    }

    fn root_of(sink: &Sink) -> &IamRootUser {
        let roots: Vec<_> = sink
            .resources
            .iter()
            .filter_map(|r| match r {
                Resource::IamRootUser(root) => Some(root),
                _ => None,
            })
            .collect();
        assert_eq!(roots.len(), 1, "one root user");
        roots[0]
    }

    fn users_of(sink: &Sink) -> BTreeMap<String, &IamUser> {
        sink.resources
            .iter()
            .filter_map(|r| match r {
                Resource::IamUser(u) => Some((u.meta.name.clone().unwrap_or_default(), u)),
                _ => None,
            })
            .collect()
    }

    fn root_verdicts(sink: &Sink) -> BTreeMap<String, Status> {
        canned::verdicts(sink, ROOT_CHECKS)
            .into_iter()
            .map(|((check, target), status)| {
                assert_eq!(target, root_arn());
                (check, status)
            })
            .collect()
    }

    // Canned: moto's credential report has no `<root_account>` row at all (moto-notes.md), so
    // the root user's keys, MFA and last sign-in can only come from a canned report.
    #[tokio::test]
    async fn root_row_with_keys_no_mfa_and_recent_use_fails_the_root_checks() {
        let csv = report(&[
            "<root_account>,arn:aws:iam::111111111111:root,2019-06-12T10:00:00+00:00,not_supported,2026-02-27T08:15:00+00:00,not_supported,not_supported,false,true,2023-04-01T00:00:00+00:00,2026-02-28T12:00:00+00:00,us-east-1,iam,true,2024-05-01T00:00:00+00:00,N/A,N/A,N/A,false,N/A,false,N/A",
        ]);
        let (sink, _) = collect_with(iam_rules(csv, &[])).await;
        assert!(sink.gaps.is_empty(), "{:?}", sink.gaps);
        let root = root_of(&sink);
        assert_eq!(root.meta.id, root_arn());
        assert!(!root.mfa_active);
        assert!(!root.virtual_mfa);
        assert_eq!(root.active_access_keys, 2);
        assert_eq!(root.password_last_used, time("2026-02-27T08:15:00Z"));
        // Key 2 is active but never used (`N/A`): the last use is key 1's.
        assert_eq!(root.access_key_last_used, time("2026-02-28T12:00:00Z"));
        assert!(!root.signing_certificate_active);
        let verdicts = root_verdicts(&sink);
        assert_eq!(
            verdicts,
            BTreeMap::from([
                ("iam_root_hardware_mfa".to_string(), Status::Fail),
                ("iam_root_mfa_enabled".to_string(), Status::Fail),
                ("iam_root_no_access_keys".to_string(), Status::Fail),
                ("iam_root_not_used_recently".to_string(), Status::Fail),
            ])
        );
    }

    // Canned: no root row in moto's credential report (see above).
    #[tokio::test]
    async fn root_row_of_a_hardened_account_passes_the_root_checks() {
        let csv = report(&[
            "<root_account>,arn:aws:iam::111111111111:root,2019-06-12T10:00:00+00:00,not_supported,2025-11-02T09:00:00+00:00,not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A",
        ]);
        let (sink, _) = collect_with(iam_rules(csv, &[])).await;
        assert!(sink.gaps.is_empty(), "{:?}", sink.gaps);
        let root = root_of(&sink);
        assert!(root.mfa_active);
        // No virtual MFA device names the root user: its device is hardware.
        assert!(!root.virtual_mfa);
        assert_eq!(root.active_access_keys, 0);
        assert_eq!(root.password_last_used, time("2025-11-02T09:00:00Z"));
        assert_eq!(root.access_key_last_used, None);
        let verdicts = root_verdicts(&sink);
        assert_eq!(
            verdicts,
            BTreeMap::from([
                ("iam_root_hardware_mfa".to_string(), Status::Pass),
                ("iam_root_mfa_enabled".to_string(), Status::Pass),
                ("iam_root_no_access_keys".to_string(), Status::Pass),
                ("iam_root_not_used_recently".to_string(), Status::Pass),
            ])
        );
    }

    // Canned: no root row in moto's credential report, and moto cannot assign a virtual MFA
    // device to the root user.
    #[tokio::test]
    async fn root_with_a_virtual_mfa_device_that_never_signed_in() {
        let csv = report(&[
            "<root_account>,arn:aws:iam::111111111111:root,2019-06-12T10:00:00+00:00,not_supported,no_information,not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A",
        ]);
        let mut rules = vec![mock!(Client::list_virtual_mfa_devices).then_output(|| {
            ListVirtualMfaDevicesOutput::builder()
                .virtual_mfa_devices(
                    VirtualMfaDevice::builder()
                        .serial_number(format!(
                            "arn:aws:iam::{ACCOUNT}:mfa/root-account-mfa-device"
                        ))
                        .user(
                            User::builder()
                                .path("/")
                                .user_name("<root_account>")
                                .user_id(ACCOUNT)
                                .arn(root_arn())
                                .create_date(date("2019-06-12T10:00:00Z"))
                                .build()
                                .expect("a valid user"),
                        )
                        .build()
                        .expect("a valid device"),
                )
                .build()
                .expect("a valid output")
        })];
        rules.extend(iam_rules(csv, &[]));
        let (sink, _) = collect_with(rules).await;
        assert!(sink.gaps.is_empty(), "{:?}", sink.gaps);
        let root = root_of(&sink);
        assert!(root.mfa_active && root.virtual_mfa);
        // `no_information` and `N/A`: never signed in, no key ever used.
        assert_eq!(root.password_last_used, None);
        assert_eq!(root.access_key_last_used, None);
        let verdicts = root_verdicts(&sink);
        assert_eq!(verdicts["iam_root_mfa_enabled"], Status::Pass);
        assert_eq!(verdicts["iam_root_hardware_mfa"], Status::Fail);
        assert_eq!(verdicts["iam_root_no_access_keys"], Status::Pass);
        assert_eq!(verdicts["iam_root_not_used_recently"], Status::Pass);
    }

    // Canned: moto's report has no root row either, but its account summary cannot say that
    // root has MFA, so only canned answers show both halves of the fallback.
    #[tokio::test]
    async fn without_a_root_row_root_usage_is_unknown_not_never() {
        let csv = report(&[&idle_user_row("alice")]);
        let mut rules = vec![mock!(Client::get_account_summary).then_output(|| {
            GetAccountSummaryOutput::builder()
                .summary_map(SummaryKeyType::AccountMfaEnabled, 1)
                .summary_map(SummaryKeyType::AccountAccessKeysPresent, 0)
                .build()
        })];
        rules.extend(iam_rules(csv, &["alice"]));
        let (sink, _) = collect_with(rules).await;
        assert_eq!(sink.gaps.len(), 1, "{:?}", sink.gaps);
        assert_eq!(sink.gaps[0].operation, "GetCredentialReport");
        assert!(sink.gaps[0].error.contains("no <root_account> row"));
        let root = root_of(&sink);
        assert!(root.mfa_active);
        let verdicts = root_verdicts(&sink);
        assert_eq!(verdicts["iam_root_mfa_enabled"], Status::Pass);
        assert_eq!(verdicts["iam_root_no_access_keys"], Status::Pass);
        assert_eq!(verdicts["iam_root_not_used_recently"], Status::NotEvaluated);
    }

    // Canned: moto writes `password_last_used` and the key last-used columns as constants
    // (moto-notes.md), so `N/A`, `no_information` and `not_supported` never reach stance from it.
    #[tokio::test]
    async fn not_supported_no_information_and_na_values_read_as_absent() {
        let csv = report(&[
            "<root_account>,arn:aws:iam::111111111111:root,2019-06-12T10:00:00+00:00,not_supported,no_information,not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A",
            // Password used, MFA, key 1 active but never used.
            "alice,arn:aws:iam::111111111111:user/alice,2025-06-01T00:00:00+00:00,true,2026-02-20T10:00:00+00:00,2025-06-01T00:00:00+00:00,N/A,true,true,2025-01-01T00:00:00+00:00,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A",
            // Password set, never used.
            "carol,arn:aws:iam::111111111111:user/carol,2025-06-01T00:00:00+00:00,true,no_information,2025-06-01T00:00:00+00:00,N/A,false,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A",
            &idle_user_row("bob"),
        ]);
        let (sink, counter) = collect_with(iam_rules(csv, &["alice", "bob", "carol"])).await;
        assert!(sink.gaps.is_empty(), "{:?}", sink.gaps);
        let users = users_of(&sink);
        assert_eq!(users.len(), 3);

        let alice = users["alice"];
        assert!(alice.password_enabled);
        assert_eq!(alice.password_last_used, time("2026-02-20T10:00:00Z"));
        assert_eq!(alice.access_keys.len(), 1);
        assert_eq!(alice.access_keys[0].id, "AKIAALICE0001");
        assert_eq!(alice.access_keys[0].status, "Active");
        assert_eq!(alice.access_keys[0].last_used, None);
        // Active MFA and no virtual device: a hardware device.
        assert_eq!(alice.mfa_devices.len(), 1);
        assert!(!alice.mfa_devices[0].virtual_device);

        let carol = users["carol"];
        assert!(carol.password_enabled);
        assert_eq!(carol.password_last_used, None);
        assert!(carol.access_keys.is_empty() && carol.mfa_devices.is_empty());

        let bob = users["bob"];
        assert!(!bob.password_enabled);
        assert_eq!(bob.password_last_used, None);
        assert!(bob.access_keys.is_empty() && bob.mfa_devices.is_empty());

        // Key ids are fetched only for the user whose report row shows a key.
        assert_eq!(canned::calls(&counter, "iam:ListAccessKeys"), 1);

        let root = root_of(&sink);
        assert!(root.mfa_active);
        assert_eq!(root.active_access_keys, 0);
        assert_eq!(root.password_last_used, None);
    }

    // Canned: moto answers GetAccountAuthorizationDetails in one page whatever MaxItems says
    // (`IsTruncated` is always false), so it cannot show that every page is read once.
    #[tokio::test]
    async fn authorization_details_across_three_pages_arrive_once_each() {
        let csv = report(&[
            HARDENED_ROOT_ROW,
            &idle_user_row("alice"),
            &idle_user_row("bob"),
            &idle_user_row("carol"),
        ]);
        let admin = "arn:aws:iam::aws:policy/AdministratorAccess";
        let readonly = format!("arn:aws:iam::{ACCOUNT}:policy/readonly");
        let role = |name: &str, policy: Option<&str>| {
            RoleDetail::builder()
                .role_name(name)
                .arn(format!("arn:aws:iam::{ACCOUNT}:role/{name}"))
                .path("/")
                .assume_role_policy_document(
                    "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%5D%7D",
                )
                .set_attached_managed_policies(policy.map(|p| {
                    vec![
                        AttachedPolicy::builder()
                            .policy_arn(p)
                            .policy_name("p")
                            .build(),
                    ]
                }))
                .build()
        };
        let policy = |arn: &str, name: &str, count: i32| {
            ManagedPolicyDetail::builder()
                .arn(arn)
                .policy_name(name)
                .attachment_count(count)
                .default_version_id("v1")
                .policy_version_list(
                    PolicyVersion::builder()
                        .version_id("v1")
                        .is_default_version(true)
                        .document("%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Action%22%3A%22*%22%2C%22Resource%22%3A%22*%22%7D%5D%7D")
                        .build(),
                )
                .build()
        };
        let page_1 = GetAccountAuthorizationDetailsOutput::builder()
            .user_detail_list(user_detail("alice"))
            .user_detail_list(user_detail("bob"))
            .role_detail_list(role("admin", Some(admin)))
            .is_truncated(true)
            .marker("page-2")
            .build();
        let carol = UserDetail::builder()
            .user_name("carol")
            .user_id("AIDACAROL")
            .arn(user_arn("carol"))
            .group_list("ops")
            .attached_managed_policies(
                AttachedPolicy::builder()
                    .policy_arn(&readonly)
                    .policy_name("readonly")
                    .build(),
            )
            .build();
        let page_2 = GetAccountAuthorizationDetailsOutput::builder()
            .user_detail_list(carol)
            .group_detail_list(
                GroupDetail::builder()
                    .group_name("ops")
                    .arn(format!("arn:aws:iam::{ACCOUNT}:group/ops"))
                    .build(),
            )
            .policies(policy(&readonly, "readonly", 1))
            .is_truncated(true)
            .marker("page-3")
            .build();
        let page_3 = GetAccountAuthorizationDetailsOutput::builder()
            .role_detail_list(role("ci", None))
            .is_truncated(false)
            .build();
        // AWS-managed policies come from ListPolicies (attached only), their documents from
        // GetPolicyVersion; the sweep never asks for them.
        let admin_document = policy(admin, "AdministratorAccess", 1).policy_version_list()[0]
            .document()
            .map(str::to_string);
        let mut rules = vec![
            mock!(Client::get_account_authorization_details)
                .match_requests(|input| {
                    let filters = input.filter();
                    !filters.contains(&EntityType::AwsManagedPolicy)
                        && filters.contains(&EntityType::LocalManagedPolicy)
                })
                .then_compute_output(move |input| match input.marker() {
                    None => page_1.clone(),
                    Some("page-2") => page_2.clone(),
                    Some("page-3") => page_3.clone(),
                    Some(other) => panic!("unexpected marker {other}"),
                }),
            mock!(Client::list_policies)
                .match_requests(|input| {
                    input.scope() == Some(&PolicyScopeType::Aws)
                        && input.only_attached() == Some(true)
                })
                .then_output(move || {
                    ListPoliciesOutput::builder()
                        .policies(
                            Policy::builder()
                                .arn(admin)
                                .policy_name("AdministratorAccess")
                                .attachment_count(1)
                                .default_version_id("v3")
                                .build(),
                        )
                        .is_truncated(false)
                        .build()
                }),
            mock!(Client::get_policy_version)
                .match_requests(move |input| {
                    input.policy_arn() == Some(admin) && input.version_id() == Some("v3")
                })
                .then_output(move || {
                    GetPolicyVersionOutput::builder()
                        .policy_version(
                            PolicyVersion::builder()
                                .version_id("v3")
                                .is_default_version(true)
                                .set_document(admin_document.clone())
                                .build(),
                        )
                        .build()
                }),
        ];
        rules.extend(iam_rules(csv, &[]));
        let (sink, counter) = collect_with(rules).await;
        assert!(sink.gaps.is_empty(), "{:?}", sink.gaps);
        assert_eq!(
            canned::calls(&counter, "iam:GetAccountAuthorizationDetails"),
            3
        );

        let mut ids: BTreeMap<&str, Vec<String>> = BTreeMap::new();
        for r in &sink.resources {
            ids.entry(r.type_name())
                .or_default()
                .push(r.meta().name.clone().unwrap_or_default());
        }
        for names in ids.values_mut() {
            names.sort();
        }
        assert_eq!(ids["iam_user"], ["alice", "bob", "carol"]);
        assert_eq!(ids["iam_role"], ["admin", "ci"]);
        assert_eq!(ids["iam_group"], ["ops"]);
        assert_eq!(ids["iam_policy"], ["AdministratorAccess", "readonly"]);

        // Attachments join across pages: the role on page 1, its policy on page 3.
        let policies: BTreeMap<&str, &IamPolicy> = sink
            .resources
            .iter()
            .filter_map(|r| match r {
                Resource::IamPolicy(p) => Some((p.meta.id.as_str(), p)),
                _ => None,
            })
            .collect();
        assert_eq!(policies[admin].attached_roles, ["admin"]);
        assert!(policies[admin].aws_managed);
        assert_eq!(policies[admin].document["Statement"][0]["Action"], "*");
        assert_eq!(canned::calls(&counter, "iam:ListPolicies"), 1);
        assert_eq!(canned::calls(&counter, "iam:GetPolicyVersion"), 1);
        assert_eq!(policies[readonly.as_str()].attached_users, ["carol"]);
        let group = sink
            .resources
            .iter()
            .find_map(|r| match r {
                Resource::IamGroup(g) => Some(g),
                _ => None,
            })
            .expect("the group");
        assert_eq!(group.users, ["carol"]);
    }

    const PASSWORD_POLICY_CHECKS: &[&str] = &[
        "iam/password_policy_min_length.rego",
        "iam/password_policy_reuse_prevention.rego",
    ];

    // Canned: moto can deny one action (IAM policy enforcement with INITIAL_NO_AUTH_ACTION_COUNT),
    // but its denial nests the error as `<ErrorResponse><Errors><Error>`, which IAM never sends;
    // the SDK's awsQuery parser wants `Error` right under the root, so from moto the gap would
    // carry a parse failure instead of AWS's `AccessDenied` and its message. The NoSuchEntity
    // half (moto serves it faithfully) is the contrast: the same call, absent rather than denied.
    #[tokio::test]
    async fn a_denied_password_policy_is_a_gap_and_an_absent_one_is_judged() {
        let csv = report(&[HARDENED_ROOT_ROW, &idle_user_row("alice")]);
        let mut rules = vec![mock!(Client::get_account_password_policy).then_http_response(|| {
            canned::query_error(
                403,
                "AccessDenied",
                "User: arn:aws:iam::111111111111:user/auditor is not authorized to perform: iam:GetAccountPasswordPolicy on resource: * because no identity-based policy allows the iam:GetAccountPasswordPolicy action",
            )
        })];
        rules.extend(iam_rules(csv, &["alice"]));
        let (sink, _) = collect_with(rules).await;

        assert_eq!(sink.gaps.len(), 1, "{:?}", sink.gaps);
        let gap = &sink.gaps[0];
        assert_eq!(
            (gap.account_id.as_str(), gap.region.as_str()),
            (ACCOUNT, GLOBAL_REGION)
        );
        assert_eq!(
            (gap.service.as_str(), gap.operation.as_str()),
            ("iam", "GetAccountPasswordPolicy")
        );
        assert!(
            gap.error.starts_with(
                "AccessDenied: User: arn:aws:iam::111111111111:user/auditor is not authorized"
            ),
            "{}",
            gap.error
        );
        assert_eq!(gap.resource_types, ["iam_password_policy"]);
        assert_eq!(gap.resource_id, None);
        // No guessed policy; everything else is collected.
        assert!(
            !sink
                .resources
                .iter()
                .any(|r| matches!(r, Resource::IamPasswordPolicy(_)))
        );
        assert!(root_of(&sink).mfa_active);
        assert!(users_of(&sink).contains_key("alice"));
        // The checks that need the policy are not evaluated, never judged on a guess.
        let verdicts = canned::verdicts(&sink, PASSWORD_POLICY_CHECKS);
        assert_eq!(verdicts.len(), 2, "{verdicts:?}");
        assert!(
            verdicts.values().all(|s| *s == Status::NotEvaluated),
            "{verdicts:?}"
        );

        // NoSuchEntity (iam_rules' answer): no policy is set, which is an answer, not a gap.
        let csv = report(&[HARDENED_ROOT_ROW, &idle_user_row("alice")]);
        let (sink, _) = collect_with(iam_rules(csv, &["alice"])).await;
        assert!(sink.gaps.is_empty(), "{:?}", sink.gaps);
        let policy = sink
            .resources
            .iter()
            .find_map(|r| match r {
                Resource::IamPasswordPolicy(p) => Some(p),
                _ => None,
            })
            .expect("the password policy");
        assert!(!policy.exists);
        assert_eq!(policy.minimum_password_length, None);
        let verdicts = canned::verdicts(&sink, PASSWORD_POLICY_CHECKS);
        assert_eq!(verdicts.len(), 2, "{verdicts:?}");
        assert!(
            verdicts.values().all(|s| *s == Status::Fail),
            "{verdicts:?}"
        );
    }

    #[test]
    fn parses_the_credential_report() {
        let csv = "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated\n\
<root_account>,arn:aws:iam::111111111111:root,2020-01-01T00:00:00+00:00,not_supported,2026-10-01T00:00:00+00:00,not_supported,not_supported,true,true,2021-01-01T00:00:00+00:00,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n\
alice,arn:aws:iam::111111111111:user/alice,2024-01-01T00:00:00+00:00,true,no_information,N/A,N/A,false,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n";
        let rows = parse_credential_report(csv.as_bytes());
        let root = &rows["<root_account>"];
        assert!(root.mfa_active);
        assert!(root.keys[0].0 && !root.keys[1].0);
        assert_eq!(
            root.password_last_used.unwrap().to_string(),
            "2026-10-01T00:00:00Z"
        );
        let alice = &rows["alice"];
        assert!(alice.password_enabled && !alice.mfa_active);
        assert!(alice.password_last_used.is_none());
    }
}
