#!/usr/bin/env bash
# Runs every Crisp Desk test: formatting and lints, Rust (client, sandbox, CLI, app, real keychain),
# the UI (Vitest + Playwright on Debian's chromium), and end-to-end tests of the real app window.
# Installs whatever is missing first. Ends with one line: "total: N passed, M failed".
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export CARGO_TERM_COLOR=never NO_COLOR=1
target="${CARGO_TARGET_DIR:-$root/target}"
logs="$target/test-logs"
mkdir -p "$logs"

passed=0
failed=0
started=$(date +%s)

step() { printf '\n=== %s (%ss)\n' "$1" "$(( $(date +%s) - started ))"; }

# Adds the counts a runner printed to the totals: cargo's "test result" lines, node's "# pass/# fail",
# and the plain "N passed, M failed" line our UI runner ends with.
tally() {
  local log="$1" p f
  p=$(grep -Eo 'test result: [a-zA-Z]+\. [0-9]+ passed' "$log" | grep -Eo '[0-9]+ passed' | grep -Eo '[0-9]+' | awk '{s+=$1} END {print s+0}' || true)
  f=$(grep -Eo 'test result: [a-zA-Z]+\. [0-9]+ passed; [0-9]+ failed' "$log" | grep -Eo '[0-9]+ failed' | grep -Eo '[0-9]+' | awk '{s+=$1} END {print s+0}' || true)
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
  p=$(grep -E '^# pass [0-9]+' "$log" | grep -Eo '[0-9]+' | awk '{s+=$1} END {print s+0}' || true)
  f=$(grep -E '^# fail [0-9]+' "$log" | grep -Eo '[0-9]+' | awk '{s+=$1} END {print s+0}' || true)
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
  p=$(grep -E '^(ui: )?[0-9]+ passed, [0-9]+ failed' "$log" | tail -1 | grep -Eo '^(ui: )?[0-9]+' | grep -Eo '[0-9]+' || true)
  f=$(grep -E '^(ui: )?[0-9]+ passed, [0-9]+ failed' "$log" | tail -1 | grep -Eo '[0-9]+ failed' | grep -Eo '[0-9]+' || true)
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
}

# Runs one layer with its output kept in a log; stops the whole run at the first failing layer.
layer() {
  local name="$1"; shift
  step "$name"
  local log="$logs/$name.log"
  if "$@" 2>&1 | tee "$log"; then
    tally "$log"
  else
    tally "$log"
    failed=$((failed + 1))
    printf '\n%s failed (log: %s)\ntotal: %d passed, %d failed\n' "$name" "$log" "$passed" "$failed"
    exit 1
  fi
}

step "setup"
bash scripts/setup.sh

layer shellcheck shellcheck -x scripts/*.sh scripts/lib/*.sh tests/*.sh .ci/run
layer fmt cargo fmt --all --check
layer clippy cargo clippy --workspace --all-targets --locked -- -D warnings
layer typescript npm run --silent check:ts
layer rust cargo test --workspace --locked
layer keychain bash scripts/test-keychain.sh
layer fault-matrix cargo test -p crisp-people-csv --locked --test fault_matrix -- --ignored --nocapture
layer benches-build cargo bench --workspace --locked --bench '*' --no-run
# The real-window benches are not run here: each script is only parsed.
parse_bench_scripts() {
  local script
  for script in bench/*.mjs; do node --check "$script" || return 1; done
  echo "bench scripts parse"
}
layer bench-scripts parse_bench_scripts
layer ui npm run --silent test:ui
layer e2e bash tests/run.sh
# The README's first command as a new machine runs it: a target folder that does not exist yet (a cold build).
smoke_target="$target/smoke-cold-build"
rm -rf "$smoke_target"
layer smoke env CARGO_TARGET_DIR="$smoke_target" bash scripts/start.sh --smoke
rm -rf "$smoke_target"

printf '\nall layers passed in %ss\ntotal: %d passed, %d failed\n' "$(( $(date +%s) - started ))" "$passed" "$failed"
