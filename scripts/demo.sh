#!/usr/bin/env bash
# An offline demo: builds the fixture repositories in testdata/repos/ as real
# git repositories under a temporary directory, writes a participants file
# naming them, and serves the catalogue on them. No internet needed.
#
#   scripts/demo.sh [--addr HOST:PORT]
set -euo pipefail
cd "$(dirname "$0")/.."

source scripts/fixture-repos.sh
demo=$(mktemp -d -t govshare-demo-XXXXXX)
build_fixture_repos "$demo/repos"

cat > "$demo/participants.yaml" <<YAML
participants:
  - id: demo-digital-service
    name: Demo Digital Service
    country: GB
    sources:
      - repo: repos/notify
      - repo: repos/forms
  - id: demo-information-authority
    name: Demo Information System Authority
    country: EE
    sources:
      - repo: repos/eid
      - repo: repos/nolicence
YAML

echo "demo repositories and data in $demo"
exec go run ./cmd/govshare serve --data "$demo/data" --participants "$demo/participants.yaml" "$@"
