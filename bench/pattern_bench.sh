#!/usr/bin/env bash
# PathPattern throughput (not a test: numbers depend on the machine). Usage: bench/pattern_bench.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
g++ -std=c++20 -O2 -I"$root/src" "$root/bench/pattern_bench.cc" "$root/src/agreement/pattern.cc" \
  "$root/src/agreement/pattern_compile.cc" -o "$out/pattern_bench"
"$out/pattern_bench"
