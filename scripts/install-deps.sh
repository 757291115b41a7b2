#!/usr/bin/env bash
# Installs what govshare's tests need beyond Go itself, on a Debian machine:
# - git: go-git's file:// transport runs git-upload-pack, and the test
#   fixtures are built and served with git and git http-backend;
# - chromium (with the Liberation fonts it recommends, so that pages render
#   in the fonts people see): the browser tests in ui/browsertest drive it
#   headless. GOVSHARE_SKIP_BROWSER=1 leaves it out, and makes those tests
#   skip.
# Safe to run again: it installs only what is missing.
set -euo pipefail

sudo=""
[[ $(id -u) -eq 0 ]] || sudo="sudo"
updated=""

# apt_install PACKAGE... installs the packages, quietly, without questions.
apt_install() {
  if [[ -z $updated ]]; then
    $sudo apt-get update -qq
    updated=1
  fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

if ! command -v git >/dev/null 2>&1; then
  echo "installing git"
  apt_install git
fi

if [[ ${GOVSHARE_SKIP_BROWSER:-} != 1 ]] && [[ ! -x /usr/bin/chromium ]] && ! command -v chromium >/dev/null 2>&1; then
  echo "installing chromium for the browser tests (Debian's package; this takes a minute)"
  if ! apt_install chromium fonts-liberation; then
    echo "could not install chromium: the browser tests in ui/browsertest will fail" >&2
    echo "(install Debian's chromium package, or set GOVSHARE_SKIP_BROWSER=1 to skip them)" >&2
    exit 1
  fi
  echo "chromium installed: $(chromium --version 2>/dev/null || echo /usr/bin/chromium)"
fi
