#!/usr/bin/env bash
# govshare's benchmarks: the Go benchmarks (analysis, search, crawl, page
# rendering), then the wall time and peak memory of `govshare index` and
# `govshare inspect` on the fixture repositories and on a large repository
# made locally from the Go distribution's own source tree (about 11,500
# files).
#
#   scripts/bench.sh            everything
#   BENCH=Search scripts/bench.sh   only Go benchmarks matching Search, no timings
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/fixture-repos.sh

command -v /usr/bin/time >/dev/null || { apt-get update -qq && apt-get install -y -qq time; }

echo "== go test -bench"
go test -run '^$' -bench "${BENCH:-.}" -benchmem ./indexer/... ./ui/...
[[ -n ${BENCH:-} ]] && exit 0

work=$(mktemp -d -t govshare-bench-XXXXXX)
trap 'rm -rf "$work"' EXIT
go build -o "$work/govshare" ./cmd/govshare
build_fixture_repos "$work/repos" >/dev/null

large="$work/repos/go-src"
mkdir -p "$large"
cp -r "$(go env GOROOT)/src" "$(go env GOROOT)/LICENSE" "$(go env GOROOT)/README.md" "$large/"
git -C "$large" init --quiet --initial-branch=main
git -C "$large" add --all
git -C "$large" -c gc.auto=0 commit --quiet -m "Go source tree"
git -C "$large" gc --quiet

{
  echo "participants:"
  echo "  - {id: bench, name: Bench, country: GB, sources: ["
  for r in "$work"/repos/*; do [[ $r != "$large" ]] && echo "      {repo: $r},"; done
  echo "    ]}"
} > "$work/fixtures.yaml"
printf 'participants:\n  - {id: bench, name: Bench, country: GB, sources: [{repo: "file://%s/.git"}]}\n' "$large" > "$work/large.yaml"

measure() { # label, command...
  local label=$1; shift
  /usr/bin/time -f "$label: %e s wall, %M KiB peak RSS" "$@" > /dev/null 2> "$work/err" || { cat "$work/err"; exit 1; }
  tail -n 1 "$work/err"
}
echo "== govshare ($(git -C "$large" ls-files | wc -l) files in the large repository)"
measure "index fixtures (cold)" "$work/govshare" index --data "$work/d1" --participants "$work/fixtures.yaml"
measure "index fixtures (unchanged)" "$work/govshare" index --data "$work/d1" --participants "$work/fixtures.yaml"
measure "index large over file:// (cold)" "$work/govshare" index --data "$work/d2" --participants "$work/large.yaml"
measure "index large (unchanged)" "$work/govshare" index --data "$work/d2" --participants "$work/large.yaml"
measure "inspect large in place" "$work/govshare" inspect --json "$large"
