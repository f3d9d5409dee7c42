//! `sdk-floor ENDPOINT ROLE ACCOUNT... -- REGION...`: assumes ROLE in each account, then in
//! every region makes one read call with a client of each of the 28 services stance collects
//! from, one call at a time, and prints how many calls succeeded. Its peak RSS is what the AWS
//! SDK for Rust costs before any scanner logic: no model, no checks, no reports. Same
//! allocator (mimalloc without THP hints) and release profile as stance.

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use aws_config::{BehaviorVersion, Region, SdkConfig};

/// Whether the service of SDK crate `krate` is to be called: all of them, or the ones listed
/// in `SDK_FLOOR_SERVICES` (crate names without `aws_sdk_`, e.g. `iam,s3,ec2`) to measure the
/// floor of a scan that needs only those.
fn wanted(krate: &str) -> bool {
    match std::env::var("SDK_FLOOR_SERVICES") {
        Ok(list) => list
            .split(',')
            .any(|s| krate.strip_prefix("aws_sdk_") == Some(s.trim())),
        Err(_) => true,
    }
}

async fn calls(conf: SdkConfig, account: String) -> usize {
    macro_rules! call {
        ($sdk:ident, $($op:tt)*) => {
            async {
                if !wanted(stringify!($sdk)) {
                    return 0;
                }
                let c = $sdk::Client::new(&conf);
                usize::from(c.$($op)*.send().await.is_ok())
            }
        };
    }
    // One call at a time: the least memory the clients can be exercised with.
    let mut ok = 0;
    ok += call!(aws_sdk_sts, get_caller_identity()).await;
    ok += call!(aws_sdk_organizations, describe_organization()).await;
    ok += call!(aws_sdk_iam, list_users()).await;
    if wanted("aws_sdk_s3") {
        // Path-style addressing, as stance uses with a custom endpoint.
        let s3 = aws_sdk_s3::Client::from_conf(
            aws_sdk_s3::config::Builder::from(&conf)
                .force_path_style(true)
                .build(),
        );
        ok += usize::from(s3.list_buckets().send().await.is_ok());
    }
    ok += call!(
        aws_sdk_s3control,
        get_public_access_block().account_id(account.clone())
    )
    .await;
    ok += call!(aws_sdk_ec2, describe_security_groups()).await;
    ok += call!(aws_sdk_cloudtrail, describe_trails()).await;
    ok += call!(aws_sdk_config, describe_configuration_recorders()).await;
    ok += call!(aws_sdk_kms, list_keys()).await;
    ok += call!(aws_sdk_cloudwatchlogs, describe_metric_filters()).await;
    ok += call!(aws_sdk_cloudwatch, describe_alarms()).await;
    ok += call!(aws_sdk_sns, list_subscriptions()).await;
    ok += call!(aws_sdk_accessanalyzer, list_analyzers()).await;
    ok += call!(aws_sdk_account, get_contact_information()).await;
    ok += call!(aws_sdk_securityhub, describe_hub()).await;
    ok += call!(aws_sdk_rds, describe_db_instances()).await;
    ok += call!(aws_sdk_lambda, list_functions()).await;
    ok += call!(aws_sdk_elasticloadbalancing, describe_load_balancers()).await;
    ok += call!(aws_sdk_elasticloadbalancingv2, describe_load_balancers()).await;
    ok += call!(aws_sdk_guardduty, list_detectors()).await;
    ok += call!(aws_sdk_efs, describe_file_systems()).await;
    ok += call!(aws_sdk_sqs, list_queues()).await;
    ok += call!(aws_sdk_dynamodb, list_tables()).await;
    ok += call!(aws_sdk_dax, describe_clusters()).await;
    ok += call!(
        aws_sdk_applicationautoscaling,
        describe_scalable_targets()
            .service_namespace(aws_sdk_applicationautoscaling::types::ServiceNamespace::Dynamodb)
    )
    .await;
    ok += call!(aws_sdk_ecr, describe_repositories()).await;
    ok += call!(aws_sdk_ecs, list_clusters()).await;
    ok += call!(aws_sdk_secretsmanager, list_secrets()).await;
    ok
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let split = args.iter().position(|a| a == "--").unwrap_or(args.len());
    let (Some(endpoint), Some(role)) = (args.first(), args.get(1)) else {
        return Err("usage: sdk-floor ENDPOINT ROLE ACCOUNT... -- REGION...".into());
    };
    let accounts = args.get(2..split).unwrap_or_default();
    let regions = args.get(split + 1..).unwrap_or_default();
    let base = aws_config::defaults(BehaviorVersion::latest())
        .endpoint_url(endpoint)
        .region(Region::new("us-east-1"))
        .load()
        .await;
    let sts = aws_sdk_sts::Client::new(&base);
    let mut ok = 0;
    for account in accounts {
        let assumed = sts
            .assume_role()
            .role_arn(format!("arn:aws:iam::{account}:role/{role}"))
            .role_session_name("sdk-floor")
            .send()
            .await?;
        let creds = assumed
            .credentials()
            .ok_or("AssumeRole returned no credentials")?;
        let provider = aws_sdk_sts::config::Credentials::new(
            creds.access_key_id(),
            creds.secret_access_key(),
            Some(creds.session_token().to_string()),
            None,
            "sdk-floor",
        );
        for region in regions {
            let conf = base
                .to_builder()
                .credentials_provider(aws_sdk_sts::config::SharedCredentialsProvider::new(
                    provider.clone(),
                ))
                .region(Region::new(region.clone()))
                .build();
            ok += calls(conf, account.clone()).await;
        }
    }
    println!("{ok} calls succeeded");
    Ok(())
}
