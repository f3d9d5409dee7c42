#!/usr/bin/env python3
"""Seeds an AWS Organization in moto: the caller's account becomes the management account,
with member accounts created in it and one of them closed (SUSPENDED). Prints a JSON object:
{"management": ID, "active": [IDs of the ACTIVE members], "suspended": [IDs]}.

Usage: seed_org.py --endpoint URL [--members N]
"""
import argparse
import json

import boto3


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--endpoint", required=True)
    ap.add_argument("--members", type=int, default=3)
    a = ap.parse_args()
    org = boto3.client("organizations", endpoint_url=a.endpoint, region_name="us-east-1")
    management = org.create_organization(FeatureSet="ALL")["Organization"]["MasterAccountId"]
    members = [
        org.create_account(Email=f"member{i}@example.com", AccountName=f"member-{i}")[
            "CreateAccountStatus"
        ]["AccountId"]
        for i in range(a.members)
    ]
    closed = members[-1:]
    for account in closed:
        org.close_account(AccountId=account)
    print(
        json.dumps(
            {"management": management, "active": sorted(members[:-1]), "suspended": closed}
        )
    )


if __name__ == "__main__":
    main()
