#!/usr/bin/env bash
# Fuzzes every target in turn on one core, then minimises its corpus back into
# fuzz/corpus/<target> (see docs/reliability.md).
#
# Usage: fuzz/run.sh [SECONDS_PER_TARGET] [TARGET...]     (default 600 s, every target)
#
# Needs cargo-fuzz (`cargo install cargo-fuzz --locked`). On a stable toolchain, libFuzzer's
# nightly flags are enabled with RUSTC_BOOTSTRAP=1. Set CARGO_TARGET_DIR to keep the
# instrumented build apart from the main one, STANCE to a stance binary to seed the result
# target with real results, FUZZ_WORK for the working directory (default /tmp/stance-fuzz).
# Each run's log, with the elapsed seconds before every libFuzzer line, is FUZZ_WORK/<target>.log.
set -euo pipefail
cd "$(dirname "$0")"
export RUSTC_BOOTSTRAP=1
SECS="${1:-600}"
shift || true
TARGETS=("$@")
if [ ${#TARGETS[@]} -eq 0 ]; then
  TARGETS=(snapshot result suppressions config cloudformation_yaml cloudformation_json terraform_plan)
fi
WORK="${FUZZ_WORK:-/tmp/stance-fuzz}"
mkdir -p "$WORK"

python3 seeds.py "$WORK/seeds" ${STANCE:+--stance "$STANCE"}
# No sanitizer: stance and its parsers are safe Rust, where AddressSanitizer finds nothing the
# panic checks do not, at twice the cost.
cargo fuzz build -s none

for t in "${TARGETS[@]}"; do
  corpus="$WORK/corpus/$t"
  rm -rf "$corpus"
  mkdir -p "$corpus" "corpus/$t"
  cp -n "$WORK/seeds/$t"/* "corpus/$t"/* "$corpus"/ 2>/dev/null || true
  echo "== $t: $(ls "$corpus" | wc -l) seed inputs, ${SECS} s"
  # One process, one worker: one core (libFuzzer's -jobs=1 -workers=1 equivalent, with the
  # log on stdout so it can be timed).
  cargo fuzz run -s none "$t" "$corpus" -- \
    -dict="dict/$t.dict" -max_len=16384 -rss_limit_mb=2048 -malloc_limit_mb=1024 -timeout=10 \
    -max_total_time="$SECS" -print_final_stats=1 2>&1 |
    python3 -u -c '
import sys, time
start = time.time()
for line in sys.stdin:
    sys.stdout.write("%7.1f %s" % (time.time() - start, line))
' > "$WORK/$t.log" || { echo "$t: fuzzer stopped, see $WORK/$t.log and fuzz/artifacts/$t"; exit 1; }
  grep -E "stat::number_of_executed_units|stat::new_units_added" "$WORK/$t.log" | sed 's/^ *[0-9.]* /  /'
  echo "  last new coverage at $(grep -E '[[:space:]]NEW[[:space:]]' "$WORK/$t.log" | tail -1 | awk '{print $1}') s"
  cargo fuzz cmin -s none "$t" "$corpus" -- -max_len=16384 -rss_limit_mb=2048 > "$WORK/$t.cmin.log" 2>&1
  rm -rf "corpus/$t"
  cp -r "$corpus" "corpus/$t"
  echo "  corpus: $(ls "corpus/$t" | wc -l) files, $(du -sk "corpus/$t" | cut -f1) KiB"
done
