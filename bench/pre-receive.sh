#!/bin/bash
# Benchmark: the pre-receive hook judging a push of 5,000 new commits onto a 50,000-file tree,
# against `git rev-list NEW ^OLD | git diff-tree --stdin -r --name-only` over the same commits.
# Target: the hook at most 1.5x that, and inside the default 4.5 s budget.
#
#   bench/pre-receive.sh [LANEGUARD] [COMMITS] [FILES]
#
# The repositories are built with git fast-import (no checkout). The hook is measured on its own:
# the pushed objects are in the server's object store but no ref reaches them, exactly what the
# hook sees during a push. A real `git push` through the installed hook is timed as well.
set -euo pipefail
LANEGUARD=${1:-${LANEGUARD:-$(dirname "$0")/../build/laneguard}}
LANEGUARD=$(cd "$(dirname "$LANEGUARD")" && pwd)/$(basename "$LANEGUARD")
COMMITS=${2:-5000}
FILES=${3:-50000}
RUNS=${RUNS:-3}
SRC=$(cd "$(dirname "$0")/.." && pwd)

TMP=$(mktemp -d)
if [ -n "${BENCH_KEEP:-}" ]; then echo "keeping $TMP"; else trap 'rm -rf "$TMP"' EXIT; fi
export GIT_CONFIG_GLOBAL=$TMP/gitconfig GIT_CONFIG_NOSYSTEM=1
git config --global user.name Bench
git config --global user.email bench@acme.test

source "$(dirname "$0")/lib.sh"  # now, elapsed, best

# The agreement: the team's, with the default agreement's protected areas.
agreement() {
  cat <<'TOML'
version = 1
[agreement]
name = "Bench"
protected_branches = ["main"]
[people.pat]
emails = ["pat@acme.test"]
usernames = ["pat"]
[people.erin]
emails = ["erin@acme.test"]
usernames = ["erin"]
[people.eli]
emails = ["eli@acme.test"]
usernames = ["eli"]
[lanes.pm]
members = ["pat"]
owns = ["prototypes/**", "analysis/**"]
[lanes.engineering]
members = ["erin", "eli"]
owns = ["**"]
outsider_approvals = 1
[[protected]]
name = "authentication"
paths = ["**/auth/**", "**/login*", "**/session*", "**/oauth*"]
owners = ["engineering"]
ai = "label"
ai_approvals = 2
[[protected]]
name = "payments"
paths = ["**/payment*/**", "**/billing/**", "**/checkout/**", "**/invoice*"]
owners = ["engineering"]
[[protected]]
name = "data"
paths = ["**/migrations/**", "db/**", "**/*.sql", "**/models/**"]
owners = ["engineering"]
[override]
people = ["erin"]
TOML
}

echo "building a $FILES-file tree and $COMMITS commits with git fast-import..."
git init -q --bare -b main "$TMP/server.git"
git init -q --bare -b main "$TMP/client.git"
agreement > "$TMP/agreement.toml"
perl - "$FILES" "$COMMITS" "$TMP/agreement.toml" > "$TMP/stream" <<'PERL'
my ($files, $commits, $agreement) = @ARGV;
my @top = qw(src lib services web api db analysis prototypes tools docs);
# One directory in ten is a protected area (auth, billing): most commits touch ordinary code.
my @mid = qw(auth core util api search report billing views forms jobs);
my @paths;
for my $i (0 .. $files - 2) {
  my $t = $top[$i % @top]; my $m = $mid[int($i / 10) % @mid];
  push @paths, sprintf("%s/%s/pkg%03d/file%05d.py", $t, $m, int($i / 100) % 500, $i);
}
open my $fh, '<', $agreement or die; local $/; my $toml = <$fh>; close $fh;
my $t = 1700000000;
sub data { my $s = shift; return "data " . length($s) . "\n$s\n"; }
print "commit refs/heads/main\nmark :1\nauthor Erin <erin\@acme.test> $t +0000\ncommitter Erin <erin\@acme.test> $t +0000\n";
print data("Initial import\n"), "M 100644 inline .laneguard.toml\n", data($toml);
for my $p (@paths) { print "M 100644 inline $p\n", data("# $p\nx = 1\n"); }
print "\n";
my $prev = ":1";
srand(42);
for my $c (1 .. $commits) {
  $t++;
  my $n = 1 + int(rand(3));
  my $msg = "Change $c\n";
  $msg .= "\nAssisted-by: Claude:opus-4\n" if $c % 50 == 0;
  print "commit refs/heads/main\nmark :", $c + 1, "\nauthor Erin <erin\@acme.test> $t +0000\n";
  print "committer Erin <erin\@acme.test> $t +0000\n", data($msg), "from $prev\n";
  for (1 .. $n) { my $p = $paths[int(rand(@paths))]; print "M 100644 inline $p\n", data("# $p\nx = $c\n"); }
  print "\n";
  $prev = ":" . ($c + 1);
}
PERL
git -C "$TMP/client.git" fast-import --quiet < "$TMP/stream"
NEW=$(git -C "$TMP/client.git" rev-parse main)
OLD=$(git -C "$TMP/client.git" rev-list --max-parents=0 main)
git -C "$TMP/client.git" push -q "$TMP/server.git" "$OLD:refs/heads/main"
# The pushed objects, present but reachable from no ref: what the hook sees during the push.
git -C "$TMP/client.git" pack-objects --revs --stdout -q < <(printf "%s\n^%s\n" "$NEW" "$OLD") | git -C "$TMP/server.git" index-pack --stdin --fix-thin >/dev/null
git -C "$TMP/server.git" config laneguard.timeout 120
echo "tree: $(git -C "$TMP/server.git" ls-tree -r --name-only "$OLD" | wc -l) files; commits pushed: $(git -C "$TMP/server.git" rev-list --count "$NEW" "^$OLD")"

git_times=() hook_times=() git_cpus=() hook_cpus=()
# CPU seconds (user+sys, every process of the command) of the last `timed` run, from /usr/bin/time.
cpu_of() { tail -n1 "$TMP/time.txt" | awk '{printf "%.2f", $1 + $2}'; }
for _ in $(seq "$RUNS"); do
  s=$(now)
  /usr/bin/time -o "$TMP/time.txt" -f "%U %S" bash -c 'git -C "$1" rev-list "$2" "^$3" | git -C "$1" diff-tree --stdin -r --name-only > /dev/null' \
    _ "$TMP/server.git" "$NEW" "$OLD"
  e=$(now); git_times+=("$(elapsed "$s" "$e")"); git_cpus+=("$(cpu_of)")
  s=$(now)
  set +e
  printf '%s %s refs/heads/main\n' "$OLD" "$NEW" |
    (cd "$TMP/server.git" && LANEGUARD_PUSHER=eli /usr/bin/time -o "$TMP/time.txt" -f "%U %S" "$LANEGUARD" pre-receive > "$TMP/hook.out" 2>&1)
  rc=$?
  set -e
  e=$(now); hook_times+=("$(elapsed "$s" "$e")"); hook_cpus+=("$(cpu_of)")
  # 0 accepts, 1 rejects (both are judgements); anything else means the hook did not run or failed.
  if [ "$rc" -gt 1 ]; then echo "laneguard pre-receive failed (exit $rc):" >&2; cat "$TMP/hook.out" >&2; exit 3; fi
  rm -f "$TMP/server.git/laneguard/laneguard.db"*  # every run judges the push as new
done
git_best=$(echo "${git_times[*]}" | best)
hook_best=$(echo "${hook_times[*]}" | best)
git_cpu=$(echo "${git_cpus[*]}" | best)
hook_cpu=$(echo "${hook_cpus[*]}" | best)
echo "git rev-list | git diff-tree --stdin -r --name-only: ${git_times[*]} s (best $git_best s; CPU ${git_cpus[*]} s)"
echo "laneguard pre-receive:                             ${hook_times[*]} s (best $hook_best s; CPU ${hook_cpus[*]} s), exit $rc"
perl -e 'my ($h, $g) = @ARGV; printf "CPU ratio (user+sys, best): %.2fx (steadier than the wall clock on a loaded machine)\n", $h / $g' "$hook_cpu" "$git_cpu"
tail -n 3 "$TMP/hook.out" | sed 's/^/    hook: /'
perl -e 'my ($h, $g) = @ARGV; printf "ratio: %.2fx (target <= 1.2x); budget: %s (%.2f s of 4.5 s)\n", $h / $g, ($h <= 4.5 ? "inside" : "OVER"), $h' "$hook_best" "$git_best"

# A real push through the installed hook, for the record (includes git's own pack transfer).
sed "s|^LANEGUARD_BIN=laneguard\$|LANEGUARD_BIN=$LANEGUARD|" "$SRC/hooks/pre-receive" > "$TMP/server.git/hooks/pre-receive"
grep -qxF "LANEGUARD_BIN=$LANEGUARD" "$TMP/server.git/hooks/pre-receive" || { echo "hooks/pre-receive has no LANEGUARD_BIN=laneguard line to fill in" >&2; exit 3; }
chmod +x "$TMP/server.git/hooks/pre-receive"
git init -q --bare -b main "$TMP/fresh.git"
git -C "$TMP/client.git" push -q "$TMP/fresh.git" "$OLD:refs/heads/main"
cp "$TMP/server.git/hooks/pre-receive" "$TMP/fresh.git/hooks/pre-receive"
git -C "$TMP/fresh.git" config laneguard.timeout 120
s=$(now)
set +e
(cd "$TMP/client.git" && LANEGUARD_PUSHER=eli git push -q "$TMP/fresh.git" main > "$TMP/push.out" 2>&1)
rc=$?
set -e
e=$(now)
echo "real git push of $COMMITS commits with the hook: $(elapsed "$s" "$e") s, exit $rc"
