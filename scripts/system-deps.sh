#!/usr/bin/env bash
# System packages the browser and server tests need, from Debian's archive:
# chromium (driven by Playwright; never `playwright install`), CJK fonts so Chinese
# renders in screenshots, nginx for the server-config test, faketime for the test
# that runs the suite with the clock set years ahead, and poppler-utils (pdftoppm) to
# turn the printed brand card into images.
# `brandhall book` (WeasyPrint) needs Pango and HarfBuzz's subsetter from the system
# (the pip wheel brings no C libraries); it embeds the fonts-noto-cjk fonts in the PDF.
set -euo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || missing+=(fonts-noto-cjk)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx-light)
command -v faketime >/dev/null 2>&1 || missing+=(faketime)
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
# --- brandhall book (WeasyPrint) ---
for lib in libpango-1.0.so.0:libpango-1.0-0 libpangoft2-1.0.so.0:libpangoft2-1.0-0 \
  libharfbuzz-subset.so.0:libharfbuzz-subset0; do
  ldconfig -p 2>/dev/null | grep -q "${lib%%:*}" || missing+=("${lib##*:}")
done
# The browser editor's test runs Decap's local backend (tests/cms/, `npm ci` on first use).
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "缺少系统软件包：${missing[*]}。请运行：sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
