#!/usr/bin/env bash
# Install the system tools the tests need (Debian packages), if missing.
# Runs as root (CI, fresh machines) or through sudo; elsewhere it says what to run.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need+=(chromium-driver)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need+=(nginx-light)
[ -f /usr/lib/nginx/modules/ngx_http_brotli_static_module.so ] || need+=(libnginx-mod-http-brotli-static)
command -v rsync >/dev/null 2>&1 || need+=(rsync)
command -v openssl >/dev/null 2>&1 || need+=(openssl)
command -v java >/dev/null 2>&1 || need+=(default-jre-headless)
command -v node >/dev/null 2>&1 || need+=(nodejs npm)
# The build draws link-preview cards with DejaVu (plugins/ktan_images/card.py).
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf ] || need+=(fonts-dejavu-core)

if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then sudo=""; elif command -v sudo >/dev/null 2>&1; then sudo="sudo"; else sudo=""; fi
  if [ "$(id -u)" -ne 0 ] && [ -z "$sudo" ]; then
    echo "install.sh: missing ${need[*]}; install them with apt-get as root." >&2
  else
    echo "install.sh: installing ${need[*]} (apt-get)"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  fi
fi

# Node tools (validator, axe-core, lighthouse) are pinned in tests/tools/package-lock.json.
if [ -f "$here/package.json" ] && command -v npm >/dev/null 2>&1; then
  if [ ! -d "$here/node_modules" ] || [ "$here/package-lock.json" -nt "$here/node_modules/.package-lock.json" ]; then
    (cd "$here" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
  fi
fi

# The browser CMS's packages (Decap CMS, decap-server), pinned in plugins/ktan_cms/package-lock.json;
# `invoke edit` installs them the same way on an editor's first run.
cms="$here/../../plugins/ktan_cms"
if [ -f "$cms/package-lock.json" ] && command -v npm >/dev/null 2>&1; then
  if ! cmp -s "$cms/package-lock.json" "$cms/node_modules/.ktan-package-lock.json"; then
    (cd "$cms" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error && cp package-lock.json node_modules/.ktan-package-lock.json)
  fi
fi
