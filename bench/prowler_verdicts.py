#!/usr/bin/env python3
"""Condense Prowler's compliance CSV into one verdict per requirement.

Usage:
    python3 bench/prowler_verdicts.py OUT/compliance/NAME_cis_4.0_aws.csv \\
        --account 111111111111 --prowler-version 5.46.0 \\
        --framework-file VENV/.../prowler/compliance/aws/cis_4.0_aws.json \\
        -o bench/results/prowler-cis4-111111111111.json

Prowler writes one CSV row per (requirement, check, resource, region). A requirement's verdict
is FAIL when any row fails, MANUAL when all rows are manual, PASS when every automated row
passes. Requirements of the framework file with no row at all are NO_FINDINGS: their checks
ran but reported nothing (no resource to judge, or the API failed against moto). The
per-check status counts are kept so a disagreement with stance can be traced to the Prowler
check behind it.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections import defaultdict
from pathlib import Path


def requirement_key(requirement_id: str) -> tuple[int, ...]:
    return tuple(int(p) for p in re.findall(r"\d+", requirement_id))


def verdicts(path: Path, framework: dict | None = None) -> dict[str, dict]:
    checks: dict[str, dict[str, dict[str, int]]] = defaultdict(
        lambda: defaultdict(lambda: defaultdict(int))
    )
    titles: dict[str, str] = {}
    with path.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter=";"):
            requirement = row["REQUIREMENTS_ID"]
            checks[requirement][row["CHECKID"]][row["STATUS"]] += 1
            titles.setdefault(requirement, row.get("REQUIREMENTS_DESCRIPTION", "")[:120])
    declared = {}
    for item in (framework or {}).get("Requirements", []):
        attributes = (item.get("Attributes") or [{}])[0]
        declared[item["Id"]] = {
            "assessment": attributes.get("AssessmentStatus", ""),
            "checks": item.get("Checks", []),
            "title": (item.get("Description") or "")[:120],
        }
    result = {}
    for requirement in sorted(set(checks) | set(declared), key=requirement_key):
        if requirement not in checks:
            result[requirement] = {
                "verdict": "NO_FINDINGS",
                "assessment": declared[requirement]["assessment"],
                "title": declared[requirement]["title"],
                "checks": {check: {} for check in declared[requirement]["checks"]},
            }
            continue
        statuses = {s for per_check in checks[requirement].values() for s in per_check}
        if "FAIL" in statuses:
            verdict = "FAIL"
        elif statuses <= {"MANUAL"}:
            verdict = "MANUAL"
        elif "PASS" in statuses:
            verdict = "PASS"
        else:
            verdict = "/".join(sorted(statuses))
        result[requirement] = {
            "verdict": verdict,
            "assessment": declared.get(requirement, {}).get("assessment", ""),
            "title": titles[requirement],
            "checks": {
                check: dict(sorted(counts.items()))
                for check, counts in sorted(checks[requirement].items())
            },
        }
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv", type=Path)
    parser.add_argument("--account", required=True)
    parser.add_argument("--framework", default="cis_4.0_aws")
    parser.add_argument("--regions", default="")
    parser.add_argument("--prowler-version", default="")
    parser.add_argument(
        "--framework-file",
        type=Path,
        help="Prowler's compliance JSON, to list requirements without findings",
    )
    parser.add_argument("-o", "--output", type=Path, required=True)
    args = parser.parse_args(argv)

    framework = None
    if args.framework_file:
        framework = json.loads(args.framework_file.read_text(encoding="utf-8"))
    requirements = verdicts(args.csv, framework)
    totals: dict[str, int] = defaultdict(int)
    for item in requirements.values():
        totals[item["verdict"]] += 1
    document = {
        "tool": "prowler",
        "tool_version": args.prowler_version,
        "framework": args.framework,
        "account": args.account,
        "regions": [r for r in args.regions.split(",") if r],
        "totals": dict(sorted(totals.items())),
        "requirements": requirements,
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(document, indent=1) + "\n", encoding="utf-8")
    summary = " ".join(f"{k}={v}" for k, v in sorted(totals.items()))
    print(f"{args.account}: {len(requirements)} requirements, {summary}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
