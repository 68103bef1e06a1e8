#!/bin/sh
# Re-vendor axe-core (test-only: the browser tests inject it into the built pages).
#     tests/vendor/update-axe.sh [VERSION]
# Fetches the npm package with `npm pack` (the npm registry is the only network it needs),
# copies axe.min.js and its licence here, and prints the new VERSION line for README.md.
set -eu
version="${1:-4.14.1}"
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "axe-core@$version" >/dev/null && tar -xzf "axe-core-$version.tgz")
cp "$work/package/axe.min.js" "$here/axe.min.js"
cp "$work/package/LICENSE" "$here/axe-core.LICENSE"
printf '%s\n' "$version" > "$here/axe-core.VERSION"
echo "axe-core $version vendored; sha256 $(sha256sum "$here/axe.min.js" | cut -d' ' -f1)"
