#!/bin/bash
# Benchmark: approving by push. A branch of COMMITS commits (default 5,000) on a FILES-file tree
# (default 50,000; bench/make-repo.sh) is on the server; the pre-receive hook is timed judging
#   1. eli's approval push of the whole branch (refs/laneguard/approvals/eli/<tip>): listing the
#      commits, reading each one's header and introducer, recording COMMITS approvals;
#   2. the push of the branch to main, with those approvals to look up, against the same push with
#      none recorded (what reading the approvals adds).
#
#   bench/approve.sh [LANEGUARD] [COMMITS] [FILES]
set -euo pipefail
LANEGUARD=${1:-${LANEGUARD:-$(dirname "$0")/../build/laneguard}}
LANEGUARD=$(cd "$(dirname "$LANEGUARD")" && pwd)/$(basename "$LANEGUARD")
COMMITS=${2:-5000}
FILES=${3:-50000}
RUNS=${RUNS:-3}
SRC=$(cd "$(dirname "$0")/.." && pwd)
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
export GIT_CONFIG_GLOBAL=$TMP/gitconfig GIT_CONFIG_NOSYSTEM=1
source "$(dirname "$0")/lib.sh"  # now, elapsed, best

echo "building $COMMITS commits on a $FILES-file tree (bench/make-repo.sh)..."
REPO=$("$SRC/bench/make-repo.sh" "$TMP/repo" "$COMMITS" "$FILES")
TIP=$(git -C "$REPO" rev-parse main)
ROOT=$(git -C "$REPO" rev-list --max-parents=0 main | tail -1)
git init -q --bare -b main "$TMP/server.git"
git -C "$REPO" push -q "$TMP/server.git" "$ROOT:refs/heads/main" "$TIP:refs/heads/feature/big"
git -C "$TMP/server.git" config laneguard.timeout 120
# The team: the branch's commits are by people the agreement does not list, introduced by pat.
cat > "$TMP/agreement.toml" <<'TOML'
version = 1
[agreement]
protected_branches = ["main"]
[people.pat]
usernames = ["pat"]
[people.eli]
usernames = ["eli"]
[people.erin]
usernames = ["erin"]
[lanes.engineering]
members = ["eli", "erin"]
owns = ["**"]
[[protected]]
name = "authentication"
paths = ["**/auth/**"]
owners = ["engineering"]
approvals = 2
ai = "allow"
TOML
git -C "$TMP/server.git" config laneguard.agreement "$TMP/agreement.toml"
DB=$TMP/server.git/laneguard/laneguard.db
hook() {  # hook PUSHER OLD NEW REF: the pre-receive hook as git runs it; prints seconds
  local s e
  s=$(now)
  printf '%s %s %s\n' "$2" "$3" "$4" | (cd "$TMP/server.git" && LANEGUARD_PUSHER=$1 "$LANEGUARD" pre-receive > "$TMP/hook.out" 2>&1) || true
  e=$(now)
  elapsed "$s" "$e"
}
seed_introducers() {
  rm -f "$DB"*
  git -C "$TMP/server.git" rev-list feature/big ^main | sed 's/$/ pat 1/' > "$TMP/server.git/laneguard-introducers"
  mkdir -p "$TMP/server.git/laneguard"
  mv "$TMP/server.git/laneguard-introducers" "$TMP/server.git/laneguard/introducers"
  (cd "$TMP/server.git" && "$LANEGUARD" post-receive < /dev/null)
}
Z=0000000000000000000000000000000000000000
approve_times=() with_times=() without_times=()
for _ in $(seq "$RUNS"); do
  seed_introducers
  without_times+=("$(hook erin "$ROOT" "$TIP" refs/heads/main)")
  without_verdict=$(tail -n 1 "$TMP/hook.out")
  approve_times+=("$(hook eli "$Z" "$TIP" "refs/laneguard/approvals/eli/$TIP")")
  recorded=$(sqlite3 "$DB" "SELECT count(*) FROM approvals")
  with_times+=("$(hook erin "$ROOT" "$TIP" refs/heads/main)")
done
echo "    without approvals: $without_verdict"
tail -n 1 "$TMP/hook.out" | sed 's/^/    with approvals:    /'
echo "approval push of $COMMITS commits:          ${approve_times[*]} s (best $(echo "${approve_times[*]}" | best) s), $recorded approvals recorded"
echo "push to main, no approvals recorded:      ${without_times[*]} s (best $(echo "${without_times[*]}" | best) s)"
echo "push to main, $recorded approvals to read: ${with_times[*]} s (best $(echo "${with_times[*]}" | best) s)"
