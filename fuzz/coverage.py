#!/usr/bin/env python3
"""Which code a fuzz target's corpora cover: stance's own, serde-derived, or its dependencies'.

libFuzzer's `cov:` counts every instrumented edge of the target, most of them in third-party
parsers (toml, serde_json, saphyr) and in the deserialisers serde derives for stance's types. A
campaign that is still adding edges may therefore be exploring those while stance's own code is
already flat. This script replays each corpus given (in order, typically the minimised corpus
after successive campaigns), attributes every covered edge to its source line, and splits them:

- stance: hand-written code under src/;
- derived: lines of src/ that only carry generated code (`#[derive]`/`#[serde]` attributes,
  struct fields and enum variants, whose deserialisation serde generates);
- dependencies: everything else.

It prints one row per corpus and the hand-written lines each corpus newly covers. (The totals
include edges reached only while unwinding from a panic, so they are not a coverage ratio.)

Usage: fuzz/coverage.py TARGET CORPUS_DIR [CORPUS_DIR...]
Needs the fuzz build (`cargo fuzz build -s none`, CARGO_TARGET_DIR as for fuzz/run.sh),
readelf and llvm-symbolizer.
"""
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIELD = re.compile(r"^(pub(\([a-z]+\))?\s+)?[a-z_][a-z_0-9]*\s*:\s*[^=;{]*,?$")
VARIANT = re.compile(r"^[A-Z][A-Za-z0-9]*(\s*[({].*)?,?$")


def target_binary(target: str) -> Path:
    base = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "fuzz" / "target"))
    return base / "x86_64-unknown-linux-gnu" / "release" / target


def pc_table(binary: Path) -> list[int]:
    """The address of every instrumented edge, in libFuzzer's PC-table order. The table holds
    (PC, flags) pairs; in a position-independent binary the PCs are filled in by relative
    relocations, so they are read from those."""
    sections = subprocess.run(["readelf", "-SW", binary], capture_output=True, text=True).stdout
    m = re.search(r"__sancov_pcs\s+PROGBITS\s+([0-9a-f]+)\s+[0-9a-f]+\s+([0-9a-f]+)", sections)
    if not m:
        sys.exit(f"{binary}: no __sancov_pcs section (not a fuzz build?)")
    start, size = int(m[1], 16), int(m[2], 16)
    relocations = subprocess.run(["readelf", "-rW", binary], capture_output=True, text=True).stdout
    pcs = [0] * (size // 16)
    for line in relocations.splitlines():
        fields = line.split()
        if len(fields) >= 4 and "RELATIVE" in fields[2]:
            offset = int(fields[0], 16)
            if start <= offset < start + size and (offset - start) % 16 == 0:
                pcs[(offset - start) // 16] = int(fields[3], 16)
    return pcs


def symbolize(binary: Path, pcs: list[int]) -> list[str]:
    """`file:line` of each PC (the innermost inlined location)."""
    out = subprocess.run(
        ["llvm-symbolizer", f"--obj={binary}", "--output-style=GNU", "--no-inlines"],
        input="\n".join(hex(pc) for pc in pcs),
        capture_output=True,
        text=True,
    ).stdout.split("\n")
    return [out[2 * i + 1] if 2 * i + 1 < len(out) else "?" for i in range(len(pcs))]


def covered_edges(binary: Path, corpus: str) -> set[int]:
    """Indices of the edges the corpus covers, from a libFuzzer merge control file."""
    with tempfile.TemporaryDirectory() as tmp:
        control = Path(tmp) / "merge.ctl"
        into = Path(tmp) / "into"
        into.mkdir()
        subprocess.run(
            [binary, "-merge=1", f"-merge_control_file={control}", into, corpus],
            capture_output=True,
            check=True,
        )
        covered: set[int] = set()
        for line in control.read_text().splitlines():
            if line.startswith("COV "):
                covered.update(int(x) for x in line.split()[2:])
        return covered


_sources: dict[str, list[str]] = {}
_is_stance: dict[str, bool] = {}


def stance_checkout(prefix: str) -> bool:
    """Whether `prefix` is a checkout of stance (the one the fuzz build was made from, which may
    be a worktree of another commit)."""
    if prefix not in _is_stance:
        manifest = Path(prefix) / "Cargo.toml"
        _is_stance[prefix] = manifest.is_file() and re.search(
            r'^name = "stance"$', manifest.read_text(), re.M
        ) is not None
    return _is_stance[prefix]


def origin(location: str) -> tuple[str, str]:
    """('stance' | 'derived' | 'dependencies', 'src/file.rs:line')."""
    path, _, line = location.rpartition(":")
    prefix, found, rest = path.partition("/src/")
    if not found or not stance_checkout(prefix):
        return "dependencies", location
    relative = "src/" + rest
    number = int(line) if line.isdigit() else 0
    if path not in _sources:
        source = Path(path)
        _sources[path] = source.read_text().split("\n") if source.exists() else []
    lines = _sources[path]
    text = lines[number - 1].strip() if 0 < number <= len(lines) else ""
    derived = number == 0 or text.startswith("#[") or FIELD.match(text) or VARIANT.match(text)
    return ("derived" if derived else "stance"), f"{relative}:{number}"


def main() -> None:
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    target, corpora = sys.argv[1], sys.argv[2:]
    binary = target_binary(target)
    pcs = pc_table(binary)
    origins = [origin(loc) for loc in symbolize(binary, pcs)]
    totals = {k: sum(1 for o, _ in origins if o == k) for k in ("stance", "derived", "dependencies")}
    print(f"{target}: {len(pcs)} instrumented edges: {totals['stance']} stance, "
          f"{totals['derived']} derived, {totals['dependencies']} dependencies")
    print("| corpus | files | covered | stance | derived | dependencies |")
    print("|---|---:|---:|---:|---:|---:|")
    previous: set[str] | None = None
    for corpus in corpora:
        covered = covered_edges(binary, corpus)
        counts = {"stance": 0, "derived": 0, "dependencies": 0}
        lines: set[str] = set()
        for index in covered:
            kind, where = origins[index]
            counts[kind] += 1
            if kind == "stance":
                lines.add(where)
        files = len(os.listdir(corpus))
        print(f"| {corpus} | {files:,} | {len(covered):,} | {counts['stance']:,} | "
              f"{counts['derived']:,} | {counts['dependencies']:,} |")
        if previous is not None and lines - previous:
            print(f"  newly covered stance lines: {', '.join(sorted(lines - previous))}")
        previous = lines


if __name__ == "__main__":
    main()
