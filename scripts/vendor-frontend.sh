#!/usr/bin/env bash
# vendor-frontend.sh builds the catalogue's front end from pinned npm
# packages and writes the result under ui/static/, where go:embed picks it
# up: `go build` never needs npm, only changing the look does.
#
#   scripts/vendor-frontend.sh           rebuild ui/static/govshare.min.css and ui/static/govuk/
#   scripts/vendor-frontend.sh --check   rebuild in a scratch folder and fail if the committed files differ
#
# Inputs, all in ui/frontend/: package.json and package-lock.json pin
# govuk-frontend and the sass compiler to exact versions with integrity
# hashes (`npm ci` refuses anything else); govshare.scss configures
# govuk-frontend (a system font stack, no GDS Transport @font-face, no
# crown or crest image, asset paths under /static/govuk/) and adds the few
# components of our own.
#
# Outputs:
#   ui/static/govshare.min.css                govuk-frontend's Sass and ours, compiled
#   ui/static/govuk/govuk-frontend.min.js     govuk-frontend's ES module, byte for byte as published
#   ui/static/govuk/LICENSE.txt               its MIT licence
#   ui/static/govuk/README.md                 package, version and integrity of every input
#
# GOV.UK's fonts, crown, crest and icons are Crown copyright and only for
# GOV.UK services: none of them is copied or referenced.
#
# Needs node (20.19 or later, for sass) and npm, reaching the npm registry;
# it installs nothing outside a temporary folder. Running it twice gives byte-identical
# files: the compiler's output depends only on its pinned inputs, and
# nothing written carries a date or a path.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
src="$root/ui/frontend"
static="$root/ui/static"

check=false
case "${1:-}" in
--check) check=true ;;
"") ;;
*)
	echo "usage: $0 [--check]" >&2
	exit 2
	;;
esac

for tool in node npm; do
	if ! command -v "$tool" >/dev/null; then
		echo "vendor-frontend: $tool is missing (apt-get install nodejs npm)" >&2
		exit 1
	fi
done

# sass (pinned in the lock file) needs node 20.19 or later.
if ! node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)'; then
	echo "vendor-frontend: node $(node --version) is too old: sass needs 20.19 or later" >&2
	exit 1
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Install exactly what the lock file names, verified against its integrity
# hashes, without running any package's install scripts. sass's optional
# file watcher (a native addon) is not needed to compile once.
cp "$src/package.json" "$src/package-lock.json" "$work/"
(cd "$work" && npm ci --ignore-scripts --omit=optional --include=dev \
	--no-audit --no-fund --loglevel=error >/dev/null)

out="$work/out"
mkdir -p "$out/govuk"
gf="$work/node_modules/govuk-frontend"

# Compile. --quiet-deps silences deprecation notes from inside
# govuk-frontend; a warning from our own Sass still shows.
"$work/node_modules/.bin/sass" \
	--load-path="$work/node_modules" --load-path="$src" \
	--style=compressed --no-source-map --no-charset --quiet-deps \
	"$src/govshare.scss" "$out/govshare.min.css"

# Fail closed if anything GOV.UK-only slipped into the stylesheet.
if grep -Eq 'GDS Transport|govuk-crest|\.woff' "$out/govshare.min.css"; then
	echo "vendor-frontend: the stylesheet still refers to a GOV.UK font or crest" >&2
	exit 1
fi

# The JavaScript is used as published (an ES module exporting initAll). Its
# source map is left out, so the comment naming it goes too: nothing asks
# for a file that is not there.
sed '$ s|//# sourceMappingURL=govuk-frontend\.min\.js\.map$||' \
	"$gf/dist/govuk/govuk-frontend.min.js" >"$out/govuk/govuk-frontend.min.js"

# govuk-frontend's npm package carries no licence file; its repository's
# LICENSE.txt is the MIT licence below, which must travel with the code.
cat >"$out/govuk/LICENSE.txt" <<'EOF'
The MIT License (MIT)

Copyright (C) 2017 Crown Copyright (Government Digital Service)

Permission is hereby granted, free of charge, to any person obtaining a copy of
this software and associated documentation files (the "Software"), to deal in
the Software without restriction, including without limitation the rights to
use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies
of the Software, and to permit persons to whom the Software is furnished to do
so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
EOF

# Say where every file came from, read from the lock file itself.
node - "$work/package-lock.json" >"$out/govuk/README.md" <<'EOF'
const lock = require(process.argv[2]);
const pkg = (name) => lock.packages["node_modules/" + name];
const lines = [
  "# Vendored front end",
  "",
  "Built by `scripts/vendor-frontend.sh` from `ui/frontend/` (do not edit by hand):",
  "",
  "- `govuk-frontend.min.js`: govuk-frontend's `dist/govuk/govuk-frontend.min.js`, unchanged",
  "  but for its source-map comment. MIT licence, in `LICENSE.txt`.",
  "- `../govshare.min.css`: govuk-frontend's Sass with govshare's settings and components",
  "  (`ui/frontend/govshare.scss`), compiled by sass.",
  "",
  "GOV.UK's fonts (GDS Transport), crown, crest and icons are Crown copyright and for",
  "GOV.UK services only: none is included or referenced.",
  "",
  "| package | version | licence | integrity |",
  "| --- | --- | --- | --- |",
];
for (const name of Object.keys(lock.packages).filter((k) => k).sort()) {
  const p = lock.packages[name];
  if (p.optional) continue; // not installed: --omit=optional
  lines.push(`| ${name.replace(/^node_modules\//, "")} | ${p.version} | ${p.license} | \`${p.integrity}\` |`);
}
process.stdout.write(lines.join("\n") + "\n");
EOF

if $check; then
	status=0
	for f in govshare.min.css govuk/govuk-frontend.min.js govuk/LICENSE.txt govuk/README.md; do
		if ! cmp -s "$out/$f" "$static/$f"; then
			echo "vendor-frontend: ui/static/$f differs from what the pinned packages build" >&2
			status=1
		fi
	done
	exit $status
fi

rm -rf "$static/govuk"
mkdir -p "$static/govuk"
cp "$out/govshare.min.css" "$static/govshare.min.css"
cp "$out/govuk/." -r "$static/govuk/"
(cd "$static" && sha256sum govshare.min.css govuk/*)
