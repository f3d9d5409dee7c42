#!/usr/bin/env python3
"""Seeds values that must never appear in stance's logs or outputs into one moto account:
Lambda environment variables, ECS container environment values, EC2 user data and a Secrets
Manager secret string. Prints the secret values, one per line.

Usage: seed_secrets.py --endpoint URL --account ID --role-name NAME --region REGION
"""
import argparse
import base64

import boto3

SECRETS = [
    "STANCE-CANARY-LAMBDA-ENV-7f3a9c",
    "STANCE-CANARY-ECS-ENV-91b2d4",
    "STANCE-CANARY-USERDATA-5e6f70",
    "STANCE-CANARY-SECRET-STRING-c0ffee",
]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--endpoint", required=True)
    ap.add_argument("--account", required=True)
    ap.add_argument("--role-name", required=True)
    ap.add_argument("--region", required=True)
    a = ap.parse_args()
    sts = boto3.client("sts", endpoint_url=a.endpoint, region_name=a.region)
    creds = sts.assume_role(RoleArn=f"arn:aws:iam::{a.account}:role/{a.role_name}", RoleSessionName="seed")["Credentials"]
    session = boto3.Session(
        aws_access_key_id=creds["AccessKeyId"],
        aws_secret_access_key=creds["SecretAccessKey"],
        aws_session_token=creds["SessionToken"],
        region_name=a.region,
    )
    client = lambda name: session.client(name, endpoint_url=a.endpoint)
    iam = client("iam")
    role = iam.create_role(RoleName="canary-lambda", AssumeRolePolicyDocument='{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}')["Role"]["Arn"]
    client("lambda").create_function(
        FunctionName="canary-fn", Runtime="python3.12", Role=role, Handler="index.handler",
        Code={"ZipFile": base64.b64decode("UEsFBgAAAAAAAAAAAAAAAAAAAAAAAA==")},
        Environment={"Variables": {"DB_PASSWORD": SECRETS[0]}},
    )
    client("ecs").register_task_definition(
        family="canary-task",
        containerDefinitions=[{"name": "app", "image": "nginx", "memory": 128,
                               "environment": [{"name": "API_TOKEN", "value": SECRETS[1]}]}],
    )
    ec2 = client("ec2")
    ec2.run_instances(ImageId="ami-12345678", MinCount=1, MaxCount=1, InstanceType="t3.micro", UserData=SECRETS[2])
    client("secretsmanager").create_secret(Name="canary-secret", SecretString=SECRETS[3])
    for s in SECRETS:
        print(s)


if __name__ == "__main__":
    main()
