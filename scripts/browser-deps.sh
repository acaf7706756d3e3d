#!/usr/bin/env bash
# Installs Debian's Chromium for the end-to-end page tests when it is missing and we may install it.
# Without it the browser tests skip with a clear reason; everything else still runs.
set -u
command -v chromium >/dev/null 2>&1 && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
    || echo "browser-deps: could not install chromium; browser tests will skip" >&2
else
  echo "browser-deps: chromium missing and not root; browser tests will skip" >&2
fi
exit 0
