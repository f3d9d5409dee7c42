#!/usr/bin/env python3
"""Read back the findings an endpoint's Security Hub holds, per account and region, with boto3.

Usage:
    python3 tests/support/securityhub_findings.py --endpoint http://127.0.0.1:5123 \
        --accounts 111111111111,222222222222 --regions us-east-1,eu-west-1 [--role-name NAME]

Prints one JSON object: {"<account>": {"<region>": [<finding>, ...]}} with every finding
GetFindings pages through, whole, as Security Hub returns it (so a test can compare it field by
field with what was sent).
Accounts are reached by assuming --role-name in them (moto keys its backends by the account of
the credentials), or with the caller's credentials when no role is given.
"""

from __future__ import annotations

import argparse
import json
import sys

import boto3


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--endpoint", required=True)
    parser.add_argument("--accounts", required=True)
    parser.add_argument("--regions", required=True)
    parser.add_argument("--role-name")
    args = parser.parse_args()
    out: dict[str, dict[str, list[dict]]] = {}
    for account in args.accounts.split(","):
        session = boto3.Session(region_name="us-east-1")
        if args.role_name:
            creds = session.client("sts", endpoint_url=args.endpoint).assume_role(
                RoleArn=f"arn:aws:iam::{account}:role/{args.role_name}",
                RoleSessionName="stance-test-readback",
            )["Credentials"]
            session = boto3.Session(
                aws_access_key_id=creds["AccessKeyId"],
                aws_secret_access_key=creds["SecretAccessKey"],
                aws_session_token=creds["SessionToken"],
                region_name="us-east-1",
            )
        for region in args.regions.split(","):
            client = session.client("securityhub", endpoint_url=args.endpoint, region_name=region)
            found = []
            for page in client.get_paginator("get_findings").paginate(MaxResults=100):
                found.extend(page["Findings"])
            out.setdefault(account, {})[region] = found
    # ASFF timestamps are strings in the API model; default=str only guards against a botocore
    # that would parse them.
    json.dump(out, sys.stdout, default=str)
    return 0


if __name__ == "__main__":
    sys.exit(main())
