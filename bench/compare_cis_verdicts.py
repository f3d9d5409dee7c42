#!/usr/bin/env python3
"""Compare Prowler's and stance's CIS AWS Foundations v4 verdicts, requirement by requirement.

Usage:
    python3 bench/compare_cis_verdicts.py STANCE_RESULT.json \\
        bench/results/prowler-cis4-111111111111.json bench/results/prowler-cis4-222222222222.json \\
        [--framework cis-aws-v4.0.1] [-o bench/results/cis4_verdicts.json]

STANCE_RESULT.json is stance's JSON result of `stance scan --framework cis-aws-v4.0.1` over the
same accounts; each prowler-cis4-*.json is bench/prowler_verdicts.py's condensed verdicts for
one account. stance's verdict for a control in an account is FAIL when any of its results there
fails, PASS when at least one passes and none fails, NOT_EVALUATED when one of its checks could
not be evaluated (a gap), MANUAL when it has only manual guidance, and NO_FINDINGS when nothing
applied (no resource of the type). The table prints one line per requirement with both tools'
verdicts per account and marks the disagreements with "≠".
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path


def requirement_key(requirement_id: str) -> tuple[int, ...]:
    return tuple(int(p) for p in re.findall(r"\d+", requirement_id))


def stance_verdicts(result: dict, framework: str) -> dict[str, dict[str, str]]:
    """{control: {account: verdict}} from a stance JSON result."""
    statuses: dict[str, dict[str, Counter]] = defaultdict(lambda: defaultdict(Counter))
    prefix = framework + "/"
    for record in result.get("results", []):
        account = record.get("resource", {}).get("account_id") or ""
        for control in record.get("controls", []):
            if control.startswith(prefix):
                statuses[control[len(prefix):]][account][record.get("status", "")] += 1
    verdicts: dict[str, dict[str, str]] = {}
    for control, by_account in statuses.items():
        verdicts[control] = {}
        for account, counts in by_account.items():
            if counts["FAIL"]:
                verdict = "FAIL"
            elif counts["NOT_EVALUATED"] or counts["ERROR"]:
                verdict = "NOT_EVALUATED"
            elif counts["PASS"]:
                verdict = "PASS"
            elif counts["MANUAL"]:
                verdict = "MANUAL"
            else:
                verdict = "NO_FINDINGS"
            verdicts[control][account] = verdict
    return verdicts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("stance_result", type=Path)
    parser.add_argument("prowler", type=Path, nargs="+")
    parser.add_argument("--framework", default="cis-aws-v4.0.1")
    parser.add_argument("-o", "--output", type=Path)
    args = parser.parse_args(argv)

    stance = stance_verdicts(json.loads(args.stance_result.read_text()), args.framework)
    prowler = [json.loads(path.read_text()) for path in args.prowler]
    accounts = [p["account"] for p in prowler]
    requirements = sorted(
        set(stance) | {r for p in prowler for r in p["requirements"]}, key=requirement_key
    )

    rows = []
    agreement = Counter()
    for requirement in requirements:
        title = next(
            (p["requirements"][requirement]["title"] for p in prowler if requirement in p["requirements"]),
            "",
        )
        row = {"requirement": requirement, "title": title, "accounts": {}}
        for p in prowler:
            account = p["account"]
            theirs = p["requirements"].get(requirement, {}).get("verdict", "NO_RESULT")
            ours = stance.get(requirement, {}).get(account, "NO_RESULT")
            decided = {"PASS", "FAIL"}
            if theirs in decided and ours in decided:
                agreement["agree" if theirs == ours else "disagree"] += 1
            elif theirs in decided:
                agreement["only prowler decided"] += 1
            elif ours in decided:
                agreement["only stance decided"] += 1
            else:
                agreement["neither decided"] += 1
            row["accounts"][account] = {"prowler": theirs, "stance": ours}
        rows.append(row)

    header = "| CIS v4 | " + " | ".join(f"Prowler {a} | stance {a}" for a in accounts) + " | title |"
    print(header)
    print("|---|" + "---|---|" * len(accounts) + "---|")
    for row in rows:
        cells = []
        for account in accounts:
            pair = row["accounts"][account]
            mark = (
                " ≠"
                if {pair["prowler"], pair["stance"]} <= {"PASS", "FAIL"}
                and pair["prowler"] != pair["stance"]
                else ""
            )
            cells.append(f"{pair['prowler']} | {pair['stance']}{mark}")
        print(f"| {row['requirement']} | " + " | ".join(cells) + f" | {row['title'][:60]} |")
    print()
    print("(requirement, account) pairs:", dict(agreement))
    if args.output:
        args.output.write_text(
            json.dumps({"framework": args.framework, "agreement": agreement, "rows": rows}, indent=1)
            + "\n"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
