#!/bin/bash
# laneguard pre-commit against `git diff --cached --name-only` on a repository with a 50,000-file
# index and ten staged changes. Target: laneguard at most 2x git. Prints medians in ms.
#   bench/pre-commit.sh [LANEGUARD] [FILES]     (default: build/laneguard, 50000)
set -eu
LANEGUARD=${1:-${LANEGUARD:-$(dirname "$0")/../build/laneguard}}
FILES=${2:-50000}
RUNS=${RUNS:-15}
WORK=${BENCH_DIR:-$(mktemp -d)}
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1 NO_COLOR=1
R="$WORK/repo"
if [ ! -d "$R/.git" ]; then
  git init -q -b main "$R"
  python3 - "$R" "$FILES" <<'PY'
import os, sys
root, n = sys.argv[1], int(sys.argv[2])
for i in range(n):  # 50 top directories x 20 subdirectories x 50 files for 50,000
    d = os.path.join(root, "src", f"m{i // 1000}", f"s{(i // 50) % 20}")
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, f"f{i % 50}.txt"), "w") as f:
        f.write(f"{i}\n")
PY
  git -C "$R" add -A
  git -C "$R" -c user.name=B -c user.email=b@x commit -qm init
fi
git -C "$R" reset -q --hard
for i in $(seq 1 10); do echo change >> "$R/src/m$((i * 4 % 50))/s$((i % 20))/f$i.txt"; done
mkdir -p "$R/src/auth" && echo x > "$R/src/auth/login.py"   # one of them in a protected area
git -C "$R" add -A
git -C "$R" config user.name Pat && git -C "$R" config user.email pat@example.com
staged=$(git -C "$R" diff --cached --name-only | wc -l)
entries=$(git -C "$R" ls-files | wc -l)

median_ms() {  # median wall time of RUNS runs of "$@" in the repository, in ms
  python3 - "$R" "$RUNS" "$@" <<'PY'
import subprocess, sys, time
repo, runs, cmd = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
subprocess.run(cmd, cwd=repo, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # warm the cache
ts = []
for _ in range(runs):
    t = time.perf_counter()
    subprocess.run(cmd, cwd=repo, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    ts.append((time.perf_counter() - t) * 1000)
ts.sort()
print(f"{ts[len(ts) // 2]:.1f}")
PY
}
git_ms=$(median_ms git diff --cached --name-only)
lg_ms=$(median_ms "$(realpath "$LANEGUARD")" pre-commit)
ratio=$(python3 -c "print(f'{$lg_ms / $git_ms:.2f}')")
echo "index entries: $entries, staged paths: $staged, runs: $RUNS"
echo "git diff --cached --name-only: $git_ms ms (median)"
echo "laneguard pre-commit:          $lg_ms ms (median)"
echo "ratio: ${ratio}x (target: at most 2x)"
[ -z "${BENCH_DIR:-}" ] && rm -rf "$WORK"
python3 -c "import sys; sys.exit(0 if $lg_ms <= 2 * $git_ms else 1)"
