//! IAM (global): users, groups, roles and managed policies from GetAccountAuthorizationDetails
//! (one paginated call instead of several per principal), the credential report for
//! passwords, MFA and access-key usage, plus the password policy, account summary, virtual MFA
//! devices and server certificates.

use std::collections::{BTreeMap, HashMap};
use std::pin::Pin;
use std::time::Duration;

use aws_sdk_iam::types::{EntityType, ReportStateType};

use super::{Collector, Ctx, Scope, Sink, errors};
use crate::model::iam::{
    AccessKey, IamGroup, IamPasswordPolicy, IamPolicy, IamRole, IamRootUser, IamServerCertificate,
    IamUser, InlinePolicy, MfaDevice,
};
use crate::model::policy::decode_policy_document;
use crate::model::time::Timestamp;
use crate::model::{GLOBAL_REGION, Resource, ResourceMeta};

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
        sink.resources.push(Resource::IamRootUser(IamRootUser {
            meta: meta(ctx, &root_arn, "root"),
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

    // Principals and policies in one paginated sweep.
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
        .filter(EntityType::AwsManagedPolicy)
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
            let aws_managed = arn.contains(":iam::aws:policy/");
            let count = p.attachment_count().unwrap_or(0).max(0) as u32;
            // AWS-managed policies matter only where they are attached.
            if aws_managed && count == 0 {
                continue;
            }
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
