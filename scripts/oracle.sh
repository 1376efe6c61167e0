#!/usr/bin/env bash
# Checks the mosquitto listener model against the real broker (Debian's `mosquitto`, apt-get install -y mosquitto).
set -euo pipefail
cd "$(dirname "$0")/.."
exec npx vitest run --config vitest.oracle.config.ts "$@"
