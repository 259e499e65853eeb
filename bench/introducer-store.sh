#!/usr/bin/env bash
# The introducer store (SQLite) at ten million records: the one-time import of the old text store,
# then lookup times as the pre-receive hook makes them. Target: a lookup under a millisecond.
# Not a test: numbers depend on the machine. Needs a Release build in build/ (for its library).
#
#   bench/introducer-store.sh [RECORDS]        (default 10000000; about 2 GB of temporary disk)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
records=${1:-10000000}
build=${BUILD_DIR:-$root/build}
[ -f "$build/liblaneguard_core.a" ] || { echo "build laneguard first (cmake --build build)" >&2; exit 2; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
g++ -std=c++20 -O2 -I"$root/src" "$root/bench/introducer_store.cc" "$build/liblaneguard_core.a" \
  $(pkg-config --libs libgit2 sqlite3 tomlplusplus) -lz -pthread -o "$out/introducer_store_bench"
"$out/introducer_store_bench" "$out" "$records"
