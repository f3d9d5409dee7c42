#!/usr/bin/env python3
"""Seed moto with stance's two-account, multi-region test scenario.

Usage:
    python3 tests/support/seed_scenario.py --endpoint http://127.0.0.1:5123 \\
        --role-name StanceAudit --accounts 111111111111,222222222222 \\
        --regions us-east-1,eu-west-1 --manifest /tmp/scenario.json [--reset]

The first account is the *compliant* one (A): it should pass the CIS AWS Foundations controls
that can be expressed against moto. The second is the *misconfigured* one (B): it fails them, plus
extra misconfigurations for other services. Any further accounts get the misconfigured profile.

Every account is reached with sts:AssumeRole into arn:aws:iam::<account>:role/<role-name>
from moto's default account (123456789012); moto serves requests signed with the returned
credentials from that account, and does not evaluate trust policies. The role itself is then
created in each account so scanners see a realistic audit role.

Names are deterministic (`stance-<account>-<region>-<purpose>` for buckets, fixed names
elsewhere); ids moto generates (vpc-..., sg-..., key ids) are not, so tests should read them from
the manifest. Run it once against a fresh moto (or pass --reset, which POSTs /moto-api/reset
first). A step moto rejects is skipped with a `WARN` line and listed under "skipped" in the
manifest; a re-run against a seeded moto therefore degrades to "already exists" warnings
rather than failing.

What each profile gets (regional items in every region; the trail, its log group and the CIS
metric filters/alarms in the first, "home", region):

  area        A (compliant)                                B (misconfigured)
  IAM         strong password policy; alice (console+MFA, weak password policy; bob (console,
              a used key) and svc-reporting (1 key) get    no MFA, 2 unused keys, *:* policy
              permissions via groups only; support-role    attached directly, AdministratorAccess
              with AWSSupportAccess; SAML provider; EC2    via group); carol (inline *:*); an s3:*
              instance profile                             policy; roles trusting * and a foreign
                                                           account; expired server certificate
  S3          data + logs buckets: PAB, SSE-KMS,           public-read ACL + bucket policy open to
              versioning, access logging, TLS-only policy, reads, uploads and a foreign account's
              BucketOwnerEnforced, lifecycle; account PAB  ACL/policy changes; no encryption config,
                                                           no PAB
  EC2/VPC     flow logs on every VPC; default SGs empty;   SG open on 22 (v4+v6), 3389, 445; NACL
              default NACLs deny 22/3389 and allow only    allowing 22 from 0.0.0.0/0 and an unused
              443/ephemeral from the internet, a private   NACL; default SGs keep AWS's rules;
              NACL in use; no subnet maps public IPs;      public subnets; IMDSv1 instance with a
              IMDSv2 instance; encrypted volumes; EBS      second ENI (no source/dest check);
              default encryption; interface endpoints      plaintext volume; public snapshot and
              (ec2, ecr, ssm...) in every VPC; a /16       AMI; 10.0.0.0/8 routed to a peering
              route to a peered VPC (home region)          (home region)
  logging     multi-region trail (validation, KMS, CW      single-region trail, no validation,
              Logs, S3 data events), Config recorder +     not logging; no Config
              delivery channel, 15 CIS metric filters ->
              alarms -> SNS topic with a subscription
  other       KMS rotation on; GuardDuty with every plan   KMS rotation off, a key open to *, a key
              and agent; Security Hub; RDS encrypted/      pending deletion; no GuardDuty in the
              private/multi-AZ with log exports, non-      home region, all plans off elsewhere;
              default ports; Lambda in two zones; rotated  Macie disabled; public unencrypted RDS;
              secret; HTTPS-only ALB (TLS 1.3 policy, logs, public Lambda (policy + URL, one zone);
              strictest desync); EFS with backups; SQS/    secret not rotated; HTTP ALB + HTTPS on
              DynamoDB/ECR hardened (lifecycle policy);    an old policy, single-zone NLB; classic
              ECS tasks logged and non-root (host mode     ELB on HTTP + HTTPS with an IAM cert;
              too), Fargate service on 1.4.0 with          plaintext EFS with a public mount
              private IPs; home region: a compliant        target; plaintext public SQS; public
              classic ELB                                  SNS/ECR; provisioned DynamoDB without
                                                           scaling; privileged/root/host-PID ECS
                                                           tasks, Fargate 1.3.0 with public IPs
  RDS engines (home region): Aurora MySQL (audit logging via a cluster parameter group, exported,
              backtracking) and Aurora PostgreSQL, Multi-AZ DB clusters (MySQL, PostgreSQL),
              MariaDB (require_secure_transport) and SQL Server (rds.force_ssl) with their logs
              exported, event subscriptions per source type, a TLS-only RDS Proxy in A; the same
              engines without any of it in B, which also has a PostgreSQL instance exporting no
              logs and a subscription covering only DB instance backups

moto quirks the scenario cannot change (tests/live.rs lists the checks they leave undecided in
NOT_DECIDABLE_ON_MOTO): MFA delete is never stored; every IAM server certificate reports a
2012 expiry (so A has none); the credential report has no root row; dates (key creation and
last use, secret rotation and access, instance stop) are always "now"; instances launch
paravirtual; MonitoringInterval is dropped; PutBackupPolicy (EFS) is not implemented, so A's
backups are set at creation; IAM authentication is refused on Multi-AZ DB clusters; Macie
starts enabled everywhere; Access Analyzer does not exist.

Only boto3 is needed (plus `cryptography`, a dependency of moto, for the server certificate).
"""

from __future__ import annotations

import argparse
import io
import json
import re
import sys
import time
import urllib.request
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import boto3
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

# Dummy keys: moto maps keys it did not issue to its default account, 123456789012, from which
# the seeding assumes the audit role in each account.
SEED_ACCESS_KEY = "stance-seed"
CONFIG = Config(retries={"max_attempts": 1, "mode": "standard"})

ALL_FOUR_PAB = {
    "BlockPublicAcls": True,
    "IgnorePublicAcls": True,
    "BlockPublicPolicy": True,
    "RestrictPublicBuckets": True,
}

# The CIS monitoring set (see src/model/filter_pattern.rs). Keys become metric filter, metric
# and alarm names. The patterns are the CIS benchmark's own text, except that two are broader on
# purpose (a filter that catches more than CIS asks must still count): unauthorized API calls
# uses the v1.4 form without the exclusions, and Organizations changes adds CancelHandshake,
# CreateOrganization and EnableAllFeatures, which Prowler's regex requires.
CIS_METRIC_FILTERS = {
    "unauthorized_api_calls": (
        '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") }'
    ),
    "console_signin_without_mfa": (
        '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") '
        '&& ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }'
    ),
    "root_account_usage": (
        '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS '
        '&& $.eventType != "AwsServiceEvent" }'
    ),
    "iam_policy_changes": (
        "{($.eventSource=iam.amazonaws.com) && (($.eventName=DeleteGroupPolicy)||"
        "($.eventName=DeleteRolePolicy)||($.eventName=DeleteUserPolicy)||"
        "($.eventName=PutGroupPolicy)||($.eventName=PutRolePolicy)||($.eventName=PutUserPolicy)||"
        "($.eventName=CreatePolicy)||($.eventName=DeletePolicy)||"
        "($.eventName=CreatePolicyVersion)||($.eventName=DeletePolicyVersion)||"
        "($.eventName=AttachRolePolicy)||($.eventName=DetachRolePolicy)||"
        "($.eventName=AttachUserPolicy)||($.eventName=DetachUserPolicy)||"
        "($.eventName=AttachGroupPolicy)||($.eventName=DetachGroupPolicy))}"
    ),
    "cloudtrail_configuration_changes": (
        "{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || "
        "($.eventName = DeleteTrail) || ($.eventName = StartLogging) || "
        "($.eventName = StopLogging) }"
    ),
    "console_authentication_failures": (
        '{ ($.eventName = ConsoleLogin) && ($.errorMessage = "Failed authentication") }'
    ),
    "cmk_disable_or_scheduled_deletion": (
        "{($.eventSource = kms.amazonaws.com) && (($.eventName=DisableKey)||"
        "($.eventName=ScheduleKeyDeletion)) }"
    ),
    "s3_bucket_policy_changes": (
        "{ ($.eventSource = s3.amazonaws.com) && (($.eventName = PutBucketAcl) || "
        "($.eventName = PutBucketPolicy) || ($.eventName = PutBucketCors) || "
        "($.eventName = PutBucketLifecycle) || ($.eventName = PutBucketReplication) || "
        "($.eventName = DeleteBucketPolicy) || ($.eventName = DeleteBucketCors) || "
        "($.eventName = DeleteBucketLifecycle) || ($.eventName = DeleteBucketReplication)) }"
    ),
    "config_changes": (
        "{ ($.eventSource = config.amazonaws.com) && (($.eventName=StopConfigurationRecorder)||"
        "($.eventName=DeleteDeliveryChannel)||($.eventName=PutDeliveryChannel)||"
        "($.eventName=PutConfigurationRecorder)) }"
    ),
    "security_group_changes": (
        "{ ($.eventName = AuthorizeSecurityGroupIngress) || "
        "($.eventName = AuthorizeSecurityGroupEgress) || "
        "($.eventName = RevokeSecurityGroupIngress) || "
        "($.eventName = RevokeSecurityGroupEgress) || ($.eventName = CreateSecurityGroup) || "
        "($.eventName = DeleteSecurityGroup) }"
    ),
    "nacl_changes": (
        "{ ($.eventName = CreateNetworkAcl) || ($.eventName = CreateNetworkAclEntry) || "
        "($.eventName = DeleteNetworkAcl) || ($.eventName = DeleteNetworkAclEntry) || "
        "($.eventName = ReplaceNetworkAclEntry) || ($.eventName = ReplaceNetworkAclAssociation) }"
    ),
    "network_gateway_changes": (
        "{ ($.eventName = CreateCustomerGateway) || ($.eventName = DeleteCustomerGateway) || "
        "($.eventName = AttachInternetGateway) || ($.eventName = CreateInternetGateway) || "
        "($.eventName = DeleteInternetGateway) || ($.eventName = DetachInternetGateway) }"
    ),
    "route_table_changes": (
        "{($.eventSource = ec2.amazonaws.com) && (($.eventName = CreateRoute) || "
        "($.eventName = CreateRouteTable) || ($.eventName = ReplaceRoute) || "
        "($.eventName = ReplaceRouteTableAssociation) || ($.eventName = DeleteRouteTable) || "
        "($.eventName = DeleteRoute) || ($.eventName = DisassociateRouteTable)) }"
    ),
    "vpc_changes": (
        "{ ($.eventName = CreateVpc) || ($.eventName = DeleteVpc) || "
        "($.eventName = ModifyVpcAttribute) || ($.eventName = AcceptVpcPeeringConnection) || "
        "($.eventName = CreateVpcPeeringConnection) || "
        "($.eventName = DeleteVpcPeeringConnection) || "
        "($.eventName = RejectVpcPeeringConnection) || ($.eventName = AttachClassicLinkVpc) || "
        "($.eventName = DetachClassicLinkVpc) || ($.eventName = DisableVpcClassicLink) || "
        "($.eventName = EnableVpcClassicLink) }"
    ),
    "organizations_changes": (
        '{ ($.eventSource = organizations.amazonaws.com) && (($.eventName = "AcceptHandshake") || '
        '($.eventName = "AttachPolicy") || ($.eventName = "CreateAccount") || '
        '($.eventName = "CreateOrganizationalUnit") || ($.eventName = "CreatePolicy") || '
        '($.eventName = "DeclineHandshake") || ($.eventName = "DeleteOrganization") || '
        '($.eventName = "DeleteOrganizationalUnit") || ($.eventName = "DeletePolicy") || '
        '($.eventName = "DetachPolicy") || ($.eventName = "DisablePolicyType") || '
        '($.eventName = "EnablePolicyType") || ($.eventName = "InviteAccountToOrganization") || '
        '($.eventName = "LeaveOrganization") || ($.eventName = "MoveAccount") || '
        '($.eventName = "RemoveAccountFromOrganization") || ($.eventName = "UpdatePolicy") || '
        '($.eventName = "UpdateOrganizationalUnit") || ($.eventName = "CancelHandshake") || '
        '($.eventName = "CreateOrganization") || ($.eventName = "EnableAllFeatures")) }'
    ),
}
CIS_METRIC_NAMESPACE = "CISBenchmark"

# Interface endpoints FSBP wants in every VPC (EC2.10, EC2.55-EC2.58, EC2.60).
ECS_AWSLOGS = {
    "logDriver": "awslogs",
    "options": {
        "awslogs-group": "/ecs/stance",
        "awslogs-region": "us-east-1",
        "awslogs-stream-prefix": "ecs",
    },
}

INTERFACE_ENDPOINT_SERVICES = ("ec2", "ecr.api", "ecr.dkr", "ssm", "ssm-contacts", "ssm-incidents")

# SAML 2.0 IdP metadata. moto stores it unchecked, but the API wants at least 1,000 characters,
# so it carries a (placeholder) signing certificate like real metadata does.
SAML_METADATA = (
    '<?xml version="1.0"?><md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" '
    'xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="https://idp.example.com/saml">'
    '<md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">'
    '<md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>'
    + "MIIC"
    + "A" * 900
    + "</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>"
    '<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" '
    'Location="https://idp.example.com/sso"/></md:IDPSSODescriptor></md:EntityDescriptor>'
)


def policy(*statements: dict[str, Any]) -> str:
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)})


def trust(principal: dict[str, Any], **condition: Any) -> str:
    statement: dict[str, Any] = {
        "Effect": "Allow",
        "Principal": principal,
        "Action": "sts:AssumeRole",
    }
    if condition:
        statement["Condition"] = condition
    return policy(statement)


def lambda_zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        archive.writestr("index.py", "def handler(event, context):\n    return {}\n")
    return buf.getvalue()


def expired_certificate() -> tuple[str, str]:
    """A self-signed certificate that expired in 2021, with its key (PEM)."""
    import datetime

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "legacy.example.com")])
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(1)
        .not_valid_before(datetime.datetime(2020, 1, 1))
        .not_valid_after(datetime.datetime(2021, 1, 1))
        .sign(key, hashes.SHA256())
    )
    return (
        cert.public_bytes(serialization.Encoding.PEM).decode(),
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ).decode(),
    )


@dataclass
class Seeder:
    """Shared state of one run: the endpoint, the manifest and the list of skipped steps."""

    endpoint: str
    role_name: str
    regions: list[str]
    manifest: dict[str, Any] = field(default_factory=dict)
    skipped: list[dict[str, str]] = field(default_factory=list)
    steps: int = 0

    def step(self, where: str, label: str, action: Callable[[], Any]) -> Any:
        """Runs one seeding step; a rejection is a warning, not a failure."""
        self.steps += 1
        try:
            return action()
        except (ClientError, BotoCoreError, KeyError, ValueError, ImportError) as exc:
            message = " ".join(str(exc).split())[:300]
            print(f"WARN [{where}] {label}: {message}", file=sys.stderr)
            self.skipped.append({"where": where, "step": label, "error": message})
            return None

    def session(self, account: str) -> boto3.Session:
        base = boto3.client(
            "sts",
            endpoint_url=self.endpoint,
            region_name=self.regions[0],
            aws_access_key_id=SEED_ACCESS_KEY,
            aws_secret_access_key=SEED_ACCESS_KEY,
            config=CONFIG,
        )
        creds = base.assume_role(
            RoleArn=f"arn:aws:iam::{account}:role/{self.role_name}",
            RoleSessionName="stance-seed",
        )["Credentials"]
        return boto3.Session(
            aws_access_key_id=creds["AccessKeyId"],
            aws_secret_access_key=creds["SecretAccessKey"],
            aws_session_token=creds["SessionToken"],
        )


class AccountSeeder:
    """Seeds one account. `self.good` selects the compliant (A) or misconfigured (B) profile."""

    def __init__(self, run: Seeder, account: str, compliant: bool):
        self.run = run
        self.account = account
        self.good = compliant
        self.session = run.session(account)
        self.home = run.regions[0]
        self.out: dict[str, Any] = {
            "profile": "compliant" if compliant else "misconfigured",
            "role_arn": f"arn:aws:iam::{account}:role/{run.role_name}",
            "global": {},
            "regions": {region: {} for region in run.regions},
        }
        # Filled by seed_region for the home region and read by later steps.
        self.kms_key_arn: dict[str, str] = {}
        self.clients: dict[tuple[str, str], Any] = {}

    # -- plumbing -------------------------------------------------------------------------

    def client(self, service: str, region: str | None = None) -> Any:
        # Creating a client costs more than most seeding calls: reuse one per service/region.
        key = (service, region or self.home)
        if key in self.clients:
            return self.clients[key]
        client = self.session.client(
            service,
            endpoint_url=self.run.endpoint,
            region_name=region or self.home,
            config=CONFIG,
        )
        if service == "s3control":
            # The S3 Control endpoint rules put the account id in the host name
            # (111111111111.127.0.0.1), which does not resolve. moto routes on the path, and
            # does not check signatures, so drop the label before signing.
            client.meta.events.register("before-sign.s3-control", _strip_account_host_label)
        self.clients[key] = client
        return client

    def step(self, region: str, label: str, action: Callable[[], Any]) -> Any:
        return self.run.step(f"{self.account}/{region}", label, action)

    def record(self, region: str | None, service: str, key: str, value: Any) -> None:
        if value is None:
            return
        scope = self.out["global"] if region is None else self.out["regions"][region]
        scope.setdefault(service, {})[key] = value

    def bucket_name(self, region: str, purpose: str) -> str:
        return f"stance-{self.account}-{region}-{purpose}"

    # -- global: IAM, account, S3 account settings -------------------------------------------

    def seed_global(self) -> None:
        iam = self.client("iam")
        g = "global"
        acct = self.account

        # The audit role the scanners assume. Trusts moto's default account, where the seed
        # and the scanners start.
        self.step(
            g,
            "iam audit role",
            lambda: iam.create_role(
                RoleName=self.run.role_name,
                AssumeRolePolicyDocument=trust({"AWS": "arn:aws:iam::123456789012:root"}),
                Description="Read-only security audit role assumed by stance and Prowler",
            ),
        )
        for managed in ("SecurityAudit", "job-function/ViewOnlyAccess"):
            self.step(
                g,
                f"attach {managed} to audit role",
                lambda m=managed: iam.attach_role_policy(
                    RoleName=self.run.role_name, PolicyArn=f"arn:aws:iam::aws:policy/{m}"
                ),
            )
        self.record(None, "iam", "audit_role", self.out["role_arn"])

        for name, service, managed in (
            ("lambda-exec", "lambda.amazonaws.com", "service-role/AWSLambdaBasicExecutionRole"),
            ("config-recorder", "config.amazonaws.com", "service-role/AWS_ConfigRole"),
            ("cloudtrail-to-cloudwatch", "cloudtrail.amazonaws.com", None),
        ):
            arn = self.step(
                g,
                f"iam role {name}",
                lambda n=name, s=service: iam.create_role(
                    RoleName=n, AssumeRolePolicyDocument=trust({"Service": s})
                )["Role"]["Arn"],
            )
            self.record(None, "iam", f"role_{name}", arn)
            if managed:
                self.step(
                    g,
                    f"attach {managed} to {name}",
                    lambda n=name, m=managed: iam.attach_role_policy(
                        RoleName=n, PolicyArn=f"arn:aws:iam::aws:policy/{m}"
                    ),
                )
        self.step(
            g,
            "cloudtrail-to-cloudwatch inline policy",
            lambda: iam.put_role_policy(
                RoleName="cloudtrail-to-cloudwatch",
                PolicyName="deliver-to-logs",
                PolicyDocument=policy(
                    {
                        "Effect": "Allow",
                        "Action": ["logs:CreateLogStream", "logs:PutLogEvents"],
                        "Resource": f"arn:aws:logs:*:{acct}:log-group:/stance/cloudtrail:*",
                    }
                ),
            ),
        )

        if self.good:
            self.seed_iam_compliant(iam)
            self.seed_account_contacts()
            s3control = self.client("s3control")
            self.step(
                g,
                "s3control account public access block",
                lambda: s3control.put_public_access_block(
                    AccountId=acct, PublicAccessBlockConfiguration=ALL_FOUR_PAB
                ),
            )
            self.record(None, "s3control", "public_access_block", "all four on")
        else:
            self.seed_iam_misconfigured(iam)

    def seed_iam_compliant(self, iam: Any) -> None:
        g = "global"
        self.step(
            g,
            "strong password policy",
            lambda: iam.update_account_password_policy(
                MinimumPasswordLength=14,
                RequireSymbols=True,
                RequireNumbers=True,
                RequireUppercaseCharacters=True,
                RequireLowercaseCharacters=True,
                AllowUsersToChangePassword=True,
                MaxPasswordAge=90,
                PasswordReusePrevention=24,
                HardExpiry=False,
            ),
        )
        self.record(None, "iam", "password_policy", "strong")

        # Permissions only through groups, and no customer policy grants *:*.
        ops_policy = self.step(
            g,
            "customer policy stance-ops-limited",
            lambda: iam.create_policy(
                PolicyName="stance-ops-limited",
                PolicyDocument=policy(
                    {
                        "Effect": "Allow",
                        "Action": ["ec2:Describe*", "s3:ListAllMyBuckets", "cloudwatch:Get*"],
                        "Resource": "*",
                    }
                ),
            )["Policy"]["Arn"],
        )
        self.record(None, "iam", "policy_ops_limited", ops_policy)
        self.step(g, "group operators", lambda: iam.create_group(GroupName="operators"))
        self.step(
            g,
            "attach ReadOnlyAccess to operators",
            lambda: iam.attach_group_policy(
                GroupName="operators", PolicyArn="arn:aws:iam::aws:policy/ReadOnlyAccess"
            ),
        )
        if ops_policy:
            self.step(
                g,
                "attach stance-ops-limited to operators",
                lambda: iam.attach_group_policy(GroupName="operators", PolicyArn=ops_policy),
            )
        self.step(g, "group reporting", lambda: iam.create_group(GroupName="reporting"))
        if ops_policy:
            self.step(
                g,
                "attach stance-ops-limited to reporting",
                lambda: iam.attach_group_policy(GroupName="reporting", PolicyArn=ops_policy),
            )

        # A console user with a virtual MFA device.
        self.step(g, "user alice", lambda: iam.create_user(UserName="alice"))
        self.step(
            g,
            "alice login profile",
            lambda: iam.create_login_profile(
                UserName="alice", Password="Correct-Horse-Battery-9", PasswordResetRequired=False
            ),
        )
        serial = self.step(
            g,
            "alice virtual mfa",
            lambda: iam.create_virtual_mfa_device(VirtualMFADeviceName="alice")["VirtualMFADevice"][
                "SerialNumber"
            ],
        )
        if serial:
            self.step(
                g,
                "alice enable mfa",
                lambda: iam.enable_mfa_device(
                    UserName="alice",
                    SerialNumber=serial,
                    AuthenticationCode1="123456",
                    AuthenticationCode2="654321",
                ),
            )
        self.step(
            g,
            "alice in operators",
            lambda: iam.add_user_to_group(GroupName="operators", UserName="alice"),
        )
        self.record(None, "iam", "user_console_mfa", "alice")
        # alice also has an access key, and has used it (moto records the last use of a key
        # that signs a request): a console user without never-used initial keys.
        alice_key = self.step(
            g, "alice access key", lambda: iam.create_access_key(UserName="alice")["AccessKey"]
        )
        if alice_key:
            self.step(
                g,
                "alice uses her key",
                lambda: boto3.client(
                    "sts",
                    endpoint_url=self.run.endpoint,
                    region_name=self.home,
                    aws_access_key_id=alice_key["AccessKeyId"],
                    aws_secret_access_key=alice_key["SecretAccessKey"],
                    config=CONFIG,
                ).get_caller_identity(),
            )
            self.record(None, "iam", "user_console_key_used", alice_key["AccessKeyId"])

        # A programmatic user: one active key, no console password.
        self.step(g, "user svc-reporting", lambda: iam.create_user(UserName="svc-reporting"))
        key = self.step(
            g,
            "svc-reporting access key",
            lambda: iam.create_access_key(UserName="svc-reporting")["AccessKey"]["AccessKeyId"],
        )
        self.step(
            g,
            "svc-reporting in reporting",
            lambda: iam.add_user_to_group(GroupName="reporting", UserName="svc-reporting"),
        )
        self.record(None, "iam", "user_programmatic", {"user": "svc-reporting", "access_key": key})

        # CIS: EC2 instances use an instance profile rather than stored keys.
        self.step(
            g,
            "role ec2-app",
            lambda: iam.create_role(
                RoleName="ec2-app", AssumeRolePolicyDocument=trust({"Service": "ec2.amazonaws.com"})
            ),
        )
        profile = self.step(
            g,
            "instance profile ec2-app",
            lambda: iam.create_instance_profile(InstanceProfileName="ec2-app")["InstanceProfile"][
                "Arn"
            ],
        )
        self.step(
            g,
            "ec2-app role in profile",
            lambda: iam.add_role_to_instance_profile(
                InstanceProfileName="ec2-app", RoleName="ec2-app"
            ),
        )
        self.record(None, "iam", "instance_profile", profile)

        # CIS: users managed centrally through an identity provider.
        self.record(
            None,
            "iam",
            "saml_provider",
            self.step(
                g,
                "saml provider",
                lambda: iam.create_saml_provider(
                    Name="corporate-idp", SAMLMetadataDocument=SAML_METADATA
                )["SAMLProviderArn"],
            ),
        )

        # CIS: a support role to manage incidents with AWS Support.
        arn = self.step(
            g,
            "role support-role",
            lambda: iam.create_role(
                RoleName="support-role",
                AssumeRolePolicyDocument=trust({"AWS": f"arn:aws:iam::{self.account}:root"}),
            )["Role"]["Arn"],
        )
        self.step(
            g,
            "attach AWSSupportAccess",
            lambda: iam.attach_role_policy(
                RoleName="support-role", PolicyArn="arn:aws:iam::aws:policy/AWSSupportAccess"
            ),
        )
        self.record(None, "iam", "role_support", arn)

    def seed_iam_misconfigured(self, iam: Any) -> None:
        g = "global"
        self.step(
            g,
            "weak password policy",
            lambda: iam.update_account_password_policy(
                MinimumPasswordLength=6,
                RequireSymbols=False,
                RequireNumbers=False,
                RequireUppercaseCharacters=False,
                RequireLowercaseCharacters=False,
                AllowUsersToChangePassword=False,
            ),
        )
        self.record(None, "iam", "password_policy", "weak")

        admin = self.step(
            g,
            "customer policy FullAdmin (*:*)",
            lambda: iam.create_policy(
                PolicyName="FullAdmin",
                PolicyDocument=policy({"Effect": "Allow", "Action": "*", "Resource": "*"}),
            )["Policy"]["Arn"],
        )
        self.record(None, "iam", "policy_full_admin", admin)

        # bob: console without MFA, two active keys, the *:* policy attached directly.
        self.step(g, "user bob", lambda: iam.create_user(UserName="bob"))
        self.step(
            g,
            "bob login profile",
            lambda: iam.create_login_profile(
                UserName="bob", Password="password1", PasswordResetRequired=False
            ),
        )
        keys = [
            self.step(
                g,
                f"bob access key {i}",
                lambda: iam.create_access_key(UserName="bob")["AccessKey"]["AccessKeyId"],
            )
            for i in (1, 2)
        ]
        if admin:
            self.step(
                g,
                "attach FullAdmin to bob",
                lambda: iam.attach_user_policy(UserName="bob", PolicyArn=admin),
            )
        self.record(
            None, "iam", "user_console_no_mfa_two_keys", {"user": "bob", "access_keys": keys}
        )

        # carol: console without MFA and an inline *:* policy.
        self.step(g, "user carol", lambda: iam.create_user(UserName="carol"))
        self.step(
            g,
            "carol login profile",
            lambda: iam.create_login_profile(
                UserName="carol", Password="password2", PasswordResetRequired=False
            ),
        )
        self.step(g, "carol access key", lambda: iam.create_access_key(UserName="carol"))
        self.step(
            g,
            "carol inline admin policy",
            lambda: iam.put_user_policy(
                UserName="carol",
                PolicyName="inline-admin",
                PolicyDocument=policy({"Effect": "Allow", "Action": "*", "Resource": "*"}),
            ),
        )
        self.record(None, "iam", "user_inline_admin", "carol")

        # A group with the AWS-managed admin policy, and bob in it.
        self.step(g, "group developers", lambda: iam.create_group(GroupName="developers"))
        self.step(
            g,
            "attach AdministratorAccess to developers",
            lambda: iam.attach_group_policy(
                GroupName="developers", PolicyArn="arn:aws:iam::aws:policy/AdministratorAccess"
            ),
        )
        self.step(
            g,
            "bob in developers",
            lambda: iam.add_user_to_group(GroupName="developers", UserName="bob"),
        )
        self.step(
            g,
            "attach AWSCloudShellFullAccess to developers",
            lambda: iam.attach_group_policy(
                GroupName="developers", PolicyArn="arn:aws:iam::aws:policy/AWSCloudShellFullAccess"
            ),
        )
        # A customer policy granting a whole service.
        s3_all = self.step(
            g,
            "customer policy s3-everything (s3:*)",
            lambda: iam.create_policy(
                PolicyName="s3-everything",
                PolicyDocument=policy({"Effect": "Allow", "Action": "s3:*", "Resource": "*"}),
            )["Policy"]["Arn"],
        )
        if s3_all:
            self.step(
                g,
                "attach s3-everything to developers",
                lambda: iam.attach_group_policy(GroupName="developers", PolicyArn=s3_all),
            )
        self.record(None, "iam", "policy_service_wildcard", s3_all)
        self.step(
            g,
            "developers inline policy",
            lambda: iam.put_group_policy(
                GroupName="developers",
                PolicyName="s3-everything",
                PolicyDocument=policy({"Effect": "Allow", "Action": "s3:*", "Resource": "*"}),
            ),
        )

        # Roles anyone, or a foreign account without an external id, can assume.
        arn = self.step(
            g,
            "role public-trust",
            lambda: iam.create_role(
                RoleName="public-trust", AssumeRolePolicyDocument=trust({"AWS": "*"})
            )["Role"]["Arn"],
        )
        self.record(None, "iam", "role_public_trust", arn)
        arn = self.step(
            g,
            "role partner-access",
            lambda: iam.create_role(
                RoleName="partner-access",
                AssumeRolePolicyDocument=trust({"AWS": "arn:aws:iam::999999999999:root"}),
            )["Role"]["Arn"],
        )
        self.record(None, "iam", "role_cross_account_no_external_id", arn)
        if admin:
            self.step(
                g,
                "attach FullAdmin to partner-access",
                lambda: iam.attach_role_policy(RoleName="partner-access", PolicyArn=admin),
            )

        # moto reports every server certificate as expiring in 2012; the body is expired too.
        def upload() -> str:
            body, key = expired_certificate()
            return iam.upload_server_certificate(
                ServerCertificateName="legacy-expired",
                CertificateBody=body,
                PrivateKey=key,
            )["ServerCertificateMetadata"]["Arn"]

        self.record(
            None,
            "iam",
            "server_certificate_expired",
            self.step(g, "expired server certificate", upload),
        )

    def seed_account_contacts(self) -> None:
        account = self.client("account")
        for kind in ("SECURITY", "OPERATIONS", "BILLING"):
            self.step(
                "global",
                f"alternate contact {kind}",
                lambda k=kind: account.put_alternate_contact(
                    AlternateContactType=k,
                    Name=f"{k.title()} Team",
                    Title=f"{k.title()} lead",
                    EmailAddress=f"{k.lower()}@example.com",
                    PhoneNumber="+10000000000",
                ),
            )
        self.record(None, "account", "alternate_contacts", ["SECURITY", "OPERATIONS", "BILLING"])

    # -- regional ---------------------------------------------------------------------------

    def seed_region(self, region: str) -> None:
        self.seed_kms(region)
        self.seed_s3(region)
        self.seed_ec2(region)
        self.seed_network_extras(region)
        if region == self.home:
            self.seed_monitoring(region)
            self.seed_cloudtrail(region)
        if self.good:
            self.seed_config(region)
            self.seed_securityhub(region)
        self.seed_guardduty(region)
        self.seed_macie(region)
        self.seed_rds(region)
        self.seed_lambda_and_secrets(region)
        self.seed_elbv2(region)
        self.seed_efs(region)
        self.seed_sqs_sns(region)
        self.seed_dynamodb(region)
        self.seed_ecr_ecs(region)
        self.seed_more_ec2(region)
        self.seed_more_storage(region)
        if region == self.home:
            self.seed_rds_engines(region)

    def seed_kms(self, region: str) -> None:
        kms = self.client("kms", region)
        if self.good:
            key = self.step(
                region,
                "kms key stance-data",
                lambda: kms.create_key(
                    Description="stance data key",
                    KeyUsage="ENCRYPT_DECRYPT",
                    KeySpec="SYMMETRIC_DEFAULT",
                )["KeyMetadata"],
            )
            if key:
                self.step(
                    region, "kms rotation on", lambda: kms.enable_key_rotation(KeyId=key["KeyId"])
                )
                self.step(
                    region,
                    "kms alias",
                    lambda: kms.create_alias(
                        AliasName="alias/stance-data", TargetKeyId=key["KeyId"]
                    ),
                )
                self.kms_key_arn[region] = key["Arn"]
                self.record(region, "kms", "key_rotation_on", key["Arn"])
            return
        key = self.step(
            region,
            "kms key legacy-data",
            lambda: kms.create_key(Description="legacy data key")["KeyMetadata"],
        )
        if key:
            self.step(
                region,
                "kms alias",
                lambda: kms.create_alias(AliasName="alias/legacy-data", TargetKeyId=key["KeyId"]),
            )
            self.kms_key_arn[region] = key["Arn"]
            self.record(region, "kms", "key_rotation_off", key["Arn"])
        shared = self.step(
            region,
            "kms key with public policy",
            lambda: kms.create_key(
                Description="key anyone may use",
                Policy=policy(
                    {
                        "Sid": "Root",
                        "Effect": "Allow",
                        "Principal": {"AWS": f"arn:aws:iam::{self.account}:root"},
                        "Action": "kms:*",
                        "Resource": "*",
                    },
                    {
                        "Sid": "Everyone",
                        "Effect": "Allow",
                        "Principal": "*",
                        "Action": ["kms:Decrypt", "kms:Encrypt"],
                        "Resource": "*",
                    },
                ),
            )["KeyMetadata"]["Arn"],
        )
        self.record(region, "kms", "key_public_policy", shared)
        retired = self.step(
            region,
            "kms key scheduled for deletion",
            lambda: kms.create_key(Description="retired key still in use")["KeyMetadata"]["KeyId"],
        )
        if retired:
            self.step(
                region,
                "kms schedule deletion",
                lambda: kms.schedule_key_deletion(KeyId=retired, PendingWindowInDays=7),
            )
        self.record(region, "kms", "key_pending_deletion", retired)

    def seed_s3(self, region: str) -> None:
        s3 = self.client("s3", region)
        location = (
            {}
            if region == "us-east-1"
            else {"CreateBucketConfiguration": {"LocationConstraint": region}}
        )

        def create(name: str) -> str | None:
            done = self.step(
                region, f"bucket {name}", lambda: s3.create_bucket(Bucket=name, **location)
            )
            return name if done else None

        logs = self.bucket_name(region, "logs")
        if self.good:
            data = self.bucket_name(region, "data")
            create(logs)
            create(data)
            key = self.kms_key_arn.get(region)
            # Logs bucket: receives S3 access logs, CloudTrail, Config and flow logs. moto
            # checks the logging grant statement by exact Resource, and reads Principal as a
            # dict, so the log-delivery statement comes first.
            self.step(
                region,
                "logs bucket policy",
                lambda: s3.put_bucket_policy(
                    Bucket=logs,
                    Policy=policy(
                        {
                            "Sid": "S3ServerAccessLogs",
                            "Effect": "Allow",
                            "Principal": {"Service": "logging.s3.amazonaws.com"},
                            "Action": ["s3:PutObject"],
                            "Resource": f"arn:aws:s3:::{logs}/*",
                        },
                        {
                            "Sid": "AWSLogDeliveryAclCheck",
                            "Effect": "Allow",
                            "Principal": {
                                "Service": [
                                    "cloudtrail.amazonaws.com",
                                    "config.amazonaws.com",
                                    "delivery.logs.amazonaws.com",
                                ]
                            },
                            "Action": "s3:GetBucketAcl",
                            "Resource": f"arn:aws:s3:::{logs}",
                        },
                        {
                            "Sid": "AWSLogDeliveryWrite",
                            "Effect": "Allow",
                            "Principal": {
                                "Service": [
                                    "cloudtrail.amazonaws.com",
                                    "config.amazonaws.com",
                                    "delivery.logs.amazonaws.com",
                                ]
                            },
                            "Action": "s3:PutObject",
                            "Resource": f"arn:aws:s3:::{logs}/AWSLogs/{self.account}/*",
                        },
                        deny_insecure_transport(logs),
                    ),
                ),
            )
            self.step(
                region,
                "data bucket policy (TLS only)",
                lambda: s3.put_bucket_policy(
                    Bucket=data, Policy=policy(deny_insecure_transport(data))
                ),
            )
            for bucket in (logs, data):
                self.step(
                    region,
                    f"{bucket} public access block",
                    lambda b=bucket: s3.put_public_access_block(
                        Bucket=b, PublicAccessBlockConfiguration=ALL_FOUR_PAB
                    ),
                )
                self.step(
                    region,
                    f"{bucket} SSE-KMS",
                    lambda b=bucket: s3.put_bucket_encryption(
                        Bucket=b,
                        ServerSideEncryptionConfiguration={
                            "Rules": [
                                {
                                    "ApplyServerSideEncryptionByDefault": {
                                        "SSEAlgorithm": "aws:kms",
                                        "KMSMasterKeyID": key or "alias/aws/s3",
                                    },
                                    "BucketKeyEnabled": True,
                                }
                            ]
                        },
                    ),
                )
                self.step(
                    region,
                    f"{bucket} versioning",
                    lambda b=bucket: s3.put_bucket_versioning(
                        Bucket=b, VersioningConfiguration={"Status": "Enabled"}
                    ),
                )
                self.step(
                    region,
                    f"{bucket} ownership",
                    lambda b=bucket: s3.put_bucket_ownership_controls(
                        Bucket=b,
                        OwnershipControls={"Rules": [{"ObjectOwnership": "BucketOwnerEnforced"}]},
                    ),
                )
                self.step(
                    region,
                    f"{bucket} lifecycle",
                    lambda b=bucket: s3.put_bucket_lifecycle_configuration(
                        Bucket=b,
                        LifecycleConfiguration={
                            "Rules": [
                                {
                                    "ID": "expire-noncurrent",
                                    "Status": "Enabled",
                                    "Filter": {"Prefix": ""},
                                    "NoncurrentVersionExpiration": {"NoncurrentDays": 90},
                                    "AbortIncompleteMultipartUpload": {"DaysAfterInitiation": 7},
                                }
                            ]
                        },
                    ),
                )
                self.step(
                    region,
                    f"{bucket} access logging",
                    lambda b=bucket: s3.put_bucket_logging(
                        Bucket=b,
                        BucketLoggingStatus={
                            "LoggingEnabled": {"TargetBucket": logs, "TargetPrefix": ""}
                        },
                    ),
                )
            self.record(region, "s3", "bucket_hardened", data)
            self.record(region, "s3", "bucket_logs", logs)
            return

        public = self.bucket_name(region, "public")
        create(public)
        create(logs)
        self.step(
            region,
            "public bucket ownership ObjectWriter",
            lambda: s3.put_bucket_ownership_controls(
                Bucket=public, OwnershipControls={"Rules": [{"ObjectOwnership": "ObjectWriter"}]}
            ),
        )
        self.step(
            region,
            "public bucket ACL public-read",
            lambda: s3.put_bucket_acl(Bucket=public, ACL="public-read"),
        )
        self.step(
            region,
            "public bucket policy",
            lambda: s3.put_bucket_policy(
                Bucket=public,
                Policy=policy(
                    {
                        "Sid": "PublicRead",
                        "Effect": "Allow",
                        "Principal": "*",
                        "Action": "s3:GetObject",
                        "Resource": f"arn:aws:s3:::{public}/*",
                    },
                    {
                        "Sid": "PublicUpload",
                        "Effect": "Allow",
                        "Principal": "*",
                        "Action": "s3:PutObject",
                        "Resource": f"arn:aws:s3:::{public}/uploads/*",
                    },
                    {
                        "Sid": "PartnerManagesAccess",
                        "Effect": "Allow",
                        "Principal": {"AWS": "arn:aws:iam::999999999999:root"},
                        "Action": ["s3:PutBucketPolicy", "s3:PutBucketAcl"],
                        "Resource": f"arn:aws:s3:::{public}",
                    },
                ),
            ),
        )
        self.step(
            region,
            "logs bucket policy (no TLS condition)",
            lambda: s3.put_bucket_policy(
                Bucket=logs,
                Policy=policy(
                    {
                        "Sid": "AWSCloudTrailAclCheck",
                        "Effect": "Allow",
                        "Principal": {"Service": "cloudtrail.amazonaws.com"},
                        "Action": "s3:GetBucketAcl",
                        "Resource": f"arn:aws:s3:::{logs}",
                    },
                    {
                        "Sid": "AWSCloudTrailWrite",
                        "Effect": "Allow",
                        "Principal": {"Service": "cloudtrail.amazonaws.com"},
                        "Action": "s3:PutObject",
                        "Resource": f"arn:aws:s3:::{logs}/AWSLogs/*",
                    },
                ),
            ),
        )
        self.record(region, "s3", "bucket_public", public)
        self.record(region, "s3", "bucket_logs", logs)

    def seed_ec2(self, region: str) -> None:
        ec2 = self.client("ec2", region)
        out: dict[str, Any] = {}
        key = self.kms_key_arn.get(region)
        second = 2 if self.good else 3
        cidr = f"10.{second}{'0' if region == self.home else '1'}.0.0/16"
        vpc = self.step(region, "vpc", lambda: ec2.create_vpc(CidrBlock=cidr)["Vpc"]["VpcId"])
        if not vpc:
            return
        self.step(
            region,
            "vpc name tag",
            lambda: ec2.create_tags(
                Resources=[vpc], Tags=[{"Key": "Name", "Value": f"stance-{self.out['profile']}"}]
            ),
        )
        out["vpc"] = vpc
        base = cidr.rsplit(".", 2)[0]
        subnets = [
            self.step(
                region,
                f"subnet {az}",
                lambda az=az, i=i: ec2.create_subnet(
                    VpcId=vpc, CidrBlock=f"{base}.{i * 16}.0/20", AvailabilityZone=f"{region}{az}"
                )["Subnet"]["SubnetId"],
            )
            for i, az in enumerate("ab")
        ]
        out["subnets"] = subnets
        igw = self.step(
            region,
            "internet gateway",
            lambda: ec2.create_internet_gateway()["InternetGateway"]["InternetGatewayId"],
        )
        if igw:
            self.step(
                region,
                "attach igw",
                lambda: ec2.attach_internet_gateway(InternetGatewayId=igw, VpcId=vpc),
            )
        vpcs = [v["VpcId"] for v in ec2.describe_vpcs()["Vpcs"]]
        out["all_vpcs"] = vpcs
        default_sgs = ec2.describe_security_groups(
            Filters=[{"Name": "group-name", "Values": ["default"]}]
        )["SecurityGroups"]
        default_nacls = ec2.describe_network_acls(
            Filters=[{"Name": "default", "Values": ["true"]}]
        )["NetworkAcls"]

        if self.good:
            # CIS: flow logs on every VPC, the default VPC included.
            logs = self.bucket_name(region, "logs")
            flow = self.step(
                region,
                "flow logs on every vpc",
                lambda: ec2.create_flow_logs(
                    ResourceIds=vpcs,
                    ResourceType="VPC",
                    TrafficType="ALL",
                    LogDestinationType="s3",
                    LogDestination=f"arn:aws:s3:::{logs}",
                ),
            )
            if flow:
                for failure in flow.get("Unsuccessful", []):
                    self.run.step(f"{self.account}/{region}", "flow log", _raise(failure))
                out["flow_logs"] = flow.get("FlowLogIds", [])
            # CIS: default security groups restrict all traffic.
            for sg in default_sgs:
                if sg["IpPermissions"]:
                    self.step(
                        region,
                        f"empty default sg ingress {sg['GroupId']}",
                        lambda sg=sg: ec2.revoke_security_group_ingress(
                            GroupId=sg["GroupId"], IpPermissions=sg["IpPermissions"]
                        ),
                    )
                if sg["IpPermissionsEgress"]:
                    self.step(
                        region,
                        f"empty default sg egress {sg['GroupId']}",
                        lambda sg=sg: ec2.revoke_security_group_egress(
                            GroupId=sg["GroupId"], IpPermissions=sg["IpPermissionsEgress"]
                        ),
                    )
            out["default_sgs_emptied"] = [sg["GroupId"] for sg in default_sgs]
            # CIS: no NACL lets the internet reach 22/3389. Default NACLs allow everything at
            # rule 100: narrow that rule to HTTPS plus return traffic (Prowler also fails any
            # NACL open on every port) and deny the admin ports ahead of it (rule order decides).
            for nacl in default_nacls:
                acl = nacl["NetworkAclId"]
                self.step(
                    region,
                    f"nacl narrow rule 100 {acl}",
                    lambda a=acl: ec2.replace_network_acl_entry(
                        NetworkAclId=a,
                        RuleNumber=100,
                        Protocol="6",
                        RuleAction="allow",
                        Egress=False,
                        CidrBlock="0.0.0.0/0",
                        PortRange={"From": 443, "To": 443},
                    ),
                )
                self.step(
                    region,
                    f"nacl ephemeral {acl}",
                    lambda a=acl: ec2.create_network_acl_entry(
                        NetworkAclId=a,
                        RuleNumber=110,
                        Protocol="6",
                        RuleAction="allow",
                        Egress=False,
                        CidrBlock="0.0.0.0/0",
                        PortRange={"From": 1024, "To": 65535},
                    ),
                )
                self.step(
                    region,
                    f"nacl internal {acl}",
                    lambda a=acl: ec2.create_network_acl_entry(
                        NetworkAclId=a,
                        RuleNumber=120,
                        Protocol="-1",
                        RuleAction="allow",
                        Egress=False,
                        CidrBlock="10.0.0.0/8",
                    ),
                )
                for number, port, cidr_key, cidr_value in (
                    (10, 22, "CidrBlock", "0.0.0.0/0"),
                    (11, 3389, "CidrBlock", "0.0.0.0/0"),
                    (12, 22, "Ipv6CidrBlock", "::/0"),
                    (13, 3389, "Ipv6CidrBlock", "::/0"),
                ):
                    self.step(
                        region,
                        f"nacl deny {port} {cidr_value} {nacl['NetworkAclId']}",
                        lambda n=nacl, r=number, p=port, k=cidr_key, v=cidr_value: (
                            ec2.create_network_acl_entry(
                                NetworkAclId=n["NetworkAclId"],
                                RuleNumber=r,
                                Protocol="6",
                                RuleAction="deny",
                                Egress=False,
                                PortRange={"From": p, "To": p},
                                **{k: v},
                            )
                        ),
                    )
            out["default_nacls_hardened"] = [n["NetworkAclId"] for n in default_nacls]
            app_sg = self.step(
                region,
                "sg app-https",
                lambda: ec2.create_security_group(
                    GroupName="app-https",
                    Description="HTTPS from anywhere, SSH from the VPN",
                    VpcId=vpc,
                )["GroupId"],
            )
            if app_sg:
                self.step(
                    region,
                    "app-https rules",
                    lambda: ec2.authorize_security_group_ingress(
                        GroupId=app_sg,
                        IpPermissions=[
                            {
                                "IpProtocol": "tcp",
                                "FromPort": 443,
                                "ToPort": 443,
                                "IpRanges": [{"CidrIp": "0.0.0.0/0"}],
                                "Ipv6Ranges": [{"CidrIpv6": "::/0"}],
                            },
                            {
                                "IpProtocol": "tcp",
                                "FromPort": 22,
                                "ToPort": 22,
                                "IpRanges": [{"CidrIp": "10.0.0.0/8", "Description": "VPN"}],
                            },
                        ],
                    ),
                )
            out["sg_app"] = app_sg
            self.step(
                region, "ebs encryption by default", lambda: ec2.enable_ebs_encryption_by_default()
            )
            out["ebs_encryption_by_default"] = True
            instance = self.step(
                region,
                "instance imdsv2",
                lambda: ec2.run_instances(
                    ImageId="ami-0a1b2c3d4e5f60001",
                    InstanceType="t3.micro",
                    MinCount=1,
                    MaxCount=1,
                    SubnetId=subnets[0],
                    SecurityGroupIds=[app_sg] if app_sg else [],
                    MetadataOptions={
                        "HttpTokens": "required",
                        "HttpEndpoint": "enabled",
                        "HttpPutResponseHopLimit": 1,
                    },
                    IamInstanceProfile={"Name": "ec2-app"},
                    BlockDeviceMappings=[
                        {
                            "DeviceName": "/dev/xvda",
                            "Ebs": {
                                "VolumeSize": 8,
                                "Encrypted": True,
                                **({"KmsKeyId": key} if key else {}),
                            },
                        }
                    ],
                    TagSpecifications=[
                        {
                            "ResourceType": "instance",
                            "Tags": [{"Key": "Name", "Value": "stance-imdsv2"}],
                        }
                    ],
                )["Instances"][0]["InstanceId"],
            )
            out["instance_imdsv2_required"] = instance
            volume = self.step(
                region,
                "encrypted volume",
                lambda: ec2.create_volume(
                    AvailabilityZone=f"{region}a",
                    Size=10,
                    VolumeType="gp3",
                    Encrypted=True,
                    **({"KmsKeyId": key} if key else {}),
                )["VolumeId"],
            )
            out["volume_encrypted"] = volume
            if volume:
                out["snapshot_private_encrypted"] = self.step(
                    region,
                    "private snapshot",
                    lambda: ec2.create_snapshot(
                        VolumeId=volume, Description="stance encrypted backup"
                    )["SnapshotId"],
                )
            self.out["regions"][region]["ec2"] = out
            return

        # Misconfigured: world-open admin ports, permissive NACL, IMDSv1, plaintext and public
        # storage; default security groups keep their default rules and no VPC has flow logs.
        open_sg = self.step(
            region,
            "sg open-admin",
            lambda: ec2.create_security_group(
                GroupName="open-admin", Description="SSH and RDP from anywhere", VpcId=vpc
            )["GroupId"],
        )
        if open_sg:
            self.step(
                region,
                "open-admin rules",
                lambda: ec2.authorize_security_group_ingress(
                    GroupId=open_sg,
                    IpPermissions=[
                        {
                            "IpProtocol": "tcp",
                            "FromPort": 22,
                            "ToPort": 22,
                            "IpRanges": [{"CidrIp": "0.0.0.0/0"}],
                            "Ipv6Ranges": [{"CidrIpv6": "::/0"}],
                        },
                        {
                            "IpProtocol": "tcp",
                            "FromPort": 3389,
                            "ToPort": 3389,
                            "IpRanges": [{"CidrIp": "0.0.0.0/0"}],
                        },
                        {
                            "IpProtocol": "tcp",
                            "FromPort": 445,
                            "ToPort": 445,
                            "IpRanges": [{"CidrIp": "0.0.0.0/0"}],
                        },
                    ],
                ),
            )
        out["sg_open_admin"] = open_sg
        db_sg = self.step(
            region,
            "sg db-open",
            lambda: ec2.create_security_group(
                GroupName="db-open", Description="MySQL from anywhere", VpcId=vpc
            )["GroupId"],
        )
        if db_sg:
            self.step(
                region,
                "db-open rules",
                lambda: ec2.authorize_security_group_ingress(
                    GroupId=db_sg,
                    IpPermissions=[
                        {
                            "IpProtocol": "tcp",
                            "FromPort": 3306,
                            "ToPort": 3306,
                            "IpRanges": [{"CidrIp": "0.0.0.0/0"}],
                        }
                    ],
                ),
            )
        out["sg_db_open"] = db_sg
        # AWS creates default groups with a self-referencing allow-all ingress rule; moto
        # leaves it out, so add it back to get the real default state.
        for sg in default_sgs:
            if not sg["IpPermissions"]:
                self.step(
                    region,
                    f"default sg self-reference {sg['GroupId']}",
                    lambda sg=sg: ec2.authorize_security_group_ingress(
                        GroupId=sg["GroupId"],
                        IpPermissions=[
                            {"IpProtocol": "-1", "UserIdGroupPairs": [{"GroupId": sg["GroupId"]}]}
                        ],
                    ),
                )
        out["default_sgs"] = [sg["GroupId"] for sg in default_sgs]
        nacl = self.step(
            region,
            "nacl open-ssh",
            lambda: ec2.create_network_acl(VpcId=vpc)["NetworkAcl"]["NetworkAclId"],
        )
        if nacl:
            self.step(
                region,
                "nacl allow 22 from anywhere",
                lambda: ec2.create_network_acl_entry(
                    NetworkAclId=nacl,
                    RuleNumber=100,
                    Protocol="6",
                    RuleAction="allow",
                    Egress=False,
                    CidrBlock="0.0.0.0/0",
                    PortRange={"From": 22, "To": 22},
                ),
            )
            self.step(
                region,
                "nacl allow all egress",
                lambda: ec2.create_network_acl_entry(
                    NetworkAclId=nacl,
                    RuleNumber=100,
                    Protocol="-1",
                    RuleAction="allow",
                    Egress=True,
                    CidrBlock="0.0.0.0/0",
                ),
            )
            self.step(
                region, "nacl associate subnet", lambda: _associate_nacl(ec2, nacl, subnets[0])
            )
        out["nacl_open_ssh"] = nacl
        # Public subnets: a default route to the internet gateway (what scanners look for
        # before calling an instance or database internet-exposed).
        route_table = self.step(
            region,
            "public route table",
            lambda: ec2.create_route_table(VpcId=vpc)["RouteTable"]["RouteTableId"],
        )
        if route_table and igw:
            self.step(
                region,
                "default route to igw",
                lambda: ec2.create_route(
                    RouteTableId=route_table, DestinationCidrBlock="0.0.0.0/0", GatewayId=igw
                ),
            )
            for subnet in filter(None, subnets):
                self.step(
                    region,
                    f"route table for {subnet}",
                    lambda s=subnet: ec2.associate_route_table(
                        RouteTableId=route_table, SubnetId=s
                    ),
                )
        out["route_table_public"] = route_table
        if subnets[0]:
            self.step(
                region,
                "subnet public ip on launch",
                lambda: ec2.modify_subnet_attribute(
                    SubnetId=subnets[0], MapPublicIpOnLaunch={"Value": True}
                ),
            )
        instance = self.step(
            region,
            "instance imdsv1",
            lambda: ec2.run_instances(
                ImageId="ami-0a1b2c3d4e5f60002",
                InstanceType="t3.micro",
                MinCount=1,
                MaxCount=1,
                SubnetId=subnets[0],
                SecurityGroupIds=[open_sg] if open_sg else [],
                MetadataOptions={"HttpTokens": "optional", "HttpEndpoint": "enabled"},
                TagSpecifications=[
                    {
                        "ResourceType": "instance",
                        "Tags": [{"Key": "Name", "Value": "legacy-imdsv1"}],
                    }
                ],
            )["Instances"][0]["InstanceId"],
        )
        out["instance_imdsv1"] = instance
        volume = self.step(
            region,
            "plaintext volume",
            lambda: ec2.create_volume(
                AvailabilityZone=f"{region}a", Size=10, VolumeType="gp2", Encrypted=False
            )["VolumeId"],
        )
        out["volume_unencrypted"] = volume
        if volume:
            snapshot = self.step(
                region,
                "snapshot",
                lambda: ec2.create_snapshot(VolumeId=volume, Description="legacy backup")[
                    "SnapshotId"
                ],
            )
            if snapshot:
                self.step(
                    region,
                    "snapshot public",
                    lambda: ec2.modify_snapshot_attribute(
                        SnapshotId=snapshot,
                        Attribute="createVolumePermission",
                        OperationType="add",
                        GroupNames=["all"],
                    ),
                )
                image = self.step(
                    region,
                    "ami from snapshot",
                    lambda: ec2.register_image(
                        Name="legacy-public-ami",
                        RootDeviceName="/dev/xvda",
                        VirtualizationType="hvm",
                        Architecture="x86_64",
                        BlockDeviceMappings=[
                            {"DeviceName": "/dev/xvda", "Ebs": {"SnapshotId": snapshot}}
                        ],
                    )["ImageId"],
                )
                if image:
                    self.step(
                        region,
                        "ami public",
                        lambda: ec2.modify_image_attribute(
                            ImageId=image, LaunchPermission={"Add": [{"Group": "all"}]}
                        ),
                    )
                out["ami_public"] = image
            out["snapshot_public"] = snapshot
        self.out["regions"][region]["ec2"] = out

    def seed_network_extras(self, region: str) -> None:
        """Subnet launch settings, NACL use, VPC peering routes and a second network interface."""
        ec2 = self.client("ec2", region)
        net = self.out["regions"][region].setdefault("ec2", {})
        vpc = net.get("vpc")
        subnets = [x for x in net.get("subnets", []) if x]
        if not vpc or len(subnets) < 2:
            return
        default_vpc = next((v for v in net.get("all_vpcs", []) if v != vpc), None)
        if self.good:
            # No subnet hands out public IPs on launch: the default VPC's subnets do by default.
            public_on_launch = [
                sn["SubnetId"]
                for sn in ec2.describe_subnets()["Subnets"]
                if sn.get("MapPublicIpOnLaunch")
            ]
            for subnet in public_on_launch:
                self.step(
                    region,
                    f"no public ip on launch {subnet}",
                    lambda s=subnet: ec2.modify_subnet_attribute(
                        SubnetId=s, MapPublicIpOnLaunch={"Value": False}
                    ),
                )
            net["subnets_public_ip_off"] = public_on_launch
            # A custom NACL in use: the private subnet's, open only to the VPC range.
            nacl = self.step(
                region,
                "nacl private",
                lambda: ec2.create_network_acl(VpcId=vpc)["NetworkAcl"]["NetworkAclId"],
            )
            if nacl:
                for egress in (False, True):
                    self.step(
                        region,
                        f"nacl private allow internal egress={egress}",
                        lambda e=egress: ec2.create_network_acl_entry(
                            NetworkAclId=nacl,
                            RuleNumber=100,
                            Protocol="-1",
                            RuleAction="allow",
                            Egress=e,
                            CidrBlock="10.0.0.0/8",
                        ),
                    )
                self.step(
                    region,
                    "nacl private associate subnet",
                    lambda: _associate_nacl(ec2, nacl, subnets[1]),
                )
            net["nacl_private_in_use"] = nacl
        else:
            net["nacl_unused"] = self.step(
                region,
                "nacl unused",
                lambda: ec2.create_network_acl(VpcId=vpc)["NetworkAcl"]["NetworkAclId"],
            )
            # A second interface on the instance, with source/destination checking off.
            instance = net.get("instance_imdsv1")
            eni = self.step(
                region,
                "eni no source/dest check",
                lambda: ec2.create_network_interface(
                    SubnetId=subnets[0], Description="legacy router"
                )["NetworkInterface"]["NetworkInterfaceId"],
            )
            if eni:
                self.step(
                    region,
                    "eni source/dest check off",
                    lambda: ec2.modify_network_interface_attribute(
                        NetworkInterfaceId=eni, SourceDestCheck={"Value": False}
                    ),
                )
                if instance:
                    self.step(
                        region,
                        "eni attach as second interface",
                        lambda: ec2.attach_network_interface(
                            NetworkInterfaceId=eni, InstanceId=instance, DeviceIndex=1
                        ),
                    )
            net["eni_second_no_source_dest_check"] = eni
        # VPC peering with the default VPC (home region): A routes only the peer's /16, B sends
        # all of 10.0.0.0/8 through it.
        if region != self.home or not default_vpc:
            return
        peering = self.step(
            region,
            "vpc peering with the default vpc",
            lambda: ec2.create_vpc_peering_connection(VpcId=vpc, PeerVpcId=default_vpc)[
                "VpcPeeringConnection"
            ]["VpcPeeringConnectionId"],
        )
        if not peering:
            return
        self.step(
            region,
            "accept vpc peering",
            lambda: ec2.accept_vpc_peering_connection(VpcPeeringConnectionId=peering),
        )
        route_table = net.get("route_table_public") or self.step(
            region,
            "private route table",
            lambda: ec2.create_route_table(VpcId=vpc)["RouteTable"]["RouteTableId"],
        )
        destination = "172.31.0.0/16" if self.good else "10.0.0.0/8"
        if route_table:
            self.step(
                region,
                f"route {destination} via peering",
                lambda: ec2.create_route(
                    RouteTableId=route_table,
                    DestinationCidrBlock=destination,
                    VpcPeeringConnectionId=peering,
                ),
            )
        net["vpc_peering"] = {
            "id": peering,
            "route_table": route_table,
            "destination": destination,
        }

    def seed_monitoring(self, region: str) -> None:
        """CloudTrail's log group, and in A the CIS metric filters, alarms and alert topic."""
        logs = self.client("logs", region)
        key = self.kms_key_arn.get(region)
        group = "/stance/cloudtrail"
        self.step(
            region,
            "log group for cloudtrail",
            lambda: logs.create_log_group(
                logGroupName=group, **({"kmsKeyId": key} if key and self.good else {})
            ),
        )
        if self.good:
            self.step(
                region,
                "log group retention",
                lambda: logs.put_retention_policy(logGroupName=group, retentionInDays=365),
            )
        self.record(
            region,
            "logs",
            "cloudtrail_log_group",
            f"arn:aws:logs:{region}:{self.account}:log-group:{group}",
        )
        if not self.good:
            return
        sns = self.client("sns", region)
        topic = self.step(
            region,
            "sns topic stance-security-alerts",
            lambda: sns.create_topic(
                Name="stance-security-alerts", Attributes={"KmsMasterKeyId": key} if key else {}
            )["TopicArn"],
        )
        if topic:
            self.step(
                region,
                "sns email subscription",
                lambda: sns.subscribe(
                    TopicArn=topic, Protocol="email", Endpoint="security@example.com"
                ),
            )
        self.record(region, "sns", "alerts_topic", topic)
        cloudwatch = self.client("cloudwatch", region)
        for name, pattern in CIS_METRIC_FILTERS.items():
            self.step(
                region,
                f"metric filter {name}",
                lambda n=name, p=pattern: logs.put_metric_filter(
                    logGroupName=group,
                    filterName=f"cis-{n}",
                    filterPattern=p,
                    metricTransformations=[
                        {
                            "metricName": n,
                            "metricNamespace": CIS_METRIC_NAMESPACE,
                            "metricValue": "1",
                        }
                    ],
                ),
            )
            self.step(
                region,
                f"alarm {name}",
                lambda n=name: cloudwatch.put_metric_alarm(
                    AlarmName=f"cis-{n}",
                    MetricName=n,
                    Namespace=CIS_METRIC_NAMESPACE,
                    Statistic="Sum",
                    Period=300,
                    EvaluationPeriods=1,
                    Threshold=1,
                    ComparisonOperator="GreaterThanOrEqualToThreshold",
                    ActionsEnabled=True,
                    AlarmActions=[topic] if topic else [],
                ),
            )
        self.record(
            region, "logs", "cis_metric_filters", sorted(f"cis-{n}" for n in CIS_METRIC_FILTERS)
        )

    def seed_cloudtrail(self, region: str) -> None:
        ct = self.client("cloudtrail", region)
        logs_bucket = self.bucket_name(region, "logs")
        if self.good:
            arn = self.step(
                region,
                "multi-region trail",
                lambda: ct.create_trail(
                    Name="stance-management-events",
                    S3BucketName=logs_bucket,
                    IsMultiRegionTrail=True,
                    IncludeGlobalServiceEvents=True,
                    EnableLogFileValidation=True,
                    KmsKeyId=self.kms_key_arn.get(region, "alias/stance-data"),
                    CloudWatchLogsLogGroupArn=f"arn:aws:logs:{region}:{self.account}:log-group:/stance/cloudtrail:*",
                    CloudWatchLogsRoleArn=f"arn:aws:iam::{self.account}:role/cloudtrail-to-cloudwatch",
                )["TrailARN"],
            )
            if arn:
                self.step(
                    region,
                    "trail event selectors",
                    lambda: ct.put_event_selectors(
                        TrailName="stance-management-events",
                        EventSelectors=[
                            {
                                "ReadWriteType": "All",
                                "IncludeManagementEvents": True,
                                "DataResources": [
                                    {"Type": "AWS::S3::Object", "Values": ["arn:aws:s3"]}
                                ],
                            }
                        ],
                    ),
                )
                self.step(
                    region,
                    "trail start logging",
                    lambda: ct.start_logging(Name="stance-management-events"),
                )
            self.record(region, "cloudtrail", "trail_multi_region", arn)
            return
        arn = self.step(
            region,
            "single-region trail",
            lambda: ct.create_trail(
                Name="legacy-trail",
                S3BucketName=logs_bucket,
                IsMultiRegionTrail=False,
                IncludeGlobalServiceEvents=False,
                EnableLogFileValidation=False,
            )["TrailARN"],
        )
        # Never started: moto creates trails not logging, like AWS's CreateTrail API.
        self.record(region, "cloudtrail", "trail_single_region_not_logging", arn)

    def seed_config(self, region: str) -> None:
        config = self.client("config", region)
        self.step(
            region,
            "config recorder",
            lambda: config.put_configuration_recorder(
                ConfigurationRecorder={
                    "name": "default",
                    "roleARN": f"arn:aws:iam::{self.account}:role/config-recorder",
                    "recordingGroup": {"allSupported": True, "includeGlobalResourceTypes": True},
                }
            ),
        )
        self.step(
            region,
            "config delivery channel",
            lambda: config.put_delivery_channel(
                DeliveryChannel={
                    "name": "default",
                    "s3BucketName": self.bucket_name(region, "logs"),
                }
            ),
        )
        self.step(
            region,
            "config start recorder",
            lambda: config.start_configuration_recorder(ConfigurationRecorderName="default"),
        )
        self.record(region, "config", "recorder", "default")

    def seed_guardduty(self, region: str) -> None:
        # A: a detector with every protection plan and runtime agent on. B: none in the home
        # region, and elsewhere a detector with every plan off.
        if not self.good and region == self.home:
            return
        status = "ENABLED" if self.good else "DISABLED"
        agents = ("EKS_ADDON_MANAGEMENT", "ECS_FARGATE_AGENT_MANAGEMENT", "EC2_AGENT_MANAGEMENT")
        features = [
            {"Name": name, "Status": status}
            for name in (
                "S3_DATA_EVENTS",
                "EKS_AUDIT_LOGS",
                "EBS_MALWARE_PROTECTION",
                "RDS_LOGIN_EVENTS",
                "LAMBDA_NETWORK_LOGS",
            )
        ] + [
            {
                "Name": "RUNTIME_MONITORING",
                "Status": status,
                "AdditionalConfiguration": [{"Name": a, "Status": status} for a in agents],
            }
        ]
        gd = self.client("guardduty", region)
        detector = self.step(
            region,
            f"guardduty detector (protection plans {status.lower()})",
            lambda: gd.create_detector(
                Enable=True, FindingPublishingFrequency="FIFTEEN_MINUTES", Features=features
            )["DetectorId"],
        )
        self.record(
            region,
            "guardduty",
            "detector" if self.good else "detector_plans_disabled",
            detector,
        )

    def seed_macie(self, region: str) -> None:
        # moto starts every account and region with Macie enabled; B turns it off.
        if self.good:
            self.record(region, "macie2", "session", "ENABLED (moto default)")
            return
        macie = self.client("macie2", region)
        if self.step(region, "macie disable", lambda: macie.disable_macie()) is not None:
            self.record(region, "macie2", "session", "disabled")

    def seed_securityhub(self, region: str) -> None:
        hub = self.client("securityhub", region)
        done = self.step(
            region, "security hub", lambda: hub.enable_security_hub(EnableDefaultStandards=True)
        )
        if done is not None:
            self.record(
                region,
                "securityhub",
                "hub",
                f"arn:aws:securityhub:{region}:{self.account}:hub/default",
            )

    def seed_rds(self, region: str) -> None:
        rds = self.client("rds", region)
        if self.good:
            key = self.kms_key_arn.get(region)
            arn = self.step(
                region,
                "rds encrypted private multi-az",
                lambda: rds.create_db_instance(
                    DBInstanceIdentifier="stance-db",
                    DBInstanceClass="db.t3.micro",
                    Engine="postgres",
                    MasterUsername="stance",
                    MasterUserPassword="not-a-real-password-1",
                    AllocatedStorage=20,
                    StorageEncrypted=True,
                    **({"KmsKeyId": key} if key else {}),
                    PubliclyAccessible=False,
                    MultiAZ=True,
                    DeletionProtection=True,
                    BackupRetentionPeriod=7,
                    AutoMinorVersionUpgrade=True,
                    EnableIAMDatabaseAuthentication=True,
                    CopyTagsToSnapshot=True,
                    Port=5433,
                    EnableCloudwatchLogsExports=["postgresql", "upgrade"],
                )["DBInstance"]["DBInstanceArn"],
            )
            self.record(region, "rds", "instance_hardened", arn)
            return
        # Public in the sense scanners check: publicly accessible, in the VPC's public
        # subnets, behind a security group open to the internet on the database port.
        network = self.out["regions"][region].get("ec2", {})
        placement: dict[str, Any] = {}
        subnets = [x for x in network.get("subnets", []) if x]
        if len(subnets) >= 2 and self.step(
            region,
            "rds subnet group",
            lambda: rds.create_db_subnet_group(
                DBSubnetGroupName="legacy-public",
                DBSubnetGroupDescription="public subnets",
                SubnetIds=subnets,
            ),
        ):
            placement["DBSubnetGroupName"] = "legacy-public"
        if network.get("sg_db_open"):
            placement["VpcSecurityGroupIds"] = [network["sg_db_open"]]
        arn = self.step(
            region,
            "rds unencrypted public",
            lambda: rds.create_db_instance(
                DBInstanceIdentifier="legacy-db",
                DBInstanceClass="db.t3.micro",
                Engine="mysql",
                MasterUsername="admin",
                MasterUserPassword="not-a-real-password-2",
                AllocatedStorage=20,
                StorageEncrypted=False,
                PubliclyAccessible=True,
                MultiAZ=False,
                DeletionProtection=False,
                BackupRetentionPeriod=0,
                AutoMinorVersionUpgrade=False,
                **placement,
            )["DBInstance"]["DBInstanceArn"],
        )
        self.record(region, "rds", "instance_public_unencrypted", arn)

    def seed_lambda_and_secrets(self, region: str) -> None:
        lam = self.client("lambda", region)
        sm = self.client("secretsmanager", region)
        role = f"arn:aws:iam::{self.account}:role/lambda-exec"
        # VPC-attached: in two zones (A) or one (B).
        network = self.out["regions"][region].get("ec2", {})
        subnets = [x for x in network.get("subnets", []) if x]
        group = network.get("sg_app" if self.good else "sg_open_admin")
        vpc_config = (
            {
                "VpcConfig": {
                    "SubnetIds": subnets if self.good else subnets[:1],
                    "SecurityGroupIds": [group],
                }
            }
            if subnets and group
            else {}
        )
        if self.good:
            fn = self.step(
                region,
                "lambda stance-rotator",
                lambda: lam.create_function(
                    FunctionName="stance-rotator",
                    Runtime="python3.12",
                    Role=role,
                    Handler="index.handler",
                    Code={"ZipFile": lambda_zip()},
                    TracingConfig={"Mode": "Active"},
                    **vpc_config,
                )["FunctionArn"],
            )
            self.record(region, "lambda", "function_private", fn)
            secret = self.step(
                region,
                "secret with rotation",
                lambda: sm.create_secret(
                    Name="stance/db-credentials",
                    SecretString='{"password":"placeholder"}',
                    **(
                        {"KmsKeyId": self.kms_key_arn[region]} if region in self.kms_key_arn else {}
                    ),
                )["ARN"],
            )
            if secret and fn:
                # RotateImmediately=False: moto then invokes only the testSecret step, which
                # fails quietly without Docker (one line on moto's stderr) and keeps the rotation.
                self.step(
                    region,
                    "secret rotation",
                    lambda: sm.rotate_secret(
                        SecretId=secret,
                        RotationLambdaARN=fn,
                        RotateImmediately=False,
                        RotationRules={"AutomaticallyAfterDays": 30},
                    ),
                )
            self.record(region, "secretsmanager", "secret_rotated", secret)
            return
        fn = self.step(
            region,
            "lambda public-fn",
            lambda: lam.create_function(
                FunctionName="public-fn",
                Runtime="python3.8",
                Role=role,
                Handler="index.handler",
                Code={"ZipFile": lambda_zip()},
                Environment={"Variables": {"DB_PASSWORD": "placeholder-not-a-secret"}},
                **vpc_config,
            )["FunctionArn"],
        )
        if fn:
            self.step(
                region,
                "lambda public permission",
                lambda: lam.add_permission(
                    FunctionName="public-fn",
                    StatementId="public-invoke",
                    Action="lambda:InvokeFunction",
                    Principal="*",
                ),
            )
            self.step(
                region,
                "lambda public url",
                lambda: lam.create_function_url_config(FunctionName="public-fn", AuthType="NONE"),
            )
        self.record(region, "lambda", "function_public", fn)
        secret = self.step(
            region,
            "secret without rotation",
            lambda: sm.create_secret(Name="legacy/api-key", SecretString="placeholder")["ARN"],
        )
        self.record(region, "secretsmanager", "secret_not_rotated", secret)

    def seed_elbv2(self, region: str) -> None:
        resources = self.out["regions"][region].get("ec2", {})
        subnets = [s for s in resources.get("subnets", []) if s]
        vpc = resources.get("vpc")
        if len(subnets) < 2 or not vpc:
            return
        elb = self.client("elbv2", region)
        name = "stance-alb" if self.good else "legacy-alb"
        sg = resources.get("sg_app" if self.good else "sg_open_admin")
        lb = self.step(
            region,
            f"alb {name}",
            lambda: elb.create_load_balancer(
                Name=name,
                Subnets=subnets,
                Scheme="internet-facing",
                Type="application",
                **({"SecurityGroups": [sg]} if sg else {}),
            )["LoadBalancers"][0]["LoadBalancerArn"],
        )
        if not lb:
            return
        tg = self.step(
            region,
            "target group",
            lambda: elb.create_target_group(
                Name=f"{name}-web",
                Protocol="HTTP",
                Port=80,
                VpcId=vpc,
                TargetType="instance",
            )["TargetGroups"][0]["TargetGroupArn"],
        )
        if self.good:
            self.step(
                region,
                "alb attributes",
                lambda: elb.modify_load_balancer_attributes(
                    LoadBalancerArn=lb,
                    Attributes=[
                        {"Key": "routing.http.drop_invalid_header_fields.enabled", "Value": "true"},
                        {"Key": "deletion_protection.enabled", "Value": "true"},
                        {"Key": "routing.http.desync_mitigation_mode", "Value": "strictest"},
                        {"Key": "access_logs.s3.enabled", "Value": "true"},
                        {
                            "Key": "access_logs.s3.bucket",
                            "Value": self.bucket_name(region, "logs"),
                        },
                    ],
                ),
            )
            acm = self.client("acm", region)
            cert = self.step(
                region,
                "acm certificate",
                lambda: acm.request_certificate(
                    DomainName="app.example.com", ValidationMethod="DNS"
                )["CertificateArn"],
            )
            if cert and tg:
                self.step(
                    region,
                    "https listener",
                    lambda: elb.create_listener(
                        LoadBalancerArn=lb,
                        Protocol="HTTPS",
                        Port=443,
                        SslPolicy="ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
                        Certificates=[{"CertificateArn": cert}],
                        DefaultActions=[{"Type": "forward", "TargetGroupArn": tg}],
                    ),
                )
            self.record(region, "elb", "acm_certificate", cert)
            # HTTPS only (FSBP ELB.18 counts even a redirecting HTTP listener as clear text).
            self.record(region, "elbv2", "alb_https_only", lb)
            return
        self.step(
            region,
            "alb desync mitigation monitor",
            lambda: elb.modify_load_balancer_attributes(
                LoadBalancerArn=lb,
                Attributes=[{"Key": "routing.http.desync_mitigation_mode", "Value": "monitor"}],
            ),
        )
        acm = self.client("acm", region)
        cert = self.step(
            region,
            "acm certificate",
            lambda: acm.request_certificate(
                DomainName="legacy.example.com", ValidationMethod="DNS"
            )["CertificateArn"],
        )
        if cert and tg:
            self.step(
                region,
                "https listener with an outdated policy",
                lambda: elb.create_listener(
                    LoadBalancerArn=lb,
                    Protocol="HTTPS",
                    Port=443,
                    SslPolicy="ELBSecurityPolicy-2016-08",
                    Certificates=[{"CertificateArn": cert}],
                    DefaultActions=[{"Type": "forward", "TargetGroupArn": tg}],
                ),
            )
        # A Network Load Balancer in a single zone.
        self.record(
            region,
            "elbv2",
            "nlb_single_az",
            self.step(
                region,
                "nlb legacy-nlb in one subnet",
                lambda: elb.create_load_balancer(
                    Name="legacy-nlb", Subnets=subnets[:1], Scheme="internal", Type="network"
                )["LoadBalancers"][0]["LoadBalancerArn"],
            ),
        )
        if tg:
            self.step(
                region,
                "plain http listener",
                lambda: elb.create_listener(
                    LoadBalancerArn=lb,
                    Protocol="HTTP",
                    Port=80,
                    DefaultActions=[{"Type": "forward", "TargetGroupArn": tg}],
                ),
            )
        self.record(region, "elbv2", "alb_http_only", lb)

    def seed_efs(self, region: str) -> None:
        efs = self.client("efs", region)
        if self.good:
            key = self.kms_key_arn.get(region)
            fs = self.step(
                region,
                "efs encrypted",
                lambda: efs.create_file_system(
                    CreationToken="stance-efs",
                    Encrypted=True,
                    Backup=True,
                    **({"KmsKeyId": key} if key else {}),
                    Tags=[{"Key": "Name", "Value": "stance-efs"}],
                )["FileSystemId"],
            )
            self.record(region, "efs", "file_system_encrypted", fs)
            return
        fs = self.step(
            region,
            "efs unencrypted",
            lambda: efs.create_file_system(
                CreationToken="legacy-efs",
                Encrypted=False,
                Tags=[{"Key": "Name", "Value": "legacy-efs"}],
            )["FileSystemId"],
        )
        self.record(region, "efs", "file_system_unencrypted", fs)
        # A mount target in the subnet that hands out public IPs.
        subnet = (self.out["regions"][region].get("ec2", {}).get("subnets") or [None])[0]
        if fs and subnet:
            self.record(
                region,
                "efs",
                "mount_target_public_subnet",
                self.step(
                    region,
                    "efs mount target in a public subnet",
                    lambda: efs.create_mount_target(FileSystemId=fs, SubnetId=subnet)[
                        "MountTargetId"
                    ],
                ),
            )

    def seed_sqs_sns(self, region: str) -> None:
        sqs = self.client("sqs", region)
        sns = self.client("sns", region)
        if self.good:
            key = self.kms_key_arn.get(region, "alias/aws/sqs")
            url = self.step(
                region,
                "sqs encrypted",
                lambda: sqs.create_queue(
                    QueueName="stance-orders", Attributes={"KmsMasterKeyId": key}
                )["QueueUrl"],
            )
            self.record(
                region,
                "sqs",
                "queue_encrypted",
                url and {"url": url, "arn": f"arn:aws:sqs:{region}:{self.account}:stance-orders"},
            )
            return
        url = self.step(
            region,
            "sqs plaintext public",
            lambda: sqs.create_queue(
                QueueName="legacy-orders", Attributes={"SqsManagedSseEnabled": "false"}
            )["QueueUrl"],
        )
        if url:
            arn = f"arn:aws:sqs:{region}:{self.account}:legacy-orders"
            self.step(
                region,
                "sqs public policy",
                lambda: sqs.set_queue_attributes(
                    QueueUrl=url,
                    Attributes={
                        "Policy": policy(
                            {
                                "Sid": "Anyone",
                                "Effect": "Allow",
                                "Principal": "*",
                                "Action": ["sqs:SendMessage", "sqs:ReceiveMessage"],
                                "Resource": arn,
                            }
                        )
                    },
                ),
            )
        self.record(
            region,
            "sqs",
            "queue_public_unencrypted",
            url and {"url": url, "arn": f"arn:aws:sqs:{region}:{self.account}:legacy-orders"},
        )
        topic = self.step(
            region,
            "sns topic public",
            lambda: sns.create_topic(Name="legacy-notifications")["TopicArn"],
        )
        if topic:
            self.step(
                region,
                "sns public policy",
                lambda: sns.set_topic_attributes(
                    TopicArn=topic,
                    AttributeName="Policy",
                    AttributeValue=policy(
                        {
                            "Sid": "Anyone",
                            "Effect": "Allow",
                            "Principal": {"AWS": "*"},
                            "Action": ["sns:Publish", "sns:Subscribe"],
                            "Resource": topic,
                        }
                    ),
                ),
            )
        self.record(region, "sns", "topic_public_unencrypted", topic)

    def seed_dynamodb(self, region: str) -> None:
        ddb = self.client("dynamodb", region)
        table = {
            "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}],
            "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}],
            "BillingMode": "PAY_PER_REQUEST",
        }
        if self.good:
            key = self.kms_key_arn.get(region)
            arn = self.step(
                region,
                "dynamodb table protected",
                lambda: ddb.create_table(
                    TableName="stance-orders",
                    DeletionProtectionEnabled=True,
                    SSESpecification={
                        "Enabled": True,
                        "SSEType": "KMS",
                        **({"KMSMasterKeyId": key} if key else {}),
                    },
                    **table,
                )["TableDescription"]["TableArn"],
            )
            if arn:
                self.step(
                    region,
                    "dynamodb pitr",
                    lambda: ddb.update_continuous_backups(
                        TableName="stance-orders",
                        PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": True},
                    ),
                )
            self.record(region, "dynamodb", "table_pitr_deletion_protection", arn)
            return
        arn = self.step(
            region,
            "dynamodb table unprotected",
            lambda: ddb.create_table(
                TableName="legacy-sessions",
                DeletionProtectionEnabled=False,
                # Provisioned capacity without auto scaling.
                **{
                    **table,
                    "BillingMode": "PROVISIONED",
                    "ProvisionedThroughput": {"ReadCapacityUnits": 5, "WriteCapacityUnits": 5},
                },
            )["TableDescription"]["TableArn"],
        )
        self.record(region, "dynamodb", "table_unprotected", arn)

    def seed_ecr_ecs(self, region: str) -> None:
        ecr = self.client("ecr", region)
        ecs = self.client("ecs", region)
        if self.good:
            repo = self.step(
                region,
                "ecr immutable scan-on-push",
                lambda: ecr.create_repository(
                    repositoryName="stance-app",
                    imageTagMutability="IMMUTABLE",
                    imageScanningConfiguration={"scanOnPush": True},
                    encryptionConfiguration={"encryptionType": "KMS"},
                )["repository"]["repositoryArn"],
            )
            if repo:
                self.step(
                    region,
                    "ecr lifecycle policy",
                    lambda: ecr.put_lifecycle_policy(
                        repositoryName="stance-app",
                        lifecyclePolicyText=json.dumps(
                            {
                                "rules": [
                                    {
                                        "rulePriority": 1,
                                        "description": "keep the last 30 images",
                                        "selection": {
                                            "tagStatus": "any",
                                            "countType": "imageCountMoreThan",
                                            "countNumber": 30,
                                        },
                                        "action": {"type": "expire"},
                                    }
                                ]
                            }
                        ),
                    ),
                )
            self.record(region, "ecr", "repository_hardened", repo)
            task = self.step(
                region,
                "ecs task definition unprivileged",
                lambda: ecs.register_task_definition(
                    family="stance-web",
                    networkMode="awsvpc",
                    requiresCompatibilities=["FARGATE"],
                    cpu="256",
                    memory="512",
                    containerDefinitions=[
                        {
                            "name": "web",
                            "image": "public.ecr.aws/nginx/nginx:stable",
                            "essential": True,
                            "privileged": False,
                            "readonlyRootFilesystem": True,
                            "user": "1000",
                            "portMappings": [{"containerPort": 8080}],
                            "logConfiguration": ECS_AWSLOGS,
                        }
                    ],
                )["taskDefinition"]["taskDefinitionArn"],
            )
            self.record(region, "ecs", "task_definition_unprivileged", task)
            self.record(
                region,
                "ecs",
                "task_definition_host_network_non_root",
                self.step(
                    region,
                    "ecs task definition host network non-root",
                    lambda: ecs.register_task_definition(
                        family="stance-agent",
                        networkMode="host",
                        requiresCompatibilities=["EC2"],
                        containerDefinitions=[
                            {
                                "name": "agent",
                                "image": "public.ecr.aws/aws-observability/aws-otel-collector",
                                "essential": True,
                                "memory": 128,
                                "privileged": False,
                                "readonlyRootFilesystem": True,
                                "user": "1000:1000",
                                "logConfiguration": ECS_AWSLOGS,
                            }
                        ],
                    )["taskDefinition"]["taskDefinitionArn"],
                ),
            )
            return
        repo = self.step(
            region,
            "ecr mutable no scan",
            lambda: ecr.create_repository(
                repositoryName="legacy-app",
                imageTagMutability="MUTABLE",
                imageScanningConfiguration={"scanOnPush": False},
            )["repository"]["repositoryArn"],
        )
        if repo:
            self.step(
                region,
                "ecr public repository policy",
                lambda: ecr.set_repository_policy(
                    repositoryName="legacy-app",
                    policyText=policy(
                        {
                            "Sid": "AnyonePull",
                            "Effect": "Allow",
                            "Principal": "*",
                            "Action": ["ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"],
                        }
                    ),
                ),
            )
        self.record(region, "ecr", "repository_public_mutable", repo)
        task = self.step(
            region,
            "ecs task definition privileged",
            lambda: ecs.register_task_definition(
                family="legacy-web",
                networkMode="bridge",
                containerDefinitions=[
                    {
                        "name": "web",
                        "image": "nginx:latest",
                        "essential": True,
                        "memory": 256,
                        "privileged": True,
                        "user": "root",
                        "environment": [{"name": "API_TOKEN", "value": "placeholder-not-a-secret"}],
                    }
                ],
            )["taskDefinition"]["taskDefinitionArn"],
        )
        self.record(region, "ecs", "task_definition_privileged", task)
        self.record(
            region,
            "ecs",
            "task_definition_host_network_root_host_pid",
            self.step(
                region,
                "ecs task definition host network as root, host pid",
                lambda: ecs.register_task_definition(
                    family="legacy-agent",
                    networkMode="host",
                    pidMode="host",
                    containerDefinitions=[
                        {
                            "name": "agent",
                            "image": "datadog/agent:latest",
                            "essential": True,
                            "memory": 256,
                            "user": "root",
                        }
                    ],
                )["taskDefinition"]["taskDefinitionArn"],
            ),
        )

    def seed_more_ec2(self, region: str) -> None:
        """Launch templates, VPC endpoints, transit gateways, classic ELB, ECS clusters."""
        ec2 = self.client("ec2", region)
        net = self.out["regions"][region].setdefault("ec2", {})
        vpc = net.get("vpc")
        subnets = [x for x in net.get("subnets", []) if x]
        if self.good:
            template = self.step(
                region,
                "launch template hardened",
                lambda: ec2.create_launch_template(
                    LaunchTemplateName="stance-app",
                    LaunchTemplateData={
                        "MetadataOptions": {"HttpTokens": "required", "HttpEndpoint": "enabled"},
                        "BlockDeviceMappings": [
                            {"DeviceName": "/dev/xvda", "Ebs": {"Encrypted": True, "VolumeSize": 8}}
                        ],
                        "NetworkInterfaces": [
                            {"DeviceIndex": 0, "AssociatePublicIpAddress": False}
                        ],
                    },
                )["LaunchTemplate"]["LaunchTemplateId"],
            )
            net["launch_template_hardened"] = template
            if vpc:
                net["vpc_endpoint_s3"] = self.step(
                    region,
                    "vpc endpoint s3",
                    lambda: ec2.create_vpc_endpoint(
                        VpcId=vpc,
                        ServiceName=f"com.amazonaws.{region}.s3",
                        VpcEndpointType="Gateway",
                    )["VpcEndpoint"]["VpcEndpointId"],
                )
            # FSBP EC2.10/55-58/60: interface endpoints for these services in every VPC (the
            # default VPC included).
            endpoints: dict[str, list[str]] = {}
            for each in net.get("all_vpcs", [vpc] if vpc else []):
                in_vpc = subnets[:1] if each == vpc else []
                for service in INTERFACE_ENDPOINT_SERVICES:
                    endpoint = self.step(
                        region,
                        f"vpc endpoint {service} in {each}",
                        lambda e=each, s=service, sn=in_vpc: ec2.create_vpc_endpoint(
                            VpcId=e,
                            ServiceName=f"com.amazonaws.{region}.{s}",
                            VpcEndpointType="Interface",
                            **({"SubnetIds": sn} if sn else {}),
                            PrivateDnsEnabled=True,
                        )["VpcEndpoint"]["VpcEndpointId"],
                    )
                    if endpoint:
                        endpoints.setdefault(service, []).append(endpoint)
            net["vpc_endpoints_interface"] = endpoints
            net["vpc_endpoint_ec2"] = (endpoints.get("ec2") or [None])[0]
            net["transit_gateway"] = self.step(
                region,
                "transit gateway manual accept",
                lambda: ec2.create_transit_gateway(
                    Description="stance",
                    Options={"AutoAcceptSharedAttachments": "disable"},
                )["TransitGateway"]["TransitGatewayId"],
            )
            cert = self.out["regions"][region].get("elb", {}).get("acm_certificate")
            if region == self.home and cert and len(subnets) >= 2:
                self.seed_classic_elb_compliant(region, subnets, cert)
        else:
            template = self.step(
                region,
                "launch template weak",
                lambda: ec2.create_launch_template(
                    LaunchTemplateName="legacy-app",
                    LaunchTemplateData={
                        "MetadataOptions": {"HttpTokens": "optional", "HttpEndpoint": "enabled"},
                        "BlockDeviceMappings": [
                            {
                                "DeviceName": "/dev/xvda",
                                "Ebs": {"Encrypted": False, "VolumeSize": 8},
                            }
                        ],
                        "NetworkInterfaces": [{"DeviceIndex": 0, "AssociatePublicIpAddress": True}],
                    },
                )["LaunchTemplate"]["LaunchTemplateId"],
            )
            net["launch_template_weak"] = template
            net["transit_gateway"] = self.step(
                region,
                "transit gateway auto accept",
                lambda: ec2.create_transit_gateway(
                    Description="legacy",
                    Options={"AutoAcceptSharedAttachments": "enable"},
                )["TransitGateway"]["TransitGatewayId"],
            )
            if subnets:
                elb = self.client("elb", region)
                if self.step(
                    region,
                    "classic elb http",
                    lambda: elb.create_load_balancer(
                        LoadBalancerName="legacy-clb",
                        Subnets=subnets[:1],
                        AvailabilityZones=[f"{region}a"],
                        Scheme="internet-facing",
                        Listeners=[
                            {
                                "Protocol": "HTTP",
                                "LoadBalancerPort": 80,
                                "InstanceProtocol": "HTTP",
                                "InstancePort": 80,
                            }
                        ],
                    ),
                ):
                    net["classic_elb_http"] = "legacy-clb"
                    # Plus HTTPS with the expired IAM certificate and no negotiation policy.
                    certificate = self.out["global"].get("iam", {}).get(
                        "server_certificate_expired"
                    )
                    if certificate:
                        self.step(
                            region,
                            "classic elb https with an iam certificate",
                            lambda: elb.create_load_balancer_listeners(
                                LoadBalancerName="legacy-clb",
                                Listeners=[
                                    {
                                        "Protocol": "HTTPS",
                                        "LoadBalancerPort": 443,
                                        "InstanceProtocol": "HTTP",
                                        "InstancePort": 80,
                                        "SSLCertificateId": certificate,
                                    }
                                ],
                            ),
                        )
                    self.step(
                        region,
                        "classic elb desync mitigation monitor",
                        lambda: elb.modify_load_balancer_attributes(
                            LoadBalancerName="legacy-clb",
                            LoadBalancerAttributes={
                                "AdditionalAttributes": [
                                    {"Key": "elb.http.desyncmitigationmode", "Value": "monitor"}
                                ]
                            },
                        ),
                    )
        ecs = self.client("ecs", region)
        name = "stance" if self.good else "legacy"
        settings = [{"name": "containerInsights", "value": "enabled" if self.good else "disabled"}]
        self.record(
            region,
            "ecs",
            "cluster",
            self.step(
                region,
                f"ecs cluster {name}",
                lambda: ecs.create_cluster(clusterName=name, settings=settings)["cluster"][
                    "clusterArn"
                ],
            ),
        )
        # A Fargate service: latest platform, private IPs (A); an old platform handing out
        # public IPs (B).
        group = net.get("sg_app" if self.good else "sg_open_admin")
        if subnets and group:
            service = self.step(
                region,
                f"ecs service {name}-web",
                lambda: ecs.create_service(
                    cluster=name,
                    serviceName=f"{name}-web",
                    taskDefinition=f"{name}-web",
                    desiredCount=1,
                    launchType="FARGATE",
                    platformVersion="1.4.0" if self.good else "1.3.0",
                    networkConfiguration={
                        "awsvpcConfiguration": {
                            "subnets": subnets[-1:] if self.good else subnets[:1],
                            "securityGroups": [group],
                            "assignPublicIp": "DISABLED" if self.good else "ENABLED",
                        }
                    },
                )["service"]["serviceArn"],
            )
            kind = "service_private" if self.good else "service_public"
            self.record(region, "ecs", kind, service)

    def seed_classic_elb_compliant(self, region: str, subnets: list[str], cert: str) -> None:
        """A Classic Load Balancer that passes every FSBP ELB control: HTTPS only with an ACM
        certificate and the TLS 1.2 reference policy, two zones, cross-zone, connection
        draining, access logs, defensive desync mitigation."""
        elb = self.client("elb", region)
        name = "stance-clb"
        created = self.step(
            region,
            "classic elb https",
            lambda: elb.create_load_balancer(
                LoadBalancerName=name,
                Subnets=subnets[:2],
                # moto derives no zones from subnets; AWS reports the subnets' zones.
                AvailabilityZones=[f"{region}a", f"{region}b"],
                Scheme="internal",
                Listeners=[
                    {
                        "Protocol": "HTTPS",
                        "LoadBalancerPort": 443,
                        "InstanceProtocol": "HTTPS",
                        "InstancePort": 443,
                        "SSLCertificateId": cert,
                    }
                ],
            ),
        )
        if not created:
            return
        self.step(
            region,
            "classic elb tls policy",
            lambda: elb.create_load_balancer_policy(
                LoadBalancerName=name,
                PolicyName="stance-tls-1-2",
                PolicyTypeName="SSLNegotiationPolicyType",
                PolicyAttributes=[
                    {
                        "AttributeName": "Reference-Security-Policy",
                        "AttributeValue": "ELBSecurityPolicy-TLS-1-2-2017-01",
                    }
                ],
            ),
        )
        self.step(
            region,
            "classic elb listener policy",
            lambda: elb.set_load_balancer_policies_of_listener(
                LoadBalancerName=name, LoadBalancerPort=443, PolicyNames=["stance-tls-1-2"]
            ),
        )
        self.step(
            region,
            "classic elb attributes",
            lambda: elb.modify_load_balancer_attributes(
                LoadBalancerName=name,
                LoadBalancerAttributes={
                    "CrossZoneLoadBalancing": {"Enabled": True},
                    "ConnectionDraining": {"Enabled": True, "Timeout": 300},
                    "AccessLog": {
                        "Enabled": True,
                        "S3BucketName": self.bucket_name(region, "logs"),
                        "EmitInterval": 60,
                    },
                    "AdditionalAttributes": [
                        {"Key": "elb.http.desyncmitigationmode", "Value": "defensive"}
                    ],
                },
            ),
        )
        self.out["regions"][region].setdefault("ec2", {})["classic_elb_https"] = name

    def cluster_instances(
        self, rds: Any, region: str, cluster: str, engine: str, label: str
    ) -> None:
        """A writer and a reader in two zones: what makes an Aurora cluster multi-AZ."""
        for index, zone in enumerate("ab", start=1):
            self.step(
                region,
                f"{label} instance {index}",
                lambda i=index, z=zone: rds.create_db_instance(
                    DBInstanceIdentifier=f"{cluster}-{i}",
                    DBClusterIdentifier=cluster,
                    DBInstanceClass="db.r6g.large",
                    Engine=engine,
                    AvailabilityZone=f"{region}{z}",
                    PubliclyAccessible=False,
                    AutoMinorVersionUpgrade=True,
                    EnableIAMDatabaseAuthentication=True,
                ),
            )

    def seed_more_storage(self, region: str) -> None:
        """EFS access points, an Aurora cluster and RDS snapshot, DAX, S3 access points."""
        efs = self.client("efs", region)
        fs = self.out["regions"][region].get("efs", {})
        fs_id = fs.get("file_system_encrypted") or fs.get("file_system_unencrypted")
        if fs_id:
            kwargs: dict[str, Any] = {"RootDirectory": {"Path": "/"}}
            if self.good:
                kwargs = {
                    "PosixUser": {"Uid": 1000, "Gid": 1000},
                    "RootDirectory": {
                        "Path": "/app",
                        "CreationInfo": {"OwnerUid": 1000, "OwnerGid": 1000, "Permissions": "750"},
                    },
                }
            self.record(
                region,
                "efs",
                "access_point",
                self.step(
                    region,
                    "efs access point",
                    lambda: efs.create_access_point(
                        FileSystemId=fs_id, ClientToken=f"{fs_id}-ap", **kwargs
                    )["AccessPointArn"],
                ),
            )

        rds = self.client("rds", region)
        key = self.kms_key_arn.get(region)
        if self.good:
            self.record(
                region,
                "rds",
                "cluster_hardened",
                self.step(
                    region,
                    "aurora cluster encrypted",
                    lambda: rds.create_db_cluster(
                        DBClusterIdentifier="stance-aurora",
                        Engine="aurora-postgresql",
                        MasterUsername="stance",
                        MasterUserPassword="not-a-real-password-3",
                        StorageEncrypted=True,
                        **({"KmsKeyId": key} if key else {}),
                        DeletionProtection=True,
                        EnableIAMDatabaseAuthentication=True,
                        BackupRetentionPeriod=7,
                        CopyTagsToSnapshot=True,
                        Port=5433,
                        EnableCloudwatchLogsExports=["postgresql"],
                    )["DBCluster"]["DBClusterArn"],
                ),
            )
            self.cluster_instances(rds, region, "stance-aurora", "aurora-postgresql", "aurora")
            topic = self.out["regions"][region].get("sns", {}).get("alerts_topic")
            if topic:
                self.record(
                    region,
                    "rds",
                    "event_subscription",
                    self.step(
                        region,
                        "rds event subscription",
                        lambda: rds.create_event_subscription(
                            SubscriptionName="stance-rds-events",
                            SnsTopicArn=topic,
                            SourceType="db-instance",
                            EventCategories=["maintenance", "configuration change", "failure"],
                            Enabled=True,
                        )["EventSubscription"]["CustSubscriptionId"],
                    ),
                )
        else:
            self.record(
                region,
                "rds",
                "cluster_unencrypted",
                self.step(
                    region,
                    "aurora cluster plaintext",
                    lambda: rds.create_db_cluster(
                        DBClusterIdentifier="legacy-aurora",
                        Engine="aurora-mysql",
                        MasterUsername="admin",
                        MasterUserPassword="not-a-real-password-4",
                        StorageEncrypted=False,
                        DeletionProtection=False,
                        BackupRetentionPeriod=1,
                    )["DBCluster"]["DBClusterArn"],
                ),
            )
            if self.out["regions"][region].get("rds", {}).get("instance_public_unencrypted"):
                snapshot = self.step(
                    region,
                    "rds snapshot",
                    lambda: rds.create_db_snapshot(
                        DBInstanceIdentifier="legacy-db",
                        DBSnapshotIdentifier="legacy-db-manual",
                    )["DBSnapshot"]["DBSnapshotArn"],
                )
                if snapshot:
                    self.step(
                        region,
                        "rds snapshot public",
                        lambda: rds.modify_db_snapshot_attribute(
                            DBSnapshotIdentifier="legacy-db-manual",
                            AttributeName="restore",
                            ValuesToAdd=["all"],
                        ),
                    )
                self.record(region, "rds", "snapshot_public", snapshot)

        dax = self.client("dax", region)
        name = "stance-dax" if self.good else "legacy-dax"
        self.record(
            region,
            "dax",
            "cluster",
            self.step(
                region,
                f"dax cluster {name}",
                lambda: dax.create_cluster(
                    ClusterName=name,
                    NodeType="dax.t3.small",
                    ReplicationFactor=1,
                    IamRoleArn=f"arn:aws:iam::{self.account}:role/lambda-exec",
                    SSESpecification={"Enabled": self.good},
                    ClusterEndpointEncryptionType="TLS" if self.good else "NONE",
                )["Cluster"]["ClusterArn"],
            ),
        )

        s3control = self.client("s3control", region)
        bucket = self.bucket_name(region, "data" if self.good else "public")
        point = f"{'stance' if self.good else 'legacy'}-{region}-ap"
        self.record(
            region,
            "s3control",
            "access_point",
            self.step(
                region,
                f"s3 access point {point}",
                lambda: s3control.create_access_point(
                    AccountId=self.account,
                    Name=point,
                    Bucket=bucket,
                    PublicAccessBlockConfiguration={k: self.good for k in ALL_FOUR_PAB},
                )["AccessPointArn"],
            ),
        )


    def seed_rds_engines(self, region: str) -> None:
        """Home region: one DB of each engine family the engine-specific RDS controls judge
        (Aurora MySQL, Aurora PostgreSQL, Multi-AZ DB clusters of MySQL and PostgreSQL,
        MariaDB, SQL Server), event subscriptions per source type, and an RDS Proxy."""
        rds = self.client("rds", region)
        good = self.good
        prefix = "stance" if good else "legacy"
        key = self.kms_key_arn.get(region)
        network = self.out["regions"][region].get("ec2", {})
        subnets = [x for x in network.get("subnets", []) if x]
        out: dict[str, Any] = self.out["regions"][region].setdefault("rds", {})
        # Hardening every DB here shares (A), or lacks (B).
        hardened: dict[str, Any] = (
            {
                "StorageEncrypted": True,
                **({"KmsKeyId": key} if key else {}),
                "DeletionProtection": True,
                "CopyTagsToSnapshot": True,
                "BackupRetentionPeriod": 7,
            }
            if good
            else {"StorageEncrypted": False, "DeletionProtection": False}
        )
        user = {"MasterUsername": "stance" if good else "admin"}

        def parameter_group(name: str, family: str, cluster: bool, values: dict[str, str]) -> Any:
            params = [
                {"ParameterName": k, "ParameterValue": v, "ApplyMethod": "pending-reboot"}
                for k, v in values.items()
            ]
            if cluster:
                self.step(
                    region,
                    f"cluster parameter group {name}",
                    lambda: rds.create_db_cluster_parameter_group(
                        DBClusterParameterGroupName=name,
                        DBParameterGroupFamily=family,
                        Description=name,
                    ),
                )
                return self.step(
                    region,
                    f"cluster parameters {name}",
                    lambda: rds.modify_db_cluster_parameter_group(
                        DBClusterParameterGroupName=name, Parameters=params
                    ),
                )
            self.step(
                region,
                f"parameter group {name}",
                lambda: rds.create_db_parameter_group(
                    DBParameterGroupName=name, DBParameterGroupFamily=family, Description=name
                ),
            )
            return self.step(
                region,
                f"parameters {name}",
                lambda: rds.modify_db_parameter_group(DBParameterGroupName=name, Parameters=params),
            )

        # Aurora MySQL: audit logging on and exported, backtracking (A); none of it (B).
        audit = {"server_audit_logging": "1", "server_audit_events": "CONNECT,QUERY"}
        parameter_group(
            f"{prefix}-aurora-mysql",
            "aurora-mysql8.0",
            True,
            audit if good else {"server_audit_logging": "0", "server_audit_events": ""},
        )
        out["aurora_mysql_cluster"] = self.step(
            region,
            "aurora mysql cluster",
            lambda: rds.create_db_cluster(
                DBClusterIdentifier=f"{prefix}-aurora-mysql",
                Engine="aurora-mysql",
                MasterUserPassword="not-a-real-password-5",
                DBClusterParameterGroupName=f"{prefix}-aurora-mysql",
                **user,
                **hardened,
                **(
                    {
                        "EnableIAMDatabaseAuthentication": True,
                        "BacktrackWindow": 86400,
                        "EnableCloudwatchLogsExports": ["audit", "error", "general", "slowquery"],
                        "Port": 3307,
                    }
                    if good
                    else {}
                ),
            )["DBCluster"]["DBClusterArn"],
        )
        if good:
            self.cluster_instances(
                rds, region, "stance-aurora-mysql", "aurora-mysql", "aurora mysql"
            )
        else:
            # Aurora PostgreSQL that exports no logs (A's stance-aurora exports them).
            out["aurora_postgres_cluster_no_logs"] = self.step(
                region,
                "aurora postgresql cluster without log exports",
                lambda: rds.create_db_cluster(
                    DBClusterIdentifier="legacy-aurora-pg",
                    Engine="aurora-postgresql",
                    MasterUserPassword="not-a-real-password-6",
                    **user,
                    **hardened,
                )["DBCluster"]["DBClusterArn"],
            )
            # RDS for PostgreSQL that exports no logs (A's stance-db exports them).
            out["instance_postgres_no_logs"] = self.step(
                region,
                "postgresql instance without log exports",
                lambda: rds.create_db_instance(
                    DBInstanceIdentifier="legacy-postgres",
                    DBInstanceClass="db.t3.micro",
                    Engine="postgres",
                    MasterUserPassword="not-a-real-password-9",
                    AllocatedStorage=20,
                    PubliclyAccessible=False,
                    **user,
                    **hardened,
                )["DBInstance"]["DBInstanceArn"],
            )

        # Multi-AZ DB clusters (RDS for MySQL and PostgreSQL).
        for engine, port in (("mysql", 3307), ("postgres", 5433)):
            out[f"multi_az_cluster_{engine}"] = self.step(
                region,
                f"multi-az db cluster {engine}",
                lambda e=engine, p=port: rds.create_db_cluster(
                    DBClusterIdentifier=f"{prefix}-{e}-maz",
                    Engine=e,
                    DBClusterInstanceClass="db.m6gd.large",
                    AllocatedStorage=100,
                    StorageType="io1",
                    Iops=1000,
                    MasterUserPassword="not-a-real-password-7",
                    AutoMinorVersionUpgrade=good,
                    **user,
                    **hardened,
                    # moto (like AWS until 2024) rejects IAM authentication here.
                    **({"Port": p} if good else {}),
                )["DBCluster"]["DBClusterArn"],
            )

        # MariaDB and SQL Server instances: secure transport and log exports (A), neither (B).
        for engine, version, family, parameter, on, off, logs, port in (
            (
                "mariadb",
                "10.6.14",
                "mariadb10.6",
                "require_secure_transport",
                "ON",
                "OFF",
                ["audit", "error", "general", "slowquery"],
                3307,
            ),
            (
                "sqlserver-se",
                "15.00.4345.5.v1",
                "sqlserver-se-15.0",
                "rds.force_ssl",
                "1",
                "0",
                ["agent", "error"],
                1434,
            ),
        ):
            name = f"{prefix}-{engine.split('-')[0]}"
            parameter_group(name, family, False, {parameter: on if good else off})
            out[f"instance_{engine}"] = self.step(
                region,
                f"db instance {name}",
                lambda e=engine, v=version, n=name, lg=logs, p=port: rds.create_db_instance(
                    DBInstanceIdentifier=n,
                    DBInstanceClass="db.m5.large",
                    Engine=e,
                    EngineVersion=v,
                    MasterUserPassword="not-a-real-password-8",
                    AllocatedStorage=20,
                    DBParameterGroupName=n,
                    PubliclyAccessible=False,
                    MultiAZ=good,
                    AutoMinorVersionUpgrade=good,
                    **({"LicenseModel": "license-included"} if e.startswith("sqlserver") else {}),
                    **user,
                    **hardened,
                    **(
                        {
                            "EnableCloudwatchLogsExports": lg,
                            "Port": p,
                            **(
                                {"EnableIAMDatabaseAuthentication": True}
                                if e == "mariadb"
                                else {}
                            ),
                        }
                        if good
                        else {}
                    ),
                )["DBInstance"]["DBInstanceArn"],
            )

        # Event subscriptions: A covers every source type with the categories FSBP asks for;
        # B's only subscription covers backups of DB instances.
        topic = self.out["regions"][region].get("sns", {}).get(
            "alerts_topic" if good else "topic_public_unencrypted"
        )
        if topic:
            subscriptions = (
                [
                    ("db-cluster", ["failure", "maintenance"]),
                    ("db-parameter-group", ["configuration change"]),
                    ("db-security-group", ["configuration change", "failure"]),
                ]
                if good
                else [("db-instance", ["backup"])]
            )
            out["event_subscriptions_by_source"] = [
                self.step(
                    region,
                    f"rds event subscription {source}",
                    lambda src=source, cats=categories: rds.create_event_subscription(
                        SubscriptionName=f"{prefix}-{src}-events",
                        SnsTopicArn=topic,
                        SourceType=src,
                        EventCategories=cats,
                        Enabled=True,
                    )["EventSubscription"]["CustSubscriptionId"],
                )
                for source, categories in subscriptions
            ]

        # RDS Proxy: TLS required (A) or not (B).
        secret = self.out["regions"][region].get("secretsmanager", {})
        secret_arn = secret.get("secret_rotated") or secret.get("secret_not_rotated")
        if secret_arn and subnets:
            out["proxy"] = self.step(
                region,
                f"rds proxy {prefix}-proxy",
                lambda: rds.create_db_proxy(
                    DBProxyName=f"{prefix}-proxy",
                    EngineFamily="POSTGRESQL",
                    Auth=[
                        {"AuthScheme": "SECRETS", "SecretArn": secret_arn, "IAMAuth": "REQUIRED"}
                    ],
                    RoleArn=f"arn:aws:iam::{self.account}:role/lambda-exec",
                    VpcSubnetIds=subnets,
                    RequireTLS=good,
                )["DBProxy"]["DBProxyArn"],
            )


def deny_insecure_transport(bucket: str) -> dict[str, Any]:
    return {
        "Sid": "DenyInsecureTransport",
        "Effect": "Deny",
        "Principal": "*",
        "Action": "s3:*",
        "Resource": [f"arn:aws:s3:::{bucket}", f"arn:aws:s3:::{bucket}/*"],
        "Condition": {"Bool": {"aws:SecureTransport": "false"}},
    }


def _strip_account_host_label(request: Any, **_: Any) -> None:
    request.url = re.sub(r"^(https?://)\d{12}\.", r"\1", request.url, count=1)


def _associate_nacl(ec2: Any, nacl: str, subnet: str) -> Any:
    current = ec2.describe_network_acls(
        Filters=[{"Name": "association.subnet-id", "Values": [subnet]}]
    )["NetworkAcls"]
    for acl in current:
        for assoc in acl["Associations"]:
            if assoc["SubnetId"] == subnet:
                return ec2.replace_network_acl_association(
                    AssociationId=assoc["NetworkAclAssociationId"], NetworkAclId=nacl
                )
    raise ValueError(f"no NACL association found for {subnet}")


def _raise(failure: dict[str, Any]) -> Callable[[], None]:
    def fail() -> None:
        raise ValueError(f"{failure.get('ResourceId')}: {failure.get('Error', {}).get('Message')}")

    return fail


def reset(endpoint: str) -> None:
    request = urllib.request.Request(f"{endpoint}/moto-api/reset", method="POST", data=b"")
    with urllib.request.urlopen(request, timeout=60) as response:
        response.read()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--endpoint", required=True, help="moto URL, e.g. http://127.0.0.1:5123")
    parser.add_argument("--role-name", default="StanceAudit")
    parser.add_argument(
        "--accounts",
        default="111111111111,222222222222",
        help="comma-separated; the first is compliant, the others misconfigured",
    )
    parser.add_argument(
        "--regions",
        default="us-east-1,eu-west-1",
        help="comma-separated; the first is the home region (trail, alarms)",
    )
    parser.add_argument("--manifest", help="write a JSON summary of what was created here")
    parser.add_argument("--reset", action="store_true", help="POST /moto-api/reset first")
    args = parser.parse_args(argv)

    accounts = [a.strip() for a in args.accounts.split(",") if a.strip()]
    regions = [r.strip() for r in args.regions.split(",") if r.strip()]
    if not accounts or not regions or any(not re.fullmatch(r"\d{12}", a) for a in accounts):
        parser.error("need at least one 12-digit account and one region")
    endpoint = args.endpoint.rstrip("/")
    if args.reset:
        reset(endpoint)

    started = time.monotonic()
    run = Seeder(endpoint=endpoint, role_name=args.role_name, regions=regions)
    result: dict[str, Any] = {
        "endpoint": endpoint,
        "role_name": args.role_name,
        "regions": regions,
        "home_region": regions[0],
        "accounts": {},
    }
    for index, account in enumerate(accounts):
        seeder = AccountSeeder(run, account, compliant=index == 0)
        seeder.seed_global()
        for region in regions:
            seeder.seed_region(region)
        result["accounts"][account] = seeder.out
        print(f"seeded {account} ({seeder.out['profile']}) in {', '.join(regions)}")
    result["skipped"] = run.skipped
    result["steps"] = run.steps
    elapsed = time.monotonic() - started
    print(f"{run.steps} steps, {len(run.skipped)} skipped, {elapsed:.1f}s")
    if args.manifest:
        with open(args.manifest, "w", encoding="utf-8") as handle:
            json.dump(result, handle, indent=2, sort_keys=True)
            handle.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
