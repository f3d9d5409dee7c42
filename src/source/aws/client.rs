//! AWS SDK configuration: credentials (default chain, profiles, assumed roles), custom
//! endpoints for emulators, adaptive retries, timeouts, and an interceptor that counts every
//! API call and retry so the scan can report them.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use aws_config::retry::RetryConfig;
use aws_config::timeout::TimeoutConfig;
use aws_config::{BehaviorVersion, Region, SdkConfig};
use aws_credential_types::provider::SharedCredentialsProvider;
use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_runtime_api::client::interceptors::context::{
    BeforeSerializationInterceptorContextRef, BeforeTransmitInterceptorContextRef,
    FinalizerInterceptorContextRef,
};
use aws_smithy_runtime_api::client::interceptors::{Intercept, SharedInterceptor};
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_types::config_bag::ConfigBag;

/// Options that shape every client.
#[derive(Debug, Clone)]
pub struct ClientOptions {
    /// Named profile from the shared config files.
    pub profile: Option<String>,
    /// Custom endpoint (emulators such as moto or LocalStack).
    pub endpoint_url: Option<String>,
    /// Attempts per call (first try plus retries), with adaptive rate limiting.
    pub max_attempts: u32,
    /// Time limit of one attempt.
    pub attempt_timeout: Duration,
    /// Time limit of one call, retries included.
    pub operation_timeout: Duration,
}

impl Default for ClientOptions {
    fn default() -> Self {
        Self {
            profile: None,
            endpoint_url: None,
            max_attempts: 6,
            attempt_timeout: Duration::from_secs(20),
            operation_timeout: Duration::from_secs(90),
        }
    }
}

/// Shared counters of API calls and retries, per service.
#[derive(Debug, Default)]
pub struct CallCounter {
    calls: AtomicU64,
    attempts: AtomicU64,
    by_service: Mutex<BTreeMap<String, u64>>,
    /// Every operation sent, as `service:Operation` (for the read-only audit in tests).
    operations: Mutex<BTreeMap<String, u64>>,
}

impl CallCounter {
    /// API calls sent (retries not included).
    pub fn calls(&self) -> u64 {
        self.calls.load(Ordering::Relaxed)
    }

    /// Retries: attempts beyond the first of each call.
    pub fn retries(&self) -> u64 {
        self.attempts
            .load(Ordering::Relaxed)
            .saturating_sub(self.calls())
    }

    /// Calls per service.
    pub fn by_service(&self) -> BTreeMap<String, u64> {
        self.by_service
            .lock()
            .map(|m| m.clone())
            .unwrap_or_default()
    }

    /// Calls per `service:Operation`.
    pub fn operations(&self) -> BTreeMap<String, u64> {
        self.operations
            .lock()
            .map(|m| m.clone())
            .unwrap_or_default()
    }
}

/// Attempts in one region that must time out before the region is declared unreachable.
const REGION_TIMEOUTS_BEFORE_SKIPPING: u32 = 3;

/// Timed-out attempts per region of one account. After a few, further calls to the region
/// fail at once instead of each waiting out its own timeout, so a region that hangs costs a
/// few timeouts, not one per API call.
#[derive(Debug, Default)]
pub struct RegionBreaker {
    timeouts: Mutex<BTreeMap<String, u32>>,
}

impl RegionBreaker {
    fn record_timeout(&self, region: &str) {
        if let Ok(mut map) = self.timeouts.lock() {
            *map.entry(region.to_string()).or_default() += 1;
        }
    }

    fn is_open(&self, region: &str) -> bool {
        self.timeouts
            .lock()
            .map(|m| m.get(region).copied().unwrap_or(0) >= REGION_TIMEOUTS_BEFORE_SKIPPING)
            .unwrap_or(false)
    }
}

/// Counts calls and attempts of one service's client, and skips regions that hang.
#[derive(Debug, Clone)]
struct Counting {
    service: &'static str,
    region: String,
    counter: Arc<CallCounter>,
    breaker: Arc<RegionBreaker>,
}

impl Intercept for Counting {
    fn name(&self) -> &'static str {
        "stance-call-counter"
    }

    // The operation's metadata is in the config bag once the operation's own configuration
    // has been layered in, which is the case from this hook on.
    fn read_before_serialization(
        &self,
        _context: &BeforeSerializationInterceptorContextRef<'_>,
        _runtime_components: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        self.counter.calls.fetch_add(1, Ordering::Relaxed);
        if let Ok(mut map) = self.counter.by_service.lock() {
            *map.entry(self.service.to_string()).or_default() += 1;
        }
        let operation = cfg
            .load::<aws_smithy_runtime_api::client::orchestrator::Metadata>()
            .map(|m| m.name().to_string())
            .unwrap_or_else(|| "unknown".to_string());
        if let Ok(mut map) = self.counter.operations.lock() {
            *map.entry(format!("{}:{operation}", self.service))
                .or_default() += 1;
        }
        Ok(())
    }

    fn read_before_attempt(
        &self,
        _context: &BeforeTransmitInterceptorContextRef<'_>,
        _runtime_components: &RuntimeComponents,
        _cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        if self.breaker.is_open(&self.region) {
            return Err(format!(
                "skipped: region {} is unreachable ({REGION_TIMEOUTS_BEFORE_SKIPPING} calls timed out)",
                self.region
            )
            .into());
        }
        self.counter.attempts.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }

    fn read_after_attempt(
        &self,
        context: &FinalizerInterceptorContextRef<'_>,
        _runtime_components: &RuntimeComponents,
        _cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        if let Some(Err(e)) = context.output_or_error()
            && e.is_timeout_error()
        {
            self.breaker.record_timeout(&self.region);
        }
        Ok(())
    }
}

/// A fixed endpoint for S3 Control: with a custom endpoint, the SDK's rules would otherwise
/// prefix the host with the account id (`123456789012.127.0.0.1`), which does not resolve.
#[derive(Debug, Clone)]
struct FixedS3ControlEndpoint(String);

impl aws_sdk_s3control::config::endpoint::ResolveEndpoint for FixedS3ControlEndpoint {
    fn resolve_endpoint<'a>(
        &'a self,
        _params: &'a aws_sdk_s3control::config::endpoint::Params,
    ) -> aws_smithy_runtime_api::client::endpoint::EndpointFuture<'a> {
        aws_smithy_runtime_api::client::endpoint::EndpointFuture::ready(Ok(
            aws_smithy_types::endpoint::Endpoint::builder()
                .url(self.0.clone())
                .build(),
        ))
    }
}

/// Builds clients for one account, in any region, with counting and the scan's policies.
#[derive(Clone, Debug)]
pub struct Clients {
    config: SdkConfig,
    counter: Arc<CallCounter>,
    endpoint_url: Option<String>,
    breaker: Arc<RegionBreaker>,
    /// Interceptors added to every client after the call counter. Empty in a scan; the unit
    /// tests put canned SDK responses here.
    interceptors: Vec<SharedInterceptor>,
}

macro_rules! client_fn {
    ($(#[$doc:meta] $fn_name:ident => $krate:ident, $service:literal;)+) => {
        $(
            #[$doc]
            pub fn $fn_name(&self, region: &str) -> $krate::Client {
                let mut conf = $krate::config::Builder::from(&self.config)
                    .region(Region::new(region.to_string()))
                    .interceptor(self.counting($service, region));
                for interceptor in &self.interceptors {
                    conf.push_interceptor(interceptor.clone());
                }
                $krate::Client::from_conf(conf.build())
            }
        )+
    };
}

impl Clients {
    /// Clients over an SDK config.
    pub fn new(config: SdkConfig, counter: Arc<CallCounter>, endpoint_url: Option<String>) -> Self {
        Self {
            config,
            counter,
            endpoint_url,
            breaker: Arc::default(),
            interceptors: Vec::new(),
        }
    }

    /// The same clients with one more interceptor on every client (canned responses in tests).
    #[cfg(test)]
    pub(crate) fn with_interceptor(mut self, interceptor: impl Intercept + 'static) -> Self {
        self.interceptors.push(SharedInterceptor::new(interceptor));
        self
    }

    /// The SDK config.
    pub fn config(&self) -> &SdkConfig {
        &self.config
    }

    /// The same clients with other credentials (an assumed role).
    pub fn with_credentials(&self, provider: SharedCredentialsProvider) -> Self {
        Self {
            config: self
                .config
                .to_builder()
                .credentials_provider(provider)
                .build(),
            counter: self.counter.clone(),
            endpoint_url: self.endpoint_url.clone(),
            // Another account: its regions' health is its own.
            breaker: Arc::default(),
            interceptors: self.interceptors.clone(),
        }
    }

    fn counting(&self, service: &'static str, region: &str) -> Counting {
        Counting {
            service,
            region: region.to_string(),
            counter: self.counter.clone(),
            breaker: self.breaker.clone(),
        }
    }

    /// S3, path-style when a custom endpoint is in use.
    pub fn s3(&self, region: &str) -> aws_sdk_s3::Client {
        let mut conf = aws_sdk_s3::config::Builder::from(&self.config)
            .region(Region::new(region.to_string()))
            .interceptor(self.counting("s3", region));
        for interceptor in &self.interceptors {
            conf.push_interceptor(interceptor.clone());
        }
        if self.endpoint_url.is_some() {
            conf = conf.force_path_style(true);
        }
        aws_sdk_s3::Client::from_conf(conf.build())
    }

    /// S3 Control, with a fixed endpoint when a custom endpoint is in use.
    pub fn s3control(&self, region: &str) -> aws_sdk_s3control::Client {
        let mut conf = aws_sdk_s3control::config::Builder::from(&self.config)
            .region(Region::new(region.to_string()))
            .interceptor(self.counting("s3control", region));
        for interceptor in &self.interceptors {
            conf.push_interceptor(interceptor.clone());
        }
        if let Some(url) = &self.endpoint_url {
            conf = conf.endpoint_resolver(FixedS3ControlEndpoint(url.clone()));
        }
        aws_sdk_s3control::Client::from_conf(conf.build())
    }

    client_fn! {
        /// STS.
        sts => aws_sdk_sts, "sts";
        /// Organizations.
        organizations => aws_sdk_organizations, "organizations";
        /// IAM.
        iam => aws_sdk_iam, "iam";
        /// EC2.
        ec2 => aws_sdk_ec2, "ec2";
        /// CloudTrail.
        cloudtrail => aws_sdk_cloudtrail, "cloudtrail";
        /// AWS Config.
        config_service => aws_sdk_config, "config";
        /// KMS.
        kms => aws_sdk_kms, "kms";
        /// CloudWatch Logs.
        logs => aws_sdk_cloudwatchlogs, "logs";
        /// CloudWatch.
        cloudwatch => aws_sdk_cloudwatch, "cloudwatch";
        /// SNS.
        sns => aws_sdk_sns, "sns";
        /// IAM Access Analyzer.
        accessanalyzer => aws_sdk_accessanalyzer, "accessanalyzer";
        /// Account.
        account => aws_sdk_account, "account";
        /// Security Hub.
        securityhub => aws_sdk_securityhub, "securityhub";
        /// RDS.
        rds => aws_sdk_rds, "rds";
        /// Lambda.
        lambda => aws_sdk_lambda, "lambda";
        /// Classic Load Balancing.
        elb => aws_sdk_elasticloadbalancing, "elb";
        /// Load Balancing v2.
        elbv2 => aws_sdk_elasticloadbalancingv2, "elbv2";
        /// GuardDuty.
        guardduty => aws_sdk_guardduty, "guardduty";
        /// EFS.
        efs => aws_sdk_efs, "efs";
        /// SQS.
        sqs => aws_sdk_sqs, "sqs";
        /// DynamoDB.
        dynamodb => aws_sdk_dynamodb, "dynamodb";
        /// DAX.
        dax => aws_sdk_dax, "dax";
        /// Application Auto Scaling.
        autoscaling => aws_sdk_applicationautoscaling, "application-autoscaling";
        /// ECR.
        ecr => aws_sdk_ecr, "ecr";
        /// ECS.
        ecs => aws_sdk_ecs, "ecs";
        /// Secrets Manager.
        secretsmanager => aws_sdk_secretsmanager, "secretsmanager";
    }
}

/// Loads the base SDK config: the standard credential chain (environment, profile, SSO,
/// web identity, IMDS), the custom endpoint, retries and timeouts.
pub async fn load_base_config(options: &ClientOptions, home_region: &str) -> SdkConfig {
    let mut loader = aws_config::defaults(BehaviorVersion::latest())
        .retry_config(RetryConfig::adaptive().with_max_attempts(options.max_attempts))
        .timeout_config(
            TimeoutConfig::builder()
                .connect_timeout(Duration::from_secs(5))
                .operation_attempt_timeout(options.attempt_timeout)
                .operation_timeout(options.operation_timeout)
                .build(),
        );
    if let Some(profile) = &options.profile {
        loader = loader.profile_name(profile);
    }
    if let Some(url) = &options.endpoint_url {
        loader = loader.endpoint_url(url);
    }
    let config = loader.load().await;
    if config.region().is_none() {
        config
            .to_builder()
            .region(Region::new(home_region.to_string()))
            .build()
    } else {
        config
    }
}
