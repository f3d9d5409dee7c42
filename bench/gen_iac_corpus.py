#!/usr/bin/env python3
"""Generates a deterministic corpus of CloudFormation templates mixing known-good and
known-bad resources, for benchmarking stance against Checkov.

Usage: bench/gen_iac_corpus.py OUT_DIR [COUNT]   (COUNT defaults to 1000)

Every template holds S3 buckets, a security group, an EBS volume, an RDS instance, a KMS key,
a CloudTrail trail and an IAM managed policy; each resource is good or bad by a seeded coin
flip, and the expected verdicts are written to OUT_DIR/expected.json so both tools' findings
can be compared with the truth. Half the templates are YAML (short-form tags), half JSON.
"""

import json
import random
import sys
from pathlib import Path


def bucket(good, rng):
    props = {"BucketName": {"Fn::Sub": "${AWS::StackName}-data-%d" % rng.randrange(10**6)}}
    if good["s3_encryption"]:
        props["BucketEncryption"] = {"ServerSideEncryptionConfiguration": [
            {"ServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms"}}]}
    if good["s3_versioning"]:
        props["VersioningConfiguration"] = {"Status": "Enabled"}
    if good["s3_logging"]:
        props["LoggingConfiguration"] = {"DestinationBucketName": "central-access-logs"}
    flag = good["s3_public_access"]
    props["PublicAccessBlockConfiguration"] = {
        "BlockPublicAcls": flag, "IgnorePublicAcls": flag,
        "BlockPublicPolicy": flag, "RestrictPublicBuckets": flag}
    return {"Type": "AWS::S3::Bucket", "Properties": props}


def security_group(good):
    cidr = "10.0.0.0/8" if good["sg_open_ssh"] else "0.0.0.0/0"
    return {"Type": "AWS::EC2::SecurityGroup", "Properties": {
        "GroupDescription": "app", "SecurityGroupIngress": [
            {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "CidrIp": "0.0.0.0/0"},
            {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "CidrIp": cidr}]}}


def resources(good, rng):
    r = {
        "Bucket": bucket(good, rng),
        "AppGroup": security_group(good),
        "Instance": {"Type": "AWS::EC2::Instance", "Properties": {
            "ImageId": "ami-12345678", "InstanceType": "t3.micro"}},
        "Volume": {"Type": "AWS::EC2::Volume", "Properties": {
            "AvailabilityZone": "eu-west-1a", "Size": 20, "Encrypted": good["ebs_encryption"]}},
        "Attachment": {"Type": "AWS::EC2::VolumeAttachment", "Properties": {
            "InstanceId": {"Ref": "Instance"}, "VolumeId": {"Ref": "Volume"}, "Device": "/dev/sdf"}},
        "Database": {"Type": "AWS::RDS::DBInstance", "Properties": {
            "Engine": "postgres", "DBInstanceClass": "db.t3.micro", "AllocatedStorage": "20",
            "MasterUsername": "app", "StorageEncrypted": good["rds_encryption"],
            "PubliclyAccessible": not good["rds_public"]}},
        "Key": {"Type": "AWS::KMS::Key", "Properties": {"EnableKeyRotation": good["kms_rotation"]}},
        "Trail": {"Type": "AWS::CloudTrail::Trail", "Properties": {
            "IsLogging": True, "S3BucketName": "central-trail",
            "EnableLogFileValidation": good["cloudtrail_validation"]}},
        "Policy": {"Type": "AWS::IAM::ManagedPolicy", "Properties": {"PolicyDocument": {
            "Version": "2012-10-17", "Statement": [{"Effect": "Allow",
            "Action": "s3:GetObject" if good["iam_admin"] else "*", "Resource": "*"}]}}},
    }
    if good["cloudtrail_encryption"]:
        r["Trail"]["Properties"]["KMSKeyId"] = {"Fn::GetAtt": ["Key", "Arn"]}
    return r


RULES = ["s3_encryption", "s3_versioning", "s3_public_access", "s3_logging", "sg_open_ssh",
         "ebs_encryption", "rds_encryption", "rds_public", "kms_rotation",
         "cloudtrail_validation", "cloudtrail_encryption", "iam_admin"]


def to_yaml(value, indent=0):
    """A small YAML emitter using short-form tags for the intrinsics it meets."""
    pad = "  " * indent
    if isinstance(value, dict):
        if len(value) == 1:
            (k, v), = value.items()
            if k == "Ref":
                return f"!Ref {v}"
            if k == "Fn::Sub":
                return f"!Sub \"{v}\""
            if k == "Fn::GetAtt":
                return f"!GetAtt {v[0]}.{v[1]}"
        lines = []
        for k, v in value.items():
            if isinstance(v, (dict, list)) and v and not (isinstance(v, dict) and len(v) == 1 and next(iter(v)) in ("Ref", "Fn::Sub", "Fn::GetAtt")):
                lines.append(f"{pad}{k}:\n{to_yaml(v, indent + 1)}")
            else:
                lines.append(f"{pad}{k}: {to_yaml(v, indent + 1)}")
        return "\n".join(lines)
    if isinstance(value, list):
        out = []
        for item in value:
            text = to_yaml(item, indent + 1)
            if isinstance(item, dict):
                out.append(f"{pad}- {text.lstrip()}")
            else:
                out.append(f"{pad}- {text}")
        return "\n".join(out)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value)
    return str(value)


def main():
    out = Path(sys.argv[1])
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(20260115)
    expected = {}
    for i in range(count):
        good = {rule: rng.random() < 0.5 for rule in RULES}
        template = {"AWSTemplateFormatVersion": "2010-09-09",
                    "Description": f"benchmark template {i}", "Resources": resources(good, rng)}
        name = f"t{i:04d}.{'yaml' if i % 2 == 0 else 'json'}"
        text = to_yaml(template) + "\n" if i % 2 == 0 else json.dumps(template, indent=2) + "\n"
        (out / name).write_text(text)
        expected[name] = {rule: ("pass" if ok else "fail") for rule, ok in good.items()}
    (out.parent / f"{out.name}-expected.json").write_text(json.dumps(expected, indent=1, sort_keys=True))
    print(f"wrote {count} templates to {out}")


if __name__ == "__main__":
    main()
