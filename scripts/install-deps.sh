#!/usr/bin/env bash
# Installs what govshare's tests need beyond Go itself, on a Debian machine:
# git (go-git's file:// transport runs git-upload-pack, and the test fixtures
# are built and served with git and git http-backend).
# Safe to run again: it installs only what is missing.
set -euo pipefail

need=()
command -v git >/dev/null 2>&1 || need+=(git)
if ((${#need[@]})); then
  echo "installing: ${need[*]}"
  sudo=""
  [[ $(id -u) -eq 0 ]] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}"
fi
