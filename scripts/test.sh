#!/usr/bin/env bash
# `npm test`: type-check both sides, lint with zero warnings, unit + integration tests, build,
# then the Playwright e2e suite in Chromium against `vigil serve`. Stops at the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."

node -e 'const [a,b]=process.versions.node.split(".").map(Number); if(!(a>22||(a===22&&b>=12))){console.error(`Vigil needs Node >= 22.12; this is ${process.version}`);process.exit(1)}'

echo "== type-check (node side, web side)"
npm run --silent typecheck
echo "== lint"
npm run --silent lint

rm -rf .test-reports
echo "== vitest (unit + integration)"
# The keychain tests need a Secret Service: run them in a private D-Bus session with an
# unlocked gnome-keyring when no session bus is present (CI, SSH).
if [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ] && command -v dbus-run-session >/dev/null 2>&1 &&
  command -v gnome-keyring-daemon >/dev/null 2>&1; then
  dbus-run-session -- bash -c 'echo -n vigil-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null && npx vitest run --reporter=default --reporter=json --outputFile.json=.test-reports/vitest.json'
else
  npx vitest run --reporter=default --reporter=json --outputFile.json=.test-reports/vitest.json
fi

echo "== build"
npm run --silent build
echo "== e2e (Playwright, Chromium)"
# The cockpit's key form stores keys through the host's keychain: same private session.
if [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ] && command -v dbus-run-session >/dev/null 2>&1 &&
  command -v gnome-keyring-daemon >/dev/null 2>&1; then
  dbus-run-session -- bash -c 'echo -n vigil-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null && npx playwright test'
else
  npx playwright test
fi
node scripts/test-summary.mjs
