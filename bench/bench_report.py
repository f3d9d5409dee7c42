#!/usr/bin/env python3
"""Print the side-by-side benchmark table from bench/prowler_vs_stance.sh's measurements.

Usage:
    python3 bench/bench_report.py WORK/measurements.tsv [-o bench/results/prowler_vs_stance.json]

measurements.tsv has one line per measured run: label, wall seconds, peak RSS (KiB), exit
status, CPU seconds (user + system), path of the run's slice of the moto request log. API calls
are the lines of that slice (every HTTP request the tool sent, including retries and calls moto
could not serve); "writes" are the calls tests/support/recording.py does not recognise as
read-only; "5xx" the calls moto could not serve (501 from the launcher), which real AWS would
have answered.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "support"))
import recording  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("measurements", type=Path)
    parser.add_argument("-o", "--output", type=Path)
    args = parser.parse_args(argv)

    rows = []
    for line in args.measurements.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        label, wall, rss_kib, status, cpu, requests_path = line.split("\t")
        calls = recording.actions(recording.load(requests_path))
        statuses = Counter(str(c.status) for c in calls)
        writes = sorted({c.name for c in recording.mutating(calls)})
        rows.append(
            {
                "tool": label,
                "wall_seconds": round(float(wall), 2),
                "cpu_seconds": round(float(cpu), 2),
                "api_calls": len(calls),
                "peak_rss_mb": round(int(rss_kib) / 1024, 1),
                "exit_status": int(status),
                "http_status": dict(sorted(statuses.items())),
                "unserved_calls": sum(n for s, n in statuses.items() if s.startswith("5")),
                "distinct_actions": len({c.name for c in calls}),
                "writes": writes,
            }
        )

    # Per-tool totals when a tool ran once per account (label "tool[account]").
    groups: dict[str, list[dict]] = {}
    for row in rows:
        if "[" in row["tool"]:
            groups.setdefault(row["tool"].split("[", 1)[0], []).append(row)
    for tool, members in groups.items():
        if len(members) > 1:
            rows.append(
                {
                    "tool": f"{tool} (total)",
                    "wall_seconds": round(sum(r["wall_seconds"] for r in members), 2),
                    "cpu_seconds": round(sum(r["cpu_seconds"] for r in members), 2),
                    "api_calls": sum(r["api_calls"] for r in members),
                    "peak_rss_mb": max(r["peak_rss_mb"] for r in members),
                    "exit_status": max(r["exit_status"] for r in members),
                    "unserved_calls": sum(r["unserved_calls"] for r in members),
                    "distinct_actions": None,
                    "writes": sorted({w for r in members for w in r["writes"]}),
                }
            )

    header = (
        f"{'tool':<28} {'wall s':>8} {'CPU s':>7} {'API calls':>10} {'peak RSS MB':>12} "
        f"{'5xx':>5} {'writes':>7}"
    )
    print(header)
    print("-" * len(header))
    for row in rows:
        print(
            f"{row['tool']:<28} {row['wall_seconds']:>8.1f} {row['cpu_seconds']:>7.1f} "
            f"{row['api_calls']:>10} {row['peak_rss_mb']:>12.1f} {row['unserved_calls']:>5} "
            f"{len(row['writes']):>7}"
        )
    for row in rows:
        if row["writes"]:
            print(f"{row['tool']}: non-read-only calls: {', '.join(row['writes'])}")
    if args.output:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(json.dumps({"runs": rows}, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
