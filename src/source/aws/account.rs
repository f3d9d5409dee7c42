//! The account (global): alias, organization membership and the security alternate contact.
//! Personal data of contacts (names, phone numbers) is not copied, only whether they are set.

use std::pin::Pin;

use aws_sdk_account::types::AlternateContactType;

use super::{Collector, Ctx, Scope, Sink, errors};
use crate::model::account::{Account, AlternateContact};
use crate::model::{GLOBAL_REGION, Resource, ResourceMeta};

pub(super) fn collector() -> Collector {
    Collector {
        service: "account",
        scope: Scope::Global,
        types: &["account"],
        collect: |ctx| {
            Box::pin(collect(ctx)) as Pin<Box<dyn std::future::Future<Output = Sink> + Send + '_>>
        },
    }
}

/// One alternate contact. Only the security contact is judged, so only its failure is a gap.
async fn contact(
    ctx: &Ctx,
    sink: &mut Sink,
    kind: AlternateContactType,
) -> Result<Option<AlternateContact>, ()> {
    let client = ctx.clients.account(ctx.client_region());
    let judged = kind == AlternateContactType::Security;
    let result = client
        .get_alternate_contact()
        .alternate_contact_type(kind)
        .send()
        .await;
    let result = if judged {
        sink.absent_or_gap(
            ctx,
            "account",
            "GetAlternateContact",
            result,
            &["account"],
            None,
        )
    } else {
        Ok(result.ok())
    };
    match result {
        Ok(found) => Ok(found.and_then(|o| {
            o.alternate_contact().map(|c| AlternateContact {
                has_email: c.email_address().is_some_and(|e| !e.is_empty()),
                title: c.title().map(str::to_string),
            })
        })),
        Err(()) => Err(()),
    }
}

async fn collect(ctx: &Ctx) -> Sink {
    let mut sink = Sink::default();
    let alias = match ctx
        .clients
        .iam(ctx.client_region())
        .list_account_aliases()
        .send()
        .await
    {
        Ok(out) => out.account_aliases().first().cloned(),
        Err(e) => {
            tracing::debug!("ListAccountAliases: {}", errors::describe(&e));
            None
        }
    };
    // Outside an organization this call fails by design; the id only labels reports, so no
    // check loses data when it is missing.
    let organization_id = match ctx
        .clients
        .organizations(ctx.client_region())
        .describe_organization()
        .send()
        .await
    {
        Ok(out) => out.organization().and_then(|o| o.id()).map(str::to_string),
        Err(_) => None,
    };
    let Ok(security_contact) = contact(ctx, &mut sink, AlternateContactType::Security).await else {
        return sink;
    };
    let operations_contact = contact(ctx, &mut sink, AlternateContactType::Operations)
        .await
        .ok()
        .flatten();
    let billing_contact = contact(ctx, &mut sink, AlternateContactType::Billing)
        .await
        .ok()
        .flatten();
    let id = format!("AWS::::Account:{}", ctx.account_id);
    let mut meta = ResourceMeta::new(&id, &ctx.account_id, GLOBAL_REGION, &ctx.partition);
    meta.name = alias.clone();
    sink.resources.push(Resource::Account(Account {
        meta,
        alias,
        organization_id,
        security_contact,
        operations_contact,
        billing_contact,
    }));
    sink
}
