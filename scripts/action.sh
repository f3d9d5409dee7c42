#!/usr/bin/env bash
# The shell behind action.yml: installs stance, runs `stance scan` with the action's inputs,
# writes the job summary and the step outputs, and exits with stance's exit code.
#
#   bash scripts/action.sh             install + scan (the action's main step)
#   bash scripts/action.sh cache-key   print `key=` and `restore-key=` lines for the build cache
#
# Inputs arrive only as environment variables (action.yml maps every `inputs.x` to
# `INPUT_X` under `env:`), so no input text is ever part of a script. They are never passed
# to eval or to a shell: each becomes one argument of stance in `--flag=value` form, so a value
# that starts with `-` or contains spaces, quotes, `;` or `$(...)` is just text.
#
#   INPUT_MODE           iac | aws | both | install (install only: put stance on PATH)
#   INPUT_PATHS          IaC paths: one per line, or comma-separated on one line
#   INPUT_CONFIG         stance.toml to use (flags given here override it)
#   INPUT_BASELINE       previous JSON result; a missing file is a warning (no baseline)
#   INPUT_FAIL_ON        any | new | never (empty: stance's default or the config file's)
#   INPUT_MIN_SEVERITY   informational | low | medium | high | critical
#   INPUT_SARIF_FILE     SARIF output (empty: none)
#   INPUT_HTML_FILE      HTML report (empty: none)
#   INPUT_JSON_FILE      JSON result (empty: a temporary file, still reported as output)
#   INPUT_SUPPRESSIONS   suppressions YAML
#   INPUT_ACCOUNTS       account ids, newline- or comma-separated (modes aws, both)
#   INPUT_ORG            true: every ACTIVE account of the organization
#   INPUT_ROLE_NAME      role assumed in each account
#   INPUT_REGIONS        regions, newline- or comma-separated
#   INPUT_SHARD          K/N: scan one shard of the accounts
#   INPUT_EXTRA_ARGS     more stance scan arguments, split on whitespace (no quoting, no globbing)
#   INPUT_VERSION        a release (e.g. 0.1.0) to download instead of building from source
#
# Also read: STANCE_BIN (use this binary; skips installing), STANCE_REPOSITORY (owner/repo of
# the release downloads), GITHUB_ACTION_PATH, GITHUB_WORKSPACE, GITHUB_OUTPUT,
# GITHUB_STEP_SUMMARY, GITHUB_PATH, RUNNER_TEMP, CARGO_TARGET_DIR.
#
# Outputs (GITHUB_OUTPUT): stance-path, sarif-file, json-file, new-findings, exit-code.
#
# Exit status: stance's exit code (0 clean, 1 findings over the threshold, 2 usage or input
# error, 3 incomplete with --strict, 4 partly invalid input, 5 runtime failure). With
# `fail-on: never`, 1, 3 and 4 are reported (output, annotation, summary) but the step passes;
# 2 and 5 still fail it, since then there is no result at all.
set -euo pipefail
shopt -s inherit_errexit

readonly RELEASE_TARGET=x86_64-unknown-linux-gnu

# ---- messages -------------------------------------------------------------------------------

# A workflow command's message with `%`, CR and LF escaped, so text from an input or a file
# cannot end the command and start another one.
command_escape() {
  local s=$1
  s=${s//'%'/'%25'}
  s=${s//$'\r'/'%0D'}
  s=${s//$'\n'/'%0A'}
  printf '%s' "$s"
}

# Annotations go to standard error (the runner reads workflow commands on both streams), so
# one printed inside a command substitution is not captured.
notice() { printf '::notice title=stance::%s\n' "$(command_escape "$*")" >&2; }
warning() { printf '::warning title=stance::%s\n' "$(command_escape "$*")" >&2; }
error() { printf '::error title=stance::%s\n' "$(command_escape "$*")" >&2; }

# die MESSAGE [EXIT_CODE]: an error annotation, then exit (default 2, stance's usage error).
die() {
  error "$1"
  exit "${2:-2}"
}

# ---- small helpers ----------------------------------------------------------------------------

# Trims leading and trailing whitespace (CR included).
trim() {
  local s=$1
  s=${s#"${s%%[![:space:]]*}"}
  s=${s%"${s##*[![:space:]]}"}
  printf '%s' "$s"
}

# split_list TEXT: fills the global array LIST with the items of TEXT, one per line when TEXT
# has several lines (so an item may contain a comma), else comma-separated. Items are trimmed;
# empty items are dropped.
split_list() {
  local text=$1 sep=',' item
  LIST=()
  if [[ $text == *$'\n'* ]]; then
    sep=$'\n'
  fi
  while IFS= read -r -d "$sep" item; do
    item=$(trim "$item")
    if [[ -n $item ]]; then
      LIST+=("$item")
    fi
  done < <(printf '%s%s' "$text" "$sep")
}

# single NAME VALUE: the trimmed value of a one-line input (a newline in it is an error).
single() {
  local value
  value=$(trim "$2")
  if [[ $value == *$'\n'* || $value == *$'\r'* ]]; then
    die "input $1 must be a single line"
  fi
  printf '%s' "$value"
}

# output_file NAME VALUE: a one-line file path input; `-` (standard output) is refused since
# the action needs real files.
output_file() {
  local value
  value=$(single "$1" "$2")
  if [[ $value == "-" ]]; then
    die "input $1: '-' (standard output) is not supported here; name a file"
  fi
  printf '%s' "$value"
}

# set_output NAME VALUE: a step output. Values are one line (paths and numbers).
set_output() {
  if [[ $2 == *$'\n'* || $2 == *$'\r'* ]]; then
    die "output $1 would span several lines"
  fi
  if [[ -n ${GITHUB_OUTPUT:-} ]]; then
    printf '%s=%s\n' "$1" "$2" >>"$GITHUB_OUTPUT"
  fi
}

# bool NAME VALUE: prints true or false.
bool() {
  local value
  value=$(trim "$2")
  case "${value,,}" in
    true | yes | on | 1) printf 'true' ;;
    false | no | off | 0 | '') printf 'false' ;;
    *) die "input $1 must be true or false, not '$value'" ;;
  esac
}

# Prints the SHA-256 of a file.
sha256_of() {
  if command -v sha256sum >/dev/null 2>&1; then
    sha256sum -- "$1" | cut -d' ' -f1
  else
    shasum -a 256 -- "$1" | cut -d' ' -f1
  fi
}

# Makes the parent directory of an output file.
make_parent() {
  local parent
  parent=$(dirname -- "$1")
  mkdir -p -- "$parent"
}

action_path() {
  if [[ -n ${GITHUB_ACTION_PATH:-} ]]; then
    printf '%s' "$GITHUB_ACTION_PATH"
  else
    (cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)
  fi
}

# ---- installing stance ------------------------------------------------------------------------

# Sets STANCE to the binary to run: STANCE_BIN, a downloaded release, or a build from the
# action's own source.
install_stance() {
  local version
  version=$(single version "${INPUT_VERSION:-}")
  if [[ -n ${STANCE_BIN:-} ]]; then
    if [[ $STANCE_BIN == */* ]]; then
      STANCE=$(cd -- "$(dirname -- "$STANCE_BIN")" && pwd)/$(basename -- "$STANCE_BIN")
    else
      STANCE=$(command -v -- "$STANCE_BIN") || die "STANCE_BIN=$STANCE_BIN is not on PATH" 5
    fi
    [[ -x $STANCE ]] || die "STANCE_BIN=$STANCE_BIN is not an executable file" 5
  elif [[ -n $version ]]; then
    download_release "$version"
  else
    build_from_source
  fi
  if [[ -n ${GITHUB_PATH:-} ]]; then
    dirname -- "$STANCE" >>"$GITHUB_PATH"
  fi
  set_output stance-path "$STANCE"
}

download_release() {
  local version=${1#v} repo server url dir asset expected actual
  if [[ ! $version =~ ^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$ ]]; then
    die "input version must be a release such as 0.1.0, not '$1'"
  fi
  if [[ $(uname -s) != Linux || ! $(uname -m) =~ ^(x86_64|amd64)$ ]]; then
    die "release binaries are built for $RELEASE_TARGET only; on $(uname -s) $(uname -m) leave version empty to build from source" 5
  fi
  repo=${STANCE_REPOSITORY:-${GITHUB_ACTION_REPOSITORY:-${GITHUB_REPOSITORY:-stance-dev/stance}}}
  if [[ ! $repo =~ ^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$ ]]; then
    die "cannot tell which repository publishes stance releases ('$repo'); set STANCE_REPOSITORY" 5
  fi
  server=${GITHUB_SERVER_URL:-https://github.com}
  asset="stance-$RELEASE_TARGET.tar.gz"
  url="$server/$repo/releases/download/v$version/$asset"
  dir=$(mktemp -d "$TMP_ROOT/stance-release.XXXXXX")
  echo "::group::Download stance $version"
  echo "$url"
  curl --proto '=https' --tlsv1.2 --fail --silent --show-error --location --retry 3 \
    --output "$dir/$asset" -- "$url" || die "cannot download $url" 5
  curl --proto '=https' --tlsv1.2 --fail --silent --show-error --location --retry 3 \
    --output "$dir/$asset.sha256" -- "$url.sha256" || die "cannot download $url.sha256" 5
  expected=$(cut -d' ' -f1 <"$dir/$asset.sha256")
  actual=$(sha256_of "$dir/$asset")
  if [[ ! $expected =~ ^[0-9a-f]{64}$ || $expected != "$actual" ]]; then
    die "checksum mismatch for $asset: expected '$expected', got '$actual'" 5
  fi
  tar -xzf "$dir/$asset" -C "$dir"
  if [[ -f $dir/stance ]]; then
    STANCE=$dir/stance
  else
    STANCE=$(find "$dir" -mindepth 2 -maxdepth 2 -type f -name stance -print -quit)
  fi
  [[ -n $STANCE && -f $STANCE ]] || die "$asset has no stance binary" 5
  chmod +x -- "$STANCE"
  echo "::endgroup::"
}

build_from_source() {
  local root
  root=$(action_path)
  command -v cargo >/dev/null 2>&1 ||
    die "cargo is not installed: install a Rust toolchain before this action, or set version to download a release" 5
  export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$root/target}
  echo "::group::Build stance from source ($root)"
  cargo build --release --locked --bin stance --manifest-path "$root/Cargo.toml" ||
    die "cargo build failed" 5
  echo "::endgroup::"
  STANCE=$CARGO_TARGET_DIR/release/stance
}

# `cache-key`: the actions/cache key of the source build: OS, architecture, rustc version and
# the hash of the action's Cargo.lock.
cache_key() {
  local root rustc prefix
  root=$(action_path)
  rustc=$(rustc --version 2>/dev/null | tr -c 'A-Za-z0-9.\n' '-' || true)
  prefix="stance-build-$(uname -s)-$(uname -m)-${rustc:-norustc}-"
  printf 'key=%s%s\n' "$prefix" "$(sha256_of "$root/Cargo.lock")"
  printf 'restore-key=%s\n' "$prefix"
}

# ---- the scan ---------------------------------------------------------------------------------

main() {
  TMP_ROOT=${RUNNER_TEMP:-${TMPDIR:-/tmp}}
  local mode
  mode=$(single mode "${INPUT_MODE:-iac}")
  mode=${mode,,}
  case "$mode" in
    iac | aws | both | install) ;;
    *) die "input mode must be iac, aws, both or install, not '$mode'" ;;
  esac

  install_stance
  if [[ $mode == install ]]; then
    "$STANCE" --version
    return 0
  fi

  if [[ -n ${GITHUB_WORKSPACE:-} ]]; then
    cd -- "$GITHUB_WORKSPACE"
  fi
  local work
  work=$(mktemp -d "$TMP_ROOT/stance-action.XXXXXX")

  local -a args=(scan)
  local value
  value=$(single config "${INPUT_CONFIG:-}")
  if [[ -n $value ]]; then
    args+=("--config=$value")
  fi

  # Sources.
  if [[ $mode == iac || $mode == both ]]; then
    split_list "${INPUT_PATHS:-.}"
    if ((${#LIST[@]} == 0)); then
      LIST=(.)
    fi
    for value in "${LIST[@]}"; do
      args+=("--iac=$value")
    done
  fi
  local accounts regions role org shard
  split_list "${INPUT_ACCOUNTS:-}"
  accounts=$(
    IFS=,
    printf '%s' "${LIST[*]}"
  )
  split_list "${INPUT_REGIONS:-}"
  regions=$(
    IFS=,
    printf '%s' "${LIST[*]}"
  )
  role=$(single role-name "${INPUT_ROLE_NAME:-}")
  org=$(bool org "${INPUT_ORG:-false}")
  shard=$(single shard "${INPUT_SHARD:-}")
  if [[ -n $shard && ! $shard =~ ^[0-9]+/[0-9]+$ ]]; then
    die "input shard must be K/N (for example 2/4), not '$shard'"
  fi
  if [[ $mode == iac ]]; then
    if [[ -n $accounts || -n $regions || -n $role || -n $shard || $org == true ]]; then
      warning "mode is iac: accounts, org, role-name, regions and shard are ignored (use mode aws or both)"
    fi
  else
    if [[ $org == true && -n $accounts ]]; then
      die "inputs org and accounts exclude each other"
    fi
    if [[ -n $accounts ]]; then args+=("--accounts=$accounts"); fi
    if [[ $org == true ]]; then args+=(--org); fi
    if [[ -n $role ]]; then args+=("--role-name=$role"); fi
    if [[ -n $regions ]]; then args+=("--regions=$regions"); fi
    if [[ -n $shard ]]; then args+=("--shard=$shard"); fi
    if [[ $mode == both ]]; then args+=(--aws); fi
  fi

  # Baseline, suppressions, failure policy.
  local baseline
  baseline=$(single baseline "${INPUT_BASELINE:-}")
  if [[ -n $baseline ]]; then
    if [[ -f $baseline ]]; then
      args+=("--baseline=$baseline")
    else
      warning "baseline $baseline not found: scanning without one, so every failure counts as new"
      baseline=''
    fi
  fi
  value=$(single suppressions "${INPUT_SUPPRESSIONS:-}")
  if [[ -n $value ]]; then
    args+=("--suppressions=$value")
  fi
  local fail_on
  fail_on=$(single fail-on "${INPUT_FAIL_ON:-}")
  fail_on=${fail_on,,}
  case "$fail_on" in
    '') ;;
    any | new | never) args+=("--fail-on=$fail_on") ;;
    *) die "input fail-on must be any, new or never, not '$fail_on'" ;;
  esac
  value=$(single min-severity "${INPUT_MIN_SEVERITY:-}")
  value=${value,,}
  case "$value" in
    '') ;;
    informational | low | medium | high | critical) args+=("--min-severity=$value") ;;
    *) die "input min-severity must be informational, low, medium, high or critical, not '$value'" ;;
  esac

  # Outputs. The JSON result is always written (the outputs are computed from it) and the
  # markdown summary always goes to a temporary file that is appended to the job summary.
  local sarif html json summary
  sarif=$(output_file sarif-file "${INPUT_SARIF_FILE-stance.sarif}")
  html=$(output_file html-file "${INPUT_HTML_FILE:-}")
  json=$(output_file json-file "${INPUT_JSON_FILE:-}")
  if [[ -z $json ]]; then
    json=$work/result.json
  fi
  summary=$work/summary.md
  for value in "$sarif" "$html" "$json"; do
    if [[ -n $value ]]; then
      make_parent "$value"
    fi
  done
  # A result left by an earlier run must not be mistaken for this one's (unless it is the
  # baseline itself, which stance reads before replacing it).
  if [[ -z $baseline || ! $json -ef $baseline ]]; then
    rm -f -- "$json"
  fi
  if [[ -n $sarif ]]; then
    rm -f -- "$sarif"
    args+=("--output=sarif=$sarif")
  fi
  if [[ -n $html ]]; then
    args+=("--output=html=$html")
  fi
  args+=("--output=json=$json" "--output=markdown=$summary")

  # Extra arguments: whitespace-separated words, taken literally.
  local -a extra=()
  read -r -d '' -a extra < <(printf '%s\0' "${INPUT_EXTRA_ARGS:-}") || true
  args+=("${extra[@]}")

  # Run. Workflow commands are off while stance prints, so a resource name in its output
  # cannot act as one.
  local token rc=0
  printf 'stance'
  printf ' %q' "${args[@]}"
  printf '\n'
  token=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
  echo "::stop-commands::$token"
  "$STANCE" "${args[@]}" || rc=$?
  echo "::$token::"

  # Outputs.
  local new=''
  if [[ -s $json ]]; then
    if command -v jq >/dev/null 2>&1; then
      # Open (unsuppressed) failures that are new compared with the baseline; without a
      # baseline every open failure is new, as `--fail-on new` counts them.
      new=$(jq -r '[.results[] | select(.status == "FAIL" and .suppressed_by == null
                 and (.baseline // "new") == "new")] | length' "$json") ||
        {
          warning "cannot read $json with jq"
          new=''
        }
    else
      warning "jq is not installed: the new-findings output is empty"
    fi
  fi
  if [[ -n $sarif && -s $sarif ]]; then
    set_output sarif-file "$sarif"
  else
    set_output sarif-file ""
  fi
  if [[ -s $json ]]; then
    set_output json-file "$json"
  else
    set_output json-file ""
  fi
  set_output new-findings "$new"
  set_output exit-code "$rc"

  # Job summary.
  if [[ -n ${GITHUB_STEP_SUMMARY:-} ]]; then
    if [[ -s $summary ]]; then
      cat -- "$summary" >>"$GITHUB_STEP_SUMMARY"
    else
      printf '## stance: no result (exit code %s)\n\nSee the log of this step.\n' "$rc" \
        >>"$GITHUB_STEP_SUMMARY"
    fi
  fi

  case "$rc" in
    0) return 0 ;;
    1 | 3 | 4) ;;
    2) die "stance reported a usage or input error (exit 2): see the log" 2 ;;
    *) die "stance failed (exit $rc): see the log" "$rc" ;;
  esac
  local what
  case "$rc" in
    1) what="failures at or above the threshold${new:+ ($new new)}: see the job summary" ;;
    3) what="the scan is incomplete (coverage gaps or check errors) and --strict was given" ;;
    *) what="part of the input was invalid and was skipped: see the log" ;;
  esac
  if [[ $fail_on == never ]]; then
    warning "$what (exit $rc; fail-on is never, so the step passes)"
    return 0
  fi
  error "$what"
  exit "$rc"
}

case "${1:-}" in
  '') main ;;
  cache-key) cache_key ;;
  *) die "unknown command '$1' (expected no argument or cache-key)" ;;
esac
