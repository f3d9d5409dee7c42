#!/usr/bin/env bash
# Benchmark Prowler against stance on the same moto scenario: wall time, API calls, peak RSS.
#
#   bench/prowler_vs_stance.sh
#
# Steps: start moto through tests/support/moto_server.py on a free port with a request log,
# seed tests/support/seed_scenario.py (account A compliant, B misconfigured, two regions), run
# Prowler once per account (its --role takes one role ARN, so one account per run), re-seed,
# run stance once for both accounts, then (when built) the SDK floor below, print the table.
#
# Measurements: wall time, CPU time (user + system) and peak RSS from GNU time
# (`/usr/bin/time -v`); CPU time is the figure to trust on a busy machine. API calls are the
# requests the tool sent to moto, counted from the launcher's request log (every HTTP request,
# including retries and calls moto cannot serve; tests/support/recording.py names them).
# moto serves ~250-480 requests/s on its own, so wall time here is bounded by moto: read the
# API-call column together with the seconds.
#
# Environment (all optional):
#   PROWLER        Prowler executable         (default /work/venvs/prowler/bin/prowler)
#   PROWLER_ARGS   extra Prowler arguments    (default --scan-unused-services: judge every
#                  resource, as stance does, not only the ones in use)
#   STANCE         stance executable          (default target/release/stance)
#   PYTHON         Python with moto + boto3   (default python3)
#   ACCOUNTS       comma-separated, first is compliant (default 111111111111,222222222222)
#   REGIONS        comma-separated            (default us-east-1,eu-west-1)
#   ROLE_NAME      role assumed in each account (default StanceAudit)
#   WORK           scratch directory          (default a new /tmp/stance-bench.XXXXXX)
#   SDK_FLOOR      bench/sdk-floor's binary   (default target/release/sdk-floor; build it with
#                  `CARGO_TARGET_DIR=target cargo build --release --manifest-path
#                  bench/sdk-floor/Cargo.toml`): the AWS SDK for Rust alone, one read call per
#                  service client stance uses, one at a time, in every account and region; its
#                  peak RSS is the floor under any scanner built on that SDK
#                  (SDK_FLOOR_SERVICES=iam,s3,... restricts it to those services)
#   SKIP_PROWLER=1 / SKIP_STANCE=1 / SKIP_SDK_FLOOR=1   skip a tool
#
# Results: bench/results/prowler-cis4-<account>.json (Prowler's CIS 4.0 verdict per requirement)
# and bench/results/prowler_vs_stance.json (the table); raw outputs stay in $WORK.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PYTHON=${PYTHON:-python3}
PROWLER=${PROWLER:-/work/venvs/prowler/bin/prowler}
PROWLER_ARGS=${PROWLER_ARGS:---scan-unused-services}
STANCE=${STANCE:-$ROOT/target/release/stance}
SDK_FLOOR=${SDK_FLOOR:-$ROOT/target/release/sdk-floor}
ACCOUNTS=${ACCOUNTS:-111111111111,222222222222}
REGIONS=${REGIONS:-us-east-1,eu-west-1}
ROLE_NAME=${ROLE_NAME:-StanceAudit}
WORK=${WORK:-$(mktemp -d /tmp/stance-bench.XXXXXX)}
RESULTS=$ROOT/bench/results
mkdir -p "$WORK" "$RESULTS"

PORT=$("$PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
ENDPOINT=http://127.0.0.1:$PORT
REQUEST_LOG=$WORK/requests.jsonl
MEASUREMENTS=$WORK/measurements.tsv
: > "$REQUEST_LOG"
: > "$MEASUREMENTS"

# Both tools start from these dummy credentials (moto's default account) and assume ROLE_NAME.
export AWS_ACCESS_KEY_ID=stance-bench AWS_SECRET_ACCESS_KEY=stance-bench AWS_DEFAULT_REGION=us-east-1
unset AWS_PROFILE AWS_SESSION_TOKEN || true

echo "work directory: $WORK"
echo "moto: $ENDPOINT"
"$PYTHON" "$ROOT/tests/support/moto_server.py" --port "$PORT" --request-log "$REQUEST_LOG" \
    > "$WORK/moto.stdout" 2> "$WORK/moto.stderr" &
MOTO_PID=$!
trap 'kill -TERM "$MOTO_PID" 2>/dev/null || true; wait "$MOTO_PID" 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
    curl -sf "$ENDPOINT/moto-api/data.json" > /dev/null && break
    kill -0 "$MOTO_PID" 2>/dev/null || { echo "moto failed to start:"; cat "$WORK/moto.stderr"; exit 1; }
    sleep 0.1
done

seed() {
    "$PYTHON" "$ROOT/tests/support/seed_scenario.py" --endpoint "$ENDPOINT" --reset \
        --role-name "$ROLE_NAME" --accounts "$ACCOUNTS" --regions "$REGIONS" \
        --manifest "$WORK/scenario.json" > "$WORK/seed.log" 2>&1
    tail -n 1 "$WORK/seed.log"
}

# measure LABEL COMMAND...: runs COMMAND under GNU time and slices the request log to its calls.
measure() {
    local label=$1 before after status=0 base
    shift
    base=$WORK/${label//[^A-Za-z0-9_.-]/_}
    before=$(wc -l < "$REQUEST_LOG")
    /usr/bin/time -v -o "$base.time" "$@" > "$base.stdout" 2> "$base.stderr" || status=$?
    after=$(wc -l < "$REQUEST_LOG")
    sed -n "$((before + 1)),${after}p" "$REQUEST_LOG" > "$base.requests.jsonl"
    local wall rss cpu
    # "Elapsed (wall clock) time (h:mm:ss or m:ss): 0:33.24"
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {
        n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' \
        "$base.time")
    rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$base.time")
    # CPU seconds (user + system) do not depend on what else the machine is running.
    cpu=$(awk -F': ' '/(User|System) time \(seconds\)/ {s += $2} END {print s}' "$base.time")
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$label" "$wall" "$rss" "$status" "$cpu" \
        "$base.requests.jsonl" >> "$MEASUREMENTS"
    echo "$label: ${wall}s wall, ${cpu}s CPU, $((after - before)) API calls," \
        "peak RSS ${rss} KiB, exit $status"
}

IFS=, read -r -a ACCOUNT_LIST <<< "$ACCOUNTS"
IFS=, read -r -a REGION_LIST <<< "$REGIONS"

# ---- Prowler -------------------------------------------------------------------------------
if [[ "${SKIP_PROWLER:-0}" != 1 ]]; then
    PROWLER_VERSION=$("$PROWLER" --version 2>/dev/null | grep -oE '[0-9]+\.[0-9]+\.[0-9]+' | head -n 1)
    PROWLER_PKG=$("$(dirname "$PROWLER")/python" -c 'import os, prowler; print(os.path.dirname(prowler.__file__))')
    echo "prowler $PROWLER_VERSION"
    seed
    for account in "${ACCOUNT_LIST[@]}"; do
        out=$WORK/prowler/$account
        # -z: findings do not make the exit status 3. AWS_ENDPOINT_URL is honoured by every
        # boto3 client Prowler creates, including its STS client for --role.
        # shellcheck disable=SC2086 # PROWLER_ARGS is a word list on purpose
        measure "prowler[$account]" env AWS_ENDPOINT_URL="$ENDPOINT" \
            "$PROWLER" aws --role "arn:aws:iam::$account:role/$ROLE_NAME" \
            --region "${REGION_LIST[@]}" --compliance cis_4.0_aws \
            --output-formats csv json-ocsf --output-directory "$out" \
            --output-filename "prowler-$account" --no-banner --no-color -z $PROWLER_ARGS
        "$PYTHON" "$ROOT/bench/prowler_verdicts.py" \
            "$out/compliance/prowler-${account}_cis_4.0_aws.csv" --account "$account" \
            --regions "$REGIONS" --prowler-version "$PROWLER_VERSION" \
            --framework-file "$PROWLER_PKG/compliance/aws/cis_4.0_aws.json" \
            -o "$RESULTS/prowler-cis4-$account.json"
    done
fi

# ---- stance --------------------------------------------------------------------------------
if [[ "${SKIP_STANCE:-0}" != 1 ]]; then
    if [[ -x "$STANCE" ]]; then
        mkdir -p "$WORK/stance"
        # The same selection as Prowler's --compliance cis_4.0_aws: the CIS v4.0.1 checks and
        # only the collectors they need.
        seed
        measure "stance[cis-aws-v4.0.1]" "$STANCE" scan --endpoint-url "$ENDPOINT" \
            --accounts "$ACCOUNTS" --role-name "$ROLE_NAME" --regions "$REGIONS" \
            --framework cis-aws-v4.0.1 --fail-on never -o "json=$WORK/stance/cis4.json"
        # Every check (CIS v3/v4/v5 and FSBP) and every collector.
        seed
        measure "stance[all checks]" "$STANCE" scan --endpoint-url "$ENDPOINT" \
            --accounts "$ACCOUNTS" --role-name "$ROLE_NAME" --regions "$REGIONS" \
            --fail-on never -o "json=$WORK/stance/findings.json"
    else
        echo "stance: $STANCE not found; build it with 'cargo build --release' (skipped)"
    fi
fi

if [[ "${SKIP_SDK_FLOOR:-0}" != 1 ]]; then
    if [[ -x "$SDK_FLOOR" ]]; then
        seed
        measure "sdk-floor" "$SDK_FLOOR" "$ENDPOINT" "$ROLE_NAME" "${ACCOUNT_LIST[@]}" -- \
            "${REGION_LIST[@]}"
    else
        echo "sdk-floor: $SDK_FLOOR not found (skipped)"
    fi
fi

echo
"$PYTHON" "$ROOT/bench/bench_report.py" "$MEASUREMENTS" -o "$RESULTS/prowler_vs_stance.json"
if [[ -f "$WORK/stance/cis4.json" && -f "$RESULTS/prowler-cis4-${ACCOUNT_LIST[0]}.json" ]]; then
    echo
    prowler_verdicts=()
    for account in "${ACCOUNT_LIST[@]}"; do
        prowler_verdicts+=("$RESULTS/prowler-cis4-$account.json")
    done
    "$PYTHON" "$ROOT/bench/compare_cis_verdicts.py" "$WORK/stance/cis4.json" \
        "${prowler_verdicts[@]}" -o "$RESULTS/cis4_verdicts.json"
fi
if grep -q '^moto_server: ' "$WORK/moto.stderr"; then
    echo
    echo "Requests moto could not serve (from $WORK/moto.stderr):"
    sed -n 's/^moto_server: /  /p' "$WORK/moto.stderr" | sort -u
fi
