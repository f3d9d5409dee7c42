//! The typed resource model every source fills and every check reads.
//!
//! A [`Resource`] is one AWS resource (or an account- or region-level setting modelled as a
//! resource) with a common [`ResourceMeta`] and the fields of its type. Live collectors,
//! inventory snapshots and infrastructure-as-code adapters all produce the same structs, so one
//! check judges all three.
//!
//! Fields named `derived` hold facts stance computes from the other fields (see [`derive`]):
//! they are recomputed after every load, so a hand-edited snapshot cannot make them disagree
//! with the raw data.

pub mod account;
pub mod cloudtrail;
pub mod config;
pub mod derive;
pub mod ec2;
pub mod elb;
pub mod filter_pattern;
pub mod iam;
pub mod inventory;
pub mod kms;
pub mod lambda;
pub mod monitoring;
pub mod policy;
pub mod rds;
pub mod s3;
pub mod schema;
pub mod services;
pub mod time;

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub use inventory::{AccountInventory, Gap, Inventory, RegionInventory};

/// The pseudo-region of global resources (IAM, account settings, S3 account settings).
pub const GLOBAL_REGION: &str = "global";

/// Where a resource's data came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Default)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Source {
    /// Collected from the AWS APIs during this run.
    #[default]
    Live,
    /// Read from an inventory snapshot file.
    Snapshot {
        /// Path of the snapshot file, as given on the command line.
        file: String,
    },
    /// Read from an AWS Config aggregator's recorded configuration items.
    ConfigAggregator {
        /// Name of the configuration aggregator.
        aggregator: String,
        /// When AWS Config captured the configuration item: the data is as of this time, not
        /// the scan's.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        captured_at: Option<time::Timestamp>,
    },
    /// Read from an infrastructure-as-code file.
    Iac {
        /// Path of the template or plan, relative to the scan root where possible.
        file: String,
        /// 1-based line of the resource declaration.
        line: u32,
        /// `cloudformation` or `terraform`.
        format: String,
        /// The resource's logical id (CloudFormation) or address (Terraform).
        logical_id: String,
    },
}

/// Metadata shared by every resource type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ResourceMeta {
    /// Stable unique id: the ARN where the resource has one, otherwise a documented pseudo-id
    /// such as `AWS::::Account:123456789012`.
    pub id: String,
    /// The resource's ARN, when AWS defines one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub arn: Option<String>,
    /// 12-digit account id. Filled from the enclosing account when a snapshot omits it.
    #[serde(default)]
    pub account_id: String,
    /// Region code, or `global` for global resources. Filled from the enclosing region when a
    /// snapshot omits it.
    #[serde(default)]
    pub region: String,
    /// AWS partition (`aws`, `aws-cn`, `aws-us-gov`). Filled from the account when omitted.
    #[serde(default)]
    pub partition: String,
    /// Human-readable name (bucket name, user name, `Name` tag...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Resource tags.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub tags: BTreeMap<String, String>,
    /// Where the data came from.
    #[serde(default)]
    pub source: Source,
    /// Field paths (dotted, relative to the resource) whose values are unknown until deploy
    /// time (infrastructure as code). A check that reads one of them reports NOT_APPLICABLE
    /// instead of judging a guess.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unknown: Vec<String>,
    /// 1-based lines of individual properties (infrastructure as code), keyed by dotted path,
    /// so a finding can point at the offending property rather than the resource.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub lines: BTreeMap<String, u32>,
}

impl ResourceMeta {
    /// A meta with the given id, account and region; the rest empty.
    pub fn new(id: impl Into<String>, account_id: &str, region: &str, partition: &str) -> Self {
        Self {
            id: id.into(),
            arn: None,
            account_id: account_id.to_string(),
            region: region.to_string(),
            partition: partition.to_string(),
            name: None,
            tags: BTreeMap::new(),
            source: Source::Live,
            unknown: Vec::new(),
            lines: BTreeMap::new(),
        }
    }

    /// Sets the ARN and uses it as the id.
    pub fn with_arn(mut self, arn: impl Into<String>) -> Self {
        let arn = arn.into();
        self.id = arn.clone();
        self.arn = Some(arn);
        self
    }

    /// Sets the name.
    pub fn with_name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// Sets the tags.
    pub fn with_tags(mut self, tags: BTreeMap<String, String>) -> Self {
        self.tags = tags;
        self
    }
}

/// Static facts about one resource type.
#[derive(Debug, Clone, Copy)]
pub struct ResourceTypeInfo {
    /// The model's name, as used in snapshots and check metadata (`s3_bucket`).
    pub name: &'static str,
    /// The service whose collector produces it (`s3`), used to map gaps to checks.
    pub service: &'static str,
    /// The Security Hub (ASFF) resource type (`AwsS3Bucket`).
    pub asff_type: &'static str,
    /// The CloudFormation type where one exists (`AWS::S3::Bucket`).
    pub cfn_type: Option<&'static str>,
    /// Whether the type is global (IAM, account settings) rather than regional.
    pub global: bool,
}

/// Declares the resource enum, its type table and accessors from one list, so adding a type
/// is one line here plus its struct.
macro_rules! resource_types {
    ($( $variant:ident($ty:ty) => {
        name: $name:literal, service: $service:literal, asff: $asff:literal,
        cfn: $cfn:expr, global: $global:literal $(,)?
    } ),+ $(,)?) => {
        /// One resource of any type, tagged by `resource_type`.
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
        #[serde(tag = "resource_type")]
        #[allow(clippy::large_enum_variant)]
        pub enum Resource {
            $(
                #[doc = concat!("A `", $name, "` resource.")]
                #[serde(rename = $name)]
                $variant($ty),
            )+
        }

        /// Every resource type of the model, in declaration order.
        pub const RESOURCE_TYPES: &[ResourceTypeInfo] = &[
            $( ResourceTypeInfo {
                name: $name, service: $service, asff_type: $asff, cfn_type: $cfn, global: $global,
            }, )+
        ];

        impl Resource {
            /// The common metadata.
            pub fn meta(&self) -> &ResourceMeta {
                match self { $( Resource::$variant(r) => &r.meta, )+ }
            }

            /// The common metadata, mutably.
            pub fn meta_mut(&mut self) -> &mut ResourceMeta {
                match self { $( Resource::$variant(r) => &mut r.meta, )+ }
            }

            /// The model name of this resource's type.
            pub fn type_name(&self) -> &'static str {
                match self { $( Resource::$variant(_) => $name, )+ }
            }

            /// The static facts of this resource's type.
            pub fn type_info(&self) -> &'static ResourceTypeInfo {
                let name = self.type_name();
                RESOURCE_TYPES
                    .iter()
                    .find(|t| t.name == name)
                    .unwrap_or(&RESOURCE_TYPES[0])
            }

            /// Serializes the resource for a schema: one JSON Schema per type, keyed by name.
            pub fn type_schemas(generator: &mut schemars::SchemaGenerator)
                -> Vec<(&'static str, schemars::Schema)> {
                vec![ $( ($name, generator.subschema_for::<$ty>()), )+ ]
            }
        }
    };
}

resource_types! {
    Account(account::Account) => {
        name: "account", service: "account", asff: "AwsAccount", cfn: None, global: true },
    IamRootUser(iam::IamRootUser) => {
        name: "iam_root_user", service: "iam", asff: "AwsAccount", cfn: None, global: true },
    IamPasswordPolicy(iam::IamPasswordPolicy) => {
        name: "iam_password_policy", service: "iam", asff: "AwsAccount", cfn: None, global: true },
    IamUser(iam::IamUser) => {
        name: "iam_user", service: "iam", asff: "AwsIamUser", cfn: Some("AWS::IAM::User"), global: true },
    IamGroup(iam::IamGroup) => {
        name: "iam_group", service: "iam", asff: "AwsIamGroup", cfn: Some("AWS::IAM::Group"), global: true },
    IamRole(iam::IamRole) => {
        name: "iam_role", service: "iam", asff: "AwsIamRole", cfn: Some("AWS::IAM::Role"), global: true },
    IamPolicy(iam::IamPolicy) => {
        name: "iam_policy", service: "iam", asff: "AwsIamPolicy", cfn: Some("AWS::IAM::ManagedPolicy"), global: true },
    IamServerCertificate(iam::IamServerCertificate) => {
        name: "iam_server_certificate", service: "iam", asff: "Other", cfn: None, global: true },
    AccessAnalyzer(iam::AccessAnalyzer) => {
        name: "accessanalyzer_analyzer", service: "accessanalyzer", asff: "Other",
        cfn: Some("AWS::AccessAnalyzer::Analyzer"), global: false },
    S3AccountPublicAccessBlock(s3::S3AccountPublicAccessBlock) => {
        name: "s3_account_public_access_block", service: "s3", asff: "AwsAccount", cfn: None, global: true },
    S3Bucket(s3::S3Bucket) => {
        name: "s3_bucket", service: "s3", asff: "AwsS3Bucket", cfn: Some("AWS::S3::Bucket"), global: false },
    Ec2SecurityGroup(ec2::Ec2SecurityGroup) => {
        name: "ec2_security_group", service: "ec2", asff: "AwsEc2SecurityGroup",
        cfn: Some("AWS::EC2::SecurityGroup"), global: false },
    Ec2NetworkAcl(ec2::Ec2NetworkAcl) => {
        name: "ec2_network_acl", service: "ec2", asff: "AwsEc2NetworkAcl",
        cfn: Some("AWS::EC2::NetworkAcl"), global: false },
    Ec2Vpc(ec2::Ec2Vpc) => {
        name: "ec2_vpc", service: "ec2", asff: "AwsEc2Vpc", cfn: Some("AWS::EC2::VPC"), global: false },
    Ec2FlowLog(ec2::Ec2FlowLog) => {
        name: "ec2_flow_log", service: "ec2", asff: "Other", cfn: Some("AWS::EC2::FlowLog"), global: false },
    Ec2Instance(ec2::Ec2Instance) => {
        name: "ec2_instance", service: "ec2", asff: "AwsEc2Instance", cfn: Some("AWS::EC2::Instance"), global: false },
    Ec2Volume(ec2::Ec2Volume) => {
        name: "ec2_volume", service: "ec2", asff: "AwsEc2Volume", cfn: Some("AWS::EC2::Volume"), global: false },
    Ec2Snapshot(ec2::Ec2Snapshot) => {
        name: "ec2_snapshot", service: "ec2", asff: "Other", cfn: None, global: false },
    Ec2Image(ec2::Ec2Image) => {
        name: "ec2_image", service: "ec2", asff: "Other", cfn: None, global: false },
    Ec2EbsEncryptionDefault(ec2::Ec2EbsEncryptionDefault) => {
        name: "ec2_ebs_encryption_default", service: "ec2", asff: "AwsAccount", cfn: None, global: false },
    CloudTrailTrail(cloudtrail::CloudTrailTrail) => {
        name: "cloudtrail_trail", service: "cloudtrail", asff: "AwsCloudTrailTrail",
        cfn: Some("AWS::CloudTrail::Trail"), global: false },
    ConfigRecorder(config::ConfigRecorder) => {
        name: "config_recorder", service: "config", asff: "Other",
        cfn: Some("AWS::Config::ConfigurationRecorder"), global: false },
    ConfigDeliveryChannel(config::ConfigDeliveryChannel) => {
        name: "config_delivery_channel", service: "config", asff: "Other",
        cfn: Some("AWS::Config::DeliveryChannel"), global: false },
    KmsKey(kms::KmsKey) => {
        name: "kms_key", service: "kms", asff: "AwsKmsKey", cfn: Some("AWS::KMS::Key"), global: false },
    LogsLogGroup(monitoring::LogsLogGroup) => {
        name: "logs_log_group", service: "logs", asff: "Other", cfn: Some("AWS::Logs::LogGroup"), global: false },
    LogsMetricFilter(monitoring::LogsMetricFilter) => {
        name: "logs_metric_filter", service: "logs", asff: "Other",
        cfn: Some("AWS::Logs::MetricFilter"), global: false },
    CloudWatchAlarm(monitoring::CloudWatchAlarm) => {
        name: "cloudwatch_alarm", service: "cloudwatch", asff: "Other",
        cfn: Some("AWS::CloudWatch::Alarm"), global: false },
    SnsTopic(monitoring::SnsTopic) => {
        name: "sns_topic", service: "sns", asff: "AwsSnsTopic", cfn: Some("AWS::SNS::Topic"), global: false },
    S3AccessPoint(s3::S3AccessPoint) => {
        name: "s3_access_point", service: "s3control", asff: "AwsS3AccessPoint",
        cfn: Some("AWS::S3::AccessPoint"), global: false },
    Ec2Subnet(ec2::Ec2Subnet) => {
        name: "ec2_subnet", service: "ec2", asff: "AwsEc2Subnet", cfn: Some("AWS::EC2::Subnet"), global: false },
    Ec2RouteTable(ec2::Ec2RouteTable) => {
        name: "ec2_route_table", service: "ec2", asff: "AwsEc2RouteTable",
        cfn: Some("AWS::EC2::RouteTable"), global: false },
    Ec2VpcEndpoint(ec2::Ec2VpcEndpoint) => {
        name: "ec2_vpc_endpoint", service: "ec2", asff: "AwsEc2VpcEndpointService",
        cfn: Some("AWS::EC2::VPCEndpoint"), global: false },
    Ec2NetworkInterface(ec2::Ec2NetworkInterface) => {
        name: "ec2_network_interface", service: "ec2", asff: "AwsEc2NetworkInterface",
        cfn: Some("AWS::EC2::NetworkInterface"), global: false },
    Ec2LaunchTemplate(ec2::Ec2LaunchTemplate) => {
        name: "ec2_launch_template", service: "ec2", asff: "AwsEc2LaunchTemplate",
        cfn: Some("AWS::EC2::LaunchTemplate"), global: false },
    Ec2TransitGateway(ec2::Ec2TransitGateway) => {
        name: "ec2_transit_gateway", service: "ec2", asff: "AwsEc2TransitGateway",
        cfn: Some("AWS::EC2::TransitGateway"), global: false },
    Ec2VpnConnection(ec2::Ec2VpnConnection) => {
        name: "ec2_vpn_connection", service: "ec2", asff: "AwsEc2VpnConnection",
        cfn: Some("AWS::EC2::VPNConnection"), global: false },
    Ec2ClientVpnEndpoint(ec2::Ec2ClientVpnEndpoint) => {
        name: "ec2_client_vpn_endpoint", service: "ec2", asff: "AwsEc2ClientVpnEndpoint",
        cfn: Some("AWS::EC2::ClientVpnEndpoint"), global: false },
    Ec2VpcBlockPublicAccess(ec2::Ec2VpcBlockPublicAccess) => {
        name: "ec2_vpc_block_public_access", service: "ec2", asff: "Other", cfn: None, global: false },
    RdsDbInstance(rds::RdsDbInstance) => {
        name: "rds_db_instance", service: "rds", asff: "AwsRdsDbInstance",
        cfn: Some("AWS::RDS::DBInstance"), global: false },
    RdsDbCluster(rds::RdsDbCluster) => {
        name: "rds_db_cluster", service: "rds", asff: "AwsRdsDbCluster",
        cfn: Some("AWS::RDS::DBCluster"), global: false },
    RdsSnapshot(rds::RdsSnapshot) => {
        name: "rds_snapshot", service: "rds", asff: "AwsRdsDbSnapshot", cfn: None, global: false },
    RdsEventSubscription(rds::RdsEventSubscription) => {
        name: "rds_event_subscription", service: "rds", asff: "AwsRdsEventSubscription",
        cfn: Some("AWS::RDS::EventSubscription"), global: false },
    RdsDbProxy(rds::RdsDbProxy) => {
        name: "rds_db_proxy", service: "rds", asff: "Other", cfn: Some("AWS::RDS::DBProxy"), global: false },
    LambdaFunction(lambda::LambdaFunction) => {
        name: "lambda_function", service: "lambda", asff: "AwsLambdaFunction",
        cfn: Some("AWS::Lambda::Function"), global: false },
    ElbLoadBalancer(elb::ElbLoadBalancer) => {
        name: "elb_load_balancer", service: "elb", asff: "AwsElbLoadBalancer",
        cfn: Some("AWS::ElasticLoadBalancing::LoadBalancer"), global: false },
    Elbv2LoadBalancer(elb::Elbv2LoadBalancer) => {
        name: "elbv2_load_balancer", service: "elbv2", asff: "AwsElbv2LoadBalancer",
        cfn: Some("AWS::ElasticLoadBalancingV2::LoadBalancer"), global: false },
    GuardDutyDetector(services::GuardDutyDetector) => {
        name: "guardduty_detector", service: "guardduty", asff: "Other",
        cfn: Some("AWS::GuardDuty::Detector"), global: false },
    EfsFileSystem(services::EfsFileSystem) => {
        name: "efs_file_system", service: "efs", asff: "AwsEfsFileSystem",
        cfn: Some("AWS::EFS::FileSystem"), global: false },
    EfsAccessPoint(services::EfsAccessPoint) => {
        name: "efs_access_point", service: "efs", asff: "AwsEfsAccessPoint",
        cfn: Some("AWS::EFS::AccessPoint"), global: false },
    SqsQueue(services::SqsQueue) => {
        name: "sqs_queue", service: "sqs", asff: "AwsSqsQueue", cfn: Some("AWS::SQS::Queue"), global: false },
    DynamoDbTable(services::DynamoDbTable) => {
        name: "dynamodb_table", service: "dynamodb", asff: "AwsDynamoDbTable",
        cfn: Some("AWS::DynamoDB::Table"), global: false },
    DaxCluster(services::DaxCluster) => {
        name: "dax_cluster", service: "dax", asff: "Other", cfn: Some("AWS::DAX::Cluster"), global: false },
    EcrRepository(services::EcrRepository) => {
        name: "ecr_repository", service: "ecr", asff: "AwsEcrRepository",
        cfn: Some("AWS::ECR::Repository"), global: false },
    EcsTaskDefinition(services::EcsTaskDefinition) => {
        name: "ecs_task_definition", service: "ecs", asff: "AwsEcsTaskDefinition",
        cfn: Some("AWS::ECS::TaskDefinition"), global: false },
    EcsService(services::EcsService) => {
        name: "ecs_service", service: "ecs", asff: "AwsEcsService", cfn: Some("AWS::ECS::Service"), global: false },
    EcsCluster(services::EcsCluster) => {
        name: "ecs_cluster", service: "ecs", asff: "AwsEcsCluster", cfn: Some("AWS::ECS::Cluster"), global: false },
    SecretsManagerSecret(services::SecretsManagerSecret) => {
        name: "secretsmanager_secret", service: "secretsmanager", asff: "AwsSecretsManagerSecret",
        cfn: Some("AWS::SecretsManager::Secret"), global: false },
    SecurityHubHub(services::SecurityHubHub) => {
        name: "securityhub_hub", service: "securityhub", asff: "AwsSecurityHubHub",
        cfn: Some("AWS::SecurityHub::Hub"), global: false },
}

/// Looks up a resource type by its model name.
pub fn resource_type(name: &str) -> Option<&'static ResourceTypeInfo> {
    RESOURCE_TYPES.iter().find(|t| t.name == name)
}
