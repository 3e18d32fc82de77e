#!/usr/bin/env bash
# Runs every test of the hub on a fresh machine: installs what is missing (npm
# packages; redis-server via apt when root), type-checks, then runs unit and
# integration suites against real Redis and the simulators, then the short version of the
# chaos suite (tests/chaos: real crashes and faults under load, checked by three ledgers).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/ensure-system-deps.sh redis sshd chromium dovecot fonts mosquitto
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  # `npm install` rather than `npm ci`: the lock file cannot list every platform build of
  # optional native add-ons (msgpackr-extract) that the registry may not carry, and `npm ci`
  # refuses such a lock even though nothing on this platform needs them.
  npm install --no-audit --no-fund
fi

echo "== type check"
npx tsc -p tsconfig.json --noEmit
echo "== mapping golden samples"
npx tsx src/cli/main.ts mapping test
echo "== tests"
mkdir -p .tmp
status=0
npx vitest run --reporter=default --reporter=json --outputFile.json=.tmp/vitest.json "$@" || status=$?
node -e '
  const r = JSON.parse(require("node:fs").readFileSync(".tmp/vitest.json", "utf8"));
  const skipped = r.numPendingTests + r.numTodoTests;
  console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed` + (skipped ? `, ${skipped} skipped` : ""));
' || true
echo "== chaos (short version: faults under load, independent checker)"
npx tsx tests/chaos/run.ts --quick || status=1
exit "$status"
