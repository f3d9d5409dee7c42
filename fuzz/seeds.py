#!/usr/bin/env python3
"""Builds the seed corpora and dictionaries of the fuzz targets from the repository's examples
and fixtures (see docs/reliability.md).

Usage: fuzz/seeds.py OUT_DIR [--stance PATH_TO_STANCE_BINARY]

Writes OUT_DIR/<target>/<seed> for every target and fuzz/dict/<target>.dict. Seeds are kept
small (one resource type per file where possible) so libFuzzer mutates the parts that matter;
with --stance, JSON results are made by scanning seed snapshots and templates with the binary.
The committed corpora under fuzz/corpus/ are these seeds after fuzzing and `cargo fuzz cmin`.
"""

import copy
import hashlib
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAX_SEED = 16 * 1024


def put(out, target, text, name=None):
    data = text.encode() if isinstance(text, str) else text
    if len(data) > MAX_SEED:
        return
    d = out / target
    d.mkdir(parents=True, exist_ok=True)
    name = name or hashlib.sha1(data).hexdigest()[:16]
    (d / name).write_bytes(data)


def literals(path, min_len=2, max_len=48):
    """String literals of a Rust source file: the keys and values its parser looks for."""
    text = path.read_text()
    found = set()
    # Every literal is matched (left to right, so quotes pair up), then filtered by length.
    for m in re.finditer(r'"((?:[^"\\]|\\.)*)"', text):
        s = m.group(1)
        if not min_len <= len(s) <= max_len or "\n" in s or ("{" in s and "}" in s) or "==" in s:
            continue
        found.add(s.encode().decode("unicode_escape"))
    return found


def schema_names(path):
    """Property names and enum values of a JSON Schema."""
    names = set()

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "properties" and isinstance(value, dict):
                    names.update(value.keys())
                if key in ("enum", "const"):
                    for v in value if isinstance(value, list) else [value]:
                        if isinstance(v, str):
                            names.add(v)
                walk(value)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(json.loads(path.read_text()))
    return names


def write_dict(target, tokens, quoted_too=True):
    out = ROOT / "fuzz" / "dict"
    out.mkdir(parents=True, exist_ok=True)
    lines = []
    for t in sorted(tokens):
        if not t or len(t) > 64:
            continue
        variants = [t, '"%s"' % t] if quoted_too else [t]
        for v in variants:
            esc = "".join(
                c if 0x20 <= ord(c) < 0x7F and c not in '"\\' else "\\x%02x" % ord(c)
                for c in v
                if ord(c) < 0x100
            )
            lines.append('"%s"' % esc)
    (out / f"{target}.dict").write_text("\n".join(sorted(set(lines))) + "\n")


def snapshot_seeds(out):
    demo = json.loads((ROOT / "examples/demo/inventory.json").read_text())
    seen = {}
    for account in demo["accounts"]:
        for region in account["regions"]:
            for r in region["resources"]:
                seen.setdefault(r["resource_type"], (account, region, r))
    seeds = []
    for rtype, (account, region, r) in sorted(seen.items()):
        snap = {k: v for k, v in demo.items() if k != "accounts"}
        acc = {k: v for k, v in account.items() if k != "regions"}
        acc["regions"] = [{"region": region["region"], "resources": [r]}]
        snap["accounts"] = [acc]
        text = json.dumps(snap, indent=1)
        put(out, "snapshot", text, f"type-{rtype}")
        seeds.append((rtype, text))
    gap = {
        "schema_version": 1,
        "collected_at": "2026-01-01T00:00:00Z",
        "accounts": [],
        "gaps": [
            {
                "account_id": "111111111111",
                "region": "us-east-1",
                "service": "s3",
                "operation": "ListBuckets",
                "error": "AccessDenied",
                "resource_types": ["s3_bucket"],
            }
        ],
    }
    put(out, "snapshot", json.dumps(gap), "gaps")
    put(out, "snapshot", '{"schema_version": 1, "collected_at": "2026-01-01T00:00:00Z", "accounts": []}', "empty")
    return seeds


def cfn_templates():
    """(name, YAML-or-JSON text) of templates: examples, fixtures and one per resource type."""
    found = []
    for p in sorted((ROOT / "examples/iac/cloudformation").iterdir()):
        found.append((p.name, p.read_text()))
    for p in sorted((ROOT / "tests/support/action-fixture").glob("*.yaml")):
        found.append(("action-" + p.name, p.read_text()))
    types = sorted(
        t.strip('"')
        for t in set(re.findall(r'"AWS::[A-Za-z0-9]+::[A-Za-z0-9]+"', (ROOT / "src/source/iac/cloudformation.rs").read_text()))
    )
    for t in types:
        tpl = {"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"R": {"Type": t, "Properties": {}}}}
        found.append(("type-" + t.replace("::", "-") + ".json", json.dumps(tpl, indent=2)))
        found.append(
            (
                "type-" + t.replace("::", "-") + ".yaml",
                f"AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  R:\n    Type: {t}\n    Properties:\n      Name: !Sub '${{AWS::StackName}}-r'\n      Tags: [{{Key: k, Value: !Ref AWS::Region}}]\n",
            )
        )
    gen = ROOT / "bench/gen_iac_corpus.py"
    with tempfile.TemporaryDirectory() as d:
        subprocess.run([sys.executable, str(gen), d, "6"], check=True, capture_output=True)
        for p in sorted(Path(d).iterdir()):
            if p.suffix in (".yaml", ".json") and p.name != "expected.json":
                found.append(("bench-" + p.name, p.read_text()))
    # Intrinsic functions, conditions, anchors and tags the YAML tree must handle.
    found.append(
        (
            "intrinsics.yaml",
            """AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Env: {Type: String, Default: prod, AllowedValues: [prod, dev]}
  Key: {Type: String}
Mappings:
  M: {prod: {Algo: 'aws:kms'}, dev: {Algo: AES256}}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  NotProd: !Not [!Condition IsProd]
  Both: !And [!Condition IsProd, !Or [!Condition NotProd, !Equals [a, a]]]
Resources:
  B:
    Type: AWS::S3::Bucket
    Condition: IsProd
    Metadata: {stance: {suppress: [{check: s3_bucket_versioning_enabled, reason: r}]}}
    Properties:
      BucketName: !Join ['-', [!Ref Env, !Select [0, !Split [',', 'a,b']], !GetAtt K.Arn]]
      BucketEncryption:
        ServerSideEncryptionConfiguration:
          - ServerSideEncryptionByDefault:
              SSEAlgorithm: !FindInMap [M, !Ref Env, Algo]
              KMSMasterKeyID: !If [Both, !Ref Key, !Ref AWS::NoValue]
      VersioningConfiguration: {Status: !If [IsProd, Enabled, Suspended]}
      Tags: &tags [{Key: a, Value: !Base64 b}]
  K:
    Type: AWS::KMS::Key
    Properties:
      EnableKeyRotation: true
      KeyPolicy: {Statement: [{Effect: Allow, Principal: {AWS: !Sub 'arn:${AWS::Partition}:iam::${AWS::AccountId}:root'}, Action: 'kms:*', Resource: '*'}]}
      Tags: *tags
""",
        )
    )
    return found


def terraform_seeds(out):
    plan = json.loads((ROOT / "examples/iac/terraform/plan.json").read_text())
    put(out, "terraform_plan", json.dumps(plan), "example-plan")
    planned = plan["planned_values"]["root_module"].get("resources", [])
    config = {r["address"]: r for r in plan["configuration"]["root_module"].get("resources", [])}
    changes = {c["address"]: c for c in plan.get("resource_changes", [])}
    for r in planned:
        keep = {r["address"]}
        for expr in config.get(r["address"], {}).get("expressions", {}).values():
            for ref in json.dumps(expr).split('"'):
                if ref in config:
                    keep.add(ref)
        small = copy.deepcopy(plan)
        small["planned_values"]["root_module"] = {"resources": [x for x in planned if x["address"] in keep]}
        small["configuration"]["root_module"] = {"resources": [config[a] for a in keep if a in config]}
        small["resource_changes"] = [changes[a] for a in keep if a in changes]
        small.pop("relevant_attributes", None)
        put(out, "terraform_plan", json.dumps(small, indent=1), "example-" + r["address"])
    types = sorted(set(re.findall(r'"(aws_[a-z0-9_]+)"', (ROOT / "src/source/iac/terraform.rs").read_text())))
    for t in types:
        p = {
            "format_version": "1.2",
            "planned_values": {
                "root_module": {
                    "resources": [],
                    "child_modules": [
                        {
                            "address": "module.m",
                            "resources": [
                                {"address": f"module.m.{t}.r[0]", "mode": "managed", "type": t, "name": "r", "values": {"tags": {"stance:suppress": "c1,c2: reason"}}}
                            ],
                        }
                    ],
                }
            },
            "resource_changes": [{"address": f"module.m.{t}.r[0]", "change": {"after_unknown": {"arn": True, "policy": True}}}],
            "configuration": {
                "root_module": {
                    "module_calls": {
                        "m": {
                            "source": "./m",
                            "module": {"resources": [{"address": f"{t}.r", "expressions": {"name": {"references": ["aws_kms_key.k.arn", "aws_kms_key.k"]}}}]},
                        }
                    }
                }
            },
        }
        put(out, "terraform_plan", json.dumps(p, indent=1), "type-" + t)


def shrink_result(data):
    """A result cut to a few findings of distinct statuses and the checks they name, so it
    fits a seed: a scan's result lists every check (some 150 KiB)."""
    doc = json.loads(data)
    kept, statuses = [], set()
    for r in doc.get("results", []):
        if r.get("status") not in statuses or len(kept) < 2:
            statuses.add(r.get("status"))
            kept.append(r)
        if len(kept) >= 4:
            break
    named = {r.get("check_id") for r in kept}
    checks = doc.get("checks", [])
    doc["checks"] = [c for c in checks if c.get("id") in named] or checks[:1]
    doc["results"] = kept
    doc["resolved"] = doc.get("resolved", [])[:2]
    return json.dumps(doc, indent=1).encode()


def results(out, stance, snapshots, templates):
    """JSON results of scanning seed inputs, with suppressions and a baseline."""
    with tempfile.TemporaryDirectory() as d:
        d = Path(d)
        sup = d / "s.yaml"
        sup.write_text(
            "suppressions:\n  - check: s3_bucket_versioning_enabled\n    reason: r\n    owner: o\n    expires: 2099-01-01\n"
        )
        inputs = []
        # Every third snapshot: results differ mostly in their findings, and the committed
        # corpus stays small.
        for name, text in snapshots[::3]:
            f = d / f"{name}.json"
            f.write_text(text)
            inputs.append(["--inventory", str(f)])
        for name, text in templates[:3]:
            f = d / name
            f.write_text(text)
            inputs.append(["--iac", str(f)])
        for i, args in enumerate(inputs):
            res = d / f"r{i}.json"
            cmd = [stance, "scan", "-q", "--fail-on", "never", *args, "-o", f"json={res}"]
            if i % 2:
                cmd += ["--suppressions", str(sup)]
            if subprocess.run(cmd, capture_output=True).returncode == 0:
                put(out, "result", shrink_result(res.read_bytes()))
                again = d / f"b{i}.json"
                cmd = [stance, "scan", "-q", "--fail-on", "never", *args, "--baseline", str(res), "-o", f"json={again}"]
                if subprocess.run(cmd, capture_output=True).returncode == 0:
                    put(out, "result", shrink_result(again.read_bytes()))


def main():
    out = Path(sys.argv[1])
    stance = sys.argv[sys.argv.index("--stance") + 1] if "--stance" in sys.argv else None

    snapshots = snapshot_seeds(out)
    write_dict("snapshot", schema_names(ROOT / "docs/schema/inventory.schema.json"))

    if stance:
        results(out, stance, snapshots, cfn_templates())
    write_dict("result", schema_names(ROOT / "docs/schema/result.schema.json"))

    sup_seeds = [
        (ROOT / "src/suppress.rs").read_text().split("//! ```yaml\n")[1].split("//! ```")[0].replace("//! ", "").replace("//!", ""),
        "suppressions:\n  - check: fsbp:S3.8\n    tags: {env: 'prod*', team: '{a,b}'}\n    reason: Accepted\n    owner: o@example.com\n",
        "suppressions: []\n",
        "suppressions:\n  - {resource: 'arn:aws:s3:::x-*', account: '1111*', region: 'us-*', reason: r, owner: o, expires: '2027-03-31'}\n  - &a {check: c, reason: r, owner: o}\n  - *a\n",
    ]
    for s in sup_seeds:
        put(out, "suppressions", s)
    write_dict("suppressions", {"suppressions", "check", "resource", "account", "region", "tags", "reason", "owner", "expires", "2027-03-31", "fsbp:", "*", "?", "[", "{", "**", "!!str", "&a", "*a", "---", "..."})

    config_seeds = [
        (ROOT / "src/config.rs").read_text().split("//! ```toml\n")[1].split("//! ```")[0].replace("//! ", "").replace("//!", ""),
        '[scan]\ninventory = ["a.json"]\nstrict = true\nsarif_anchor = "x"\nsarif_category = "c"\nignore = ["fsbp:S3.8"]\nselect = []\nsuppressions = "s.yaml"\nchecks_dirs = ["checks"]\n',
        '[aws]\nprofile = "p"\nendpoint_url = "http://127.0.0.1:1"\naccounts = ["111111111111"]\nexternal_id = "x"\nconcurrency = 8\nmax_attempts = 3\ncall_timeout = 20\n',
        "",
    ]
    for s in config_seeds:
        put(out, "config", s)
    write_dict("config", schema_names(ROOT / "docs/schema/config.schema.json") | {"[scan]", "[aws]", "[[suppressions]]", "true", "false", '"""', "'''"})

    templates = cfn_templates()
    for name, text in templates:
        put(out, "cloudformation_json" if text.lstrip().startswith("{") else "cloudformation_yaml", text, name)
    cfn_tokens = literals(ROOT / "src/source/iac/cloudformation.rs") | literals(ROOT / "src/source/iac/yaml.rs")
    cfn_tokens |= {"!Ref", "!Sub", "!GetAtt", "!If", "!Join", "!Select", "!Split", "!FindInMap", "!Equals", "!Not", "!And", "!Or", "!Condition", "!Base64", "!ImportValue", "&a", "*a", "<<:", "---", "? ", "- ", ": ", "|", ">", "!!str", "!!int"}
    write_dict("cloudformation_yaml", cfn_tokens, quoted_too=False)
    write_dict("cloudformation_json", cfn_tokens)

    terraform_seeds(out)
    tf_tokens = literals(ROOT / "src/source/iac/terraform.rs") | literals(ROOT / "src/source/iac/cloudformation.rs")
    write_dict("terraform_plan", tf_tokens)


if __name__ == "__main__":
    main()
