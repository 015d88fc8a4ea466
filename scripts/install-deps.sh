#!/usr/bin/env bash
# Installs what the build and the tests need on a fresh Debian 12 machine (run as root):
# redis-server (state-plane integration tests), DPDK + cmake + pkg-config (native shim),
# python3-msgpack (wire interop tests), iproute2 (veth/netns transport test).
set -euo pipefail
packages=(redis-server dpdk libdpdk-dev cmake pkg-config python3-msgpack iproute2 build-essential)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
else
  echo "dependencies already installed"
fi
"$(dirname "$0")/setup-shm.sh"
