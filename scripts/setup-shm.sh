#!/usr/bin/env bash
# Mounts the huge-page tmpfs the shared-memory transport prefers (/run/bbupool/shm, huge=within_size).
# Why: on this kind of VM the first touch of every 4 KiB page of a fresh mapping costs ~7 us below
# the guest (MADV_POPULATE_WRITE does not help): a new link's two 16 MiB rings took ~30 ms per ring
# on their first pass, inside the migration that used them. With 2 MiB pages: under 1 ms.
# Idempotent; without the privilege to mount it says so and the transport stays on /dev/shm.
set -uo pipefail
dir=/run/bbupool/shm
if mountpoint -q "$dir" 2>/dev/null; then
  echo "huge-page shm already mounted at $dir"
  exit 0
fi
sudo_cmd=""
[ "$(id -u)" -ne 0 ] && sudo_cmd="sudo -n"
if $sudo_cmd mkdir -p "$dir" 2>/dev/null && $sudo_cmd mount -t tmpfs -o huge=within_size,mode=1777,size=50% bbupool-shm "$dir" 2>/dev/null; then
  echo "huge-page shm mounted at $dir"
else
  echo "note: could not mount a huge-page tmpfs at $dir; the shm transport uses /dev/shm (4 KiB pages)"
fi
exit 0
