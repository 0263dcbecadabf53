#!/usr/bin/env bash
# Long crash torture (issue 5): the CrashTorture integration test with 200 kill -9 iterations.
# Each iteration starts the daemon, drops a burst of files with mixed writers (cp, mv within
# and across file systems, rsync, rsync --inplace, a slow writer, hard links; duplicates and
# bad files), kills it with SIGKILL at a random moment; the end checks every invariant.
#   scripts/torture.sh [ITERATIONS] [FILES_PER_BURST] [SEED]
set -euo pipefail
cd "$(dirname "$0")/.."
export DEPECHE_TORTURE_ITERATIONS="${1:-200}"
export DEPECHE_TORTURE_FILES="${2:-40}"
[ -n "${3:-}" ] && export DEPECHE_TORTURE_SEED="$3"
swift build --build-tests
start=$(date +%s)
swift test --skip-build --filter 'CrashTorture' 2>&1 | tee /dev/stderr | grep -q '✔ Test run with 1 test'
echo "torture: passed in $(( $(date +%s) - start )) s"
