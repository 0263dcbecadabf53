#!/usr/bin/env bash
# Long crash torture (issue 5): the CrashTorture integration test with 200 kill -9 iterations.
# Each iteration starts the daemon, drops a burst of files with mixed writers (cp, mv within
# and across file systems, rsync, rsync --inplace, a slow writer, hard links; duplicates and
# bad files), kills it with SIGKILL at a random moment; the end checks every invariant.
# The daemon and the test bundle are copied and run directly (not through `swift test`), so
# the run neither holds the build directory's lock nor changes if the package is rebuilt.
#   scripts/torture.sh [ITERATIONS] [FILES_PER_BURST] [SEED]
set -euo pipefail
cd "$(dirname "$0")/.."
export TORTURE_ITERATIONS="${1:-200}"
export TORTURE_FILES="${2:-40}"
[ -n "${3:-}" ] && export TORTURE_SEED="$3"
swift build --build-tests
copies=$(mktemp -d /tmp/depeche-torture-bin.XXXXXX)
trap 'rm -rf "$copies"' EXIT
cp .build/debug/depeche .build/debug/depechePackageTests.xctest "$copies/"
export INTEGRATION_DEPECHE_BINARY="$copies/depeche"
start=$(date +%s)
"$copies/depechePackageTests.xctest" --testing-library swift-testing --filter CrashTorture 2>&1 | tee "$copies/output"
grep -q "Test run with 1 test .*passed" "$copies/output"
echo "torture: passed in $(( $(date +%s) - start )) s"
