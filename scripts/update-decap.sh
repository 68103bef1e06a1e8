#!/usr/bin/env bash
# Re-vendor the browser editor (/admin/ of the intranet edition) from npm, pinned.
#
#   scripts/update-decap.sh [DECAP_VERSION [JS_YAML_VERSION]]
#
# Writes generator/brandhall/assets/vendor/decap-cms/: Decap CMS's browser bundle (the
# main file, its lazily loaded chunks and WebAssembly modules, without source maps and
# without the duplicate cms.* copies), js-yaml's browser build (brandhall's custom
# formats read and write YAML with it), the licence texts, and VERSIONS. Afterwards run
#   .venv/bin/python -m pytest tests/test_cms_config.py tests/test_cms_browser.py
# and update the version in assets/vendor/README.md and docs/publishing.md.
set -euo pipefail
DECAP="${1:-3.16.3}"
JSYAML="${2:-5.5.0}"
root="$(cd "$(dirname "$0")/.." && pwd)"
dest="$root/generator/brandhall/assets/vendor/decap-cms"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
npm pack --silent "decap-cms@$DECAP" "js-yaml@$JSYAML" >/dev/null
mkdir decap jsyaml
tar xzf "decap-cms-$DECAP.tgz" -C decap
tar xzf "js-yaml-$JSYAML.tgz" -C jsyaml
rm -rf "$dest"
mkdir -p "$dest"
cp decap/package/dist/decap-cms.js "$dest/"
cp decap/package/dist/[0-9]*.decap-cms.js "$dest/"
cp decap/package/dist/*.wasm "$dest/"
# Decap's package carries the notices of what its bundle contains, not its own licence
# text: the MIT licence of github.com/decaporg/decap-cms is written out below.
cp decap/package/dist/decap-cms.js.LICENSE.txt "$dest/decap-cms.THIRD-PARTY.txt"
cat > "$dest/decap-cms.LICENSE" <<'MIT'
Copyright (c) 2016 Netlify <decap@p-m.si>

MIT License

Permission is hereby granted, free of charge, to any person obtaining a copy of
this software and associated documentation files (the "Software"), to deal in
the Software without restriction, including without limitation the rights to
use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of
the Software, and to permit persons to whom the Software is furnished to do so,
subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS
FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR
COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER
IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN
CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
MIT
cp jsyaml/package/dist/browser/js-yaml.umd.min.js "$dest/js-yaml.min.js"
cp jsyaml/package/LICENSE "$dest/js-yaml.LICENSE"
printf 'decap-cms %s\njs-yaml %s\n' "$DECAP" "$JSYAML" > "$dest/VERSIONS"
echo "vendored decap-cms $DECAP and js-yaml $JSYAML into $dest ($(du -sh "$dest" | cut -f1))"
