#!/usr/bin/env bash
# Prepares a fresh machine that has Node.js 20 and npm: installs Debian's redis-server,
# redis-tools and redis-sentinel when missing (tests and the demo run real Redis processes; nothing is downloaded
# at run time), pnpm at the version pinned in package.json, and the locked dependencies.
set -euo pipefail
cd "$(dirname "$0")/.."

PNPM_VERSION=12.4.2
SUDO=""
if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then SUDO=sudo; fi

if ! command -v redis-server >/dev/null 2>&1 || ! command -v redis-cli >/dev/null 2>&1 || ! command -v redis-sentinel >/dev/null 2>&1; then
  echo "setup: installing redis-server, redis-tools and redis-sentinel (Debian packages)"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq redis-server redis-tools redis-sentinel >/dev/null
fi

if [ "$(pnpm --version 2>/dev/null | tail -n 1)" != "$PNPM_VERSION" ]; then
  echo "setup: installing pnpm $PNPM_VERSION"
  npm install --global --silent "pnpm@$PNPM_VERSION"
fi

pnpm install --frozen-lockfile
