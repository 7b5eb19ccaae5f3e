#!/usr/bin/env bash
# The HTML report test renders the report in a real headless browser: Debian's chromium.
# Installed here (once) so that `npm test` on a fresh machine needs nothing else.
set -euo pipefail
if command -v chromium >/dev/null 2>&1 || [ -n "${CHROMIUM_BIN:-}" ]; then exit 0; fi
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
echo "mesh-lint tests: installing Debian's chromium for the HTML report test" >&2
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends chromium >/dev/null
command -v chromium >/dev/null 2>&1 || { echo "chromium could not be installed: the HTML report test needs it" >&2; exit 1; }
