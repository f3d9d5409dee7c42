#!/usr/bin/env bash
# Checkov vs stance on a generated CloudFormation corpus: wall time, peak RSS and the
# misconfigurations each finds, against the corpus's known truth.
#
#   bench/checkov_vs_stance.sh [COUNT]        (default 1000 templates)
#
# Needs: a release build (CARGO_TARGET_DIR=/work/main/target flock /tmp/cargo.lock cargo build
# --release) and Checkov in /work/venvs/checkov (python3 -m venv /work/venvs/checkov &&
# /work/venvs/checkov/bin/pip install checkov). STANCE and CHECKOV override the binaries.
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT="${1:-1000}"
STANCE="${STANCE:-${CARGO_TARGET_DIR:-target}/release/stance}"
CHECKOV="${CHECKOV:-/work/venvs/checkov/bin/checkov}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

python3 bench/gen_iac_corpus.py "$WORK/corpus" "$COUNT" >/dev/null
cd "$WORK"

measure() { # NAME CMD... : runs CMD under /usr/bin/time -v, prints "NAME seconds peak_kib"
  local name="$1"; shift
  /usr/bin/time -v "$@" >"$name.out" 2>"$name.time" || true
  local wall rss
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$name.time")
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$name.time")
  echo "$name $wall $rss"
}

# Warm the page cache so neither tool pays for the first read.
cat corpus/* >/dev/null
measure stance "$STANCE" scan --iac corpus -o json=stance.json --fail-on never -q | tee times.txt
measure checkov "$CHECKOV" -d corpus --framework cloudformation -o json --quiet --compact --skip-download | tee -a times.txt
cp checkov.out checkov.json

python3 - "$WORK" <<'PY'
import json, os, sys
work = sys.argv[1]
expected = json.load(open(os.path.join(work, "corpus-expected.json")))
times = {}
for line in open(os.path.join(work, "times.txt")):
    name, wall, rss = line.split()
    parts = [float(p) for p in wall.split(":")]
    secs = parts[-1] + (parts[-2] * 60 if len(parts) > 1 else 0) + (parts[-3] * 3600 if len(parts) > 2 else 0)
    times[name] = (secs, int(rss) / 1024)

# rule -> (resource logical id, stance check ids, checkov check ids)
RULES = {
    "s3_encryption": ("Bucket", [], ["CKV_AWS_19"]),
    "s3_versioning": ("Bucket", [], ["CKV_AWS_21"]),
    "s3_public_access": ("Bucket", ["s3_bucket_public_access_block"], ["CKV_AWS_53", "CKV_AWS_54", "CKV_AWS_55", "CKV_AWS_56"]),
    "s3_logging": ("Bucket", ["s3_bucket_access_logging_enabled"], ["CKV_AWS_18"]),
    "sg_open_ssh": ("AppGroup", ["ec2_security_group_no_admin_ports_ipv4"], ["CKV_AWS_24"]),
    "ebs_encryption": ("Volume", ["ec2_volume_encrypted"], ["CKV_AWS_3"]),
    "rds_encryption": ("Database", ["rds_instance_storage_encrypted"], ["CKV_AWS_16"]),
    "rds_public": ("Database", ["rds_instance_not_publicly_accessible"], ["CKV_AWS_17"]),
    "kms_rotation": ("Key", ["kms_key_rotation_enabled"], ["CKV_AWS_7"]),
    "cloudtrail_validation": ("Trail", ["cloudtrail_log_file_validation_enabled"], ["CKV_AWS_36"]),
    "cloudtrail_encryption": ("Trail", ["cloudtrail_kms_encryption_enabled"], ["CKV_AWS_35"]),
    "iam_admin": ("Policy", ["iam_policy_no_full_admin"], ["CKV_AWS_1", "CKV_AWS_62", "CKV_AWS_63", "CKV_AWS_109", "CKV_AWS_110"]),
}

stance_fail = set()
for r in json.load(open(os.path.join(work, "stance.json")))["results"]:
    if r["status"] == "FAIL":
        rid = r["resource"]["id"]
        f, _, logical = rid.rpartition("#")
        stance_fail.add((os.path.basename(f), logical, r["check_id"]))
checkov_fail = set()
doc = json.load(open(os.path.join(work, "checkov.json")))
for part in (doc if isinstance(doc, list) else [doc]):
    for c in part.get("results", {}).get("failed_checks", []):
        logical = c["resource"].split(".")[-1]
        checkov_fail.add((os.path.basename(c["file_path"]), logical, c["check_id"]))

rows = []
for rule, (logical, s_ids, c_ids) in RULES.items():
    def score(found, ids):
        if not ids:
            return None
        tp = fp = fn = 0
        for name, truth in expected.items():
            hit = any((name, logical, i) in found for i in ids)
            bad = truth[rule] == "fail"
            tp += hit and bad
            fp += hit and not bad
            fn += bad and not hit
        return tp, fp, fn
    rows.append((rule, score(stance_fail, s_ids), score(checkov_fail, c_ids), s_ids, c_ids))

s, c = times["stance"], times["checkov"]
print(f"templates: {len(expected)}")
print(f"| tool | wall time (s) | peak RSS (MiB) |\n|---|---:|---:|")
print(f"| stance | {s[0]:.2f} | {s[1]:.0f} |\n| Checkov | {c[0]:.2f} | {c[1]:.0f} |")
print(f"\nstance is {c[0] / max(s[0], 1e-3):.0f}x faster and uses {c[1] / max(s[1], 1e-3):.1f}x less memory.\n")
print("| misconfiguration | bad templates | stance found (false +) | Checkov found (false +) | stance check | Checkov checks |")
print("|---|---:|---:|---:|---|---|")
fmt = lambda x: "no check" if x is None else f"{x[0]} ({x[1]})"
for rule, st, ck, s_ids, c_ids in rows:
    bad = sum(1 for t in expected.values() if t[rule] == "fail")
    print(f"| {rule} | {bad} | {fmt(st)} | {fmt(ck)} | {', '.join(s_ids) or '-'} | {', '.join(c_ids)} |")
PY
