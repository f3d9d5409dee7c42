#!/usr/bin/env python3
"""Runs shellcheck on every `run:` block of action.yml and examples/workflows/*.yml.

Each block is checked as bash with `set -euo pipefail` (what `shell: bash` runs). GitHub
expressions are not allowed in run blocks here (zizmor's template-injection audit enforces
that), so the blocks are plain shell. Usage: python3 scripts/check-workflow-shell.py [FILE...]
"""

import glob
import subprocess
import sys

from ruamel.yaml import YAML


def steps_of(doc):
    """The steps of a composite action or of every job of a workflow."""
    steps = list((doc.get("runs") or {}).get("steps") or [])
    for job in (doc.get("jobs") or {}).values():
        steps += job.get("steps") or []
    return steps


def main(files):
    yaml = YAML(typ="safe")
    failed = 0
    checked = 0
    for path in files:
        with open(path, encoding="utf-8") as f:
            doc = yaml.load(f)
        for step in steps_of(doc):
            if "run" not in step:
                continue
            checked += 1
            script = "#!/usr/bin/env bash\nset -euo pipefail\n" + step["run"]
            out = subprocess.run(
                ["shellcheck", "--shell=bash", "-"],
                input=script,
                text=True,
                capture_output=True,
                check=False,
            )
            if out.returncode != 0:
                failed += 1
                print(f"{path}: step {step.get('name', step.get('id', '?'))!r}:")
                print(out.stdout, end="")
    print(f"shellcheck: {checked} run blocks, {failed} with findings")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ["action.yml", *sorted(glob.glob("examples/workflows/*.yml"))]))
