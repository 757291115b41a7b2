#!/usr/bin/env bash
# The whole test suite, exactly as CI runs it: installs what is missing,
# then checks formatting, vet, staticcheck and every test.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh

echo "== gofmt"
unformatted=$(gofmt -l .)
if [[ -n $unformatted ]]; then
  echo "gofmt would change:"; echo "$unformatted"; exit 1
fi
echo "== go vet"
go vet ./...
echo "== staticcheck"
go tool staticcheck ./...
echo "== go test"
go test -race -count=1 ./...
