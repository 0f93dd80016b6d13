#!/bin/sh
# Vendor htmx from the npm registry into this folder (run from anywhere; needs npm and tar).
# The version is pinned here; bump it, rerun, and commit the result.
set -eu
VERSION=2.0.4
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
npm pack --silent "htmx.org@$VERSION" >/dev/null
tar -xzf "htmx.org-$VERSION.tgz"
cp package/dist/htmx.min.js "$HERE/htmx.min.js"
cp package/LICENSE "$HERE/htmx.LICENSE"
echo "htmx.org@$VERSION" > "$HERE/htmx.VERSION"
echo "vendored htmx.org@$VERSION into $HERE"
