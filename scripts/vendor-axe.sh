#!/usr/bin/env bash
# Vendors axe-core, the accessibility rules the browser tests run on every
# page, into ui/browsertest/testdata/: axe.min.js, its licence (MPL-2.0) and
# a note of the version and the package's integrity. The tests read those
# files, never npm; run this only to move to another version (change the
# pin below, with the integrity `npm view axe-core@VERSION dist.integrity`
# prints, and commit the result).
#
#   scripts/vendor-axe.sh
set -euo pipefail
cd "$(dirname "$0")/.."

version=4.14.1
integrity=sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ==
dest=ui/browsertest/testdata

work=$(mktemp -d -t govshare-axe-XXXXXX)
trap 'rm -rf "$work"' EXIT

echo "fetching axe-core $version"
if ! tarball=$(cd "$work" && npm pack --silent "axe-core@$version" 2>"$work/npm.log" | tail -n 1) || [[ -z $tarball ]]; then
  echo "npm pack axe-core@$version failed:" >&2
  cat "$work/npm.log" >&2
  exit 1
fi
got="sha512-$(node -e '
  const data = require("fs").readFileSync(process.argv[1]);
  process.stdout.write(require("crypto").createHash("sha512").update(data).digest("base64"));
' "$work/$tarball")"
if [[ $got != "$integrity" ]]; then
  echo "axe-core $version: integrity mismatch" >&2
  echo "  want $integrity" >&2
  echo "  got  $got" >&2
  exit 1
fi

tar -xzf "$work/$tarball" -C "$work" package/axe.min.js package/LICENSE package/package.json
packaged=$(node -p 'require(process.argv[1]).version' "$work/package/package.json")
if [[ $packaged != "$version" ]]; then
  echo "the package says it is axe-core $packaged, not $version" >&2
  exit 1
fi

mkdir -p "$dest"
cp "$work/package/axe.min.js" "$dest/axe.min.js"
cp "$work/package/LICENSE" "$dest/axe-LICENSE"
cat > "$dest/axe-VERSION" <<NOTE
axe-core $version
integrity $integrity
licence MPL-2.0 (axe-LICENSE)
vendored by scripts/vendor-axe.sh: axe.min.js from the npm package, unchanged
NOTE
echo "axe-core $version vendored into $dest"
