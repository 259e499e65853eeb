#!/bin/bash
# Benchmark: prototype-promotion on the server. A repository with 2,000 prototype files (the pm
# lane's, 40 lines of code each) beside 3,000 production files, and a push of 500 commits to
# production code (1-3 files each, 8 new lines per file; every 50th commit copies a prototype file
# with small edits, so the rule finds something). The pre-receive hook is measured against
# `git rev-list NEW ^OLD | git diff-tree --stdin -r --name-only` (the floor every mode is held to)
# and against `git diff-tree --stdin -r -p` (which reads the same blobs this rule reads), in the
# same script: cold (no cached prototype index), warm (the index the previous run left), and with
# the rule off ([promotion] enabled = false). Wall and CPU seconds (user+sys: steadier on a loaded
# machine) and peak memory. Target: inside the 4.5 s budget with room to spare.
#
#   bench/promotion.sh [LANEGUARD] [COMMITS] [PROTOTYPES]
set -euo pipefail
LANEGUARD=${1:-${LANEGUARD:-$(dirname "$0")/../build/laneguard}}
LANEGUARD=$(cd "$(dirname "$LANEGUARD")" && pwd)/$(basename "$LANEGUARD")
COMMITS=${2:-500}
PROTOTYPES=${3:-2000}
PRODUCTION=${PRODUCTION:-3000}
RUNS=${RUNS:-3}

TMP=$(mktemp -d)
if [ -n "${BENCH_KEEP:-}" ]; then echo "keeping $TMP"; else trap 'rm -rf "$TMP"' EXIT; fi
export GIT_CONFIG_GLOBAL=$TMP/gitconfig GIT_CONFIG_NOSYSTEM=1
git config --global user.name Bench
git config --global user.email bench@acme.test
source "$(dirname "$0")/lib.sh"  # now, elapsed, best

agreement() {
  cat <<TOML
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
owns = ["prototypes/**"]
[lanes.engineering]
members = ["erin", "eli"]
owns = ["**"]
[[protected]]
name = "payments"
paths = ["**/billing/**"]
owners = ["engineering"]
[promotion]
from_lanes = ["pm"]
enabled = $1
TOML
}

echo "building $PROTOTYPES prototype files, $PRODUCTION production files and $COMMITS commits with git fast-import..."
for mode in on off; do
  git init -q --bare -b main "$TMP/server-$mode.git"
  git init -q --bare -b main "$TMP/client-$mode.git"
  agreement "$([ $mode = on ] && echo true || echo false)" > "$TMP/agreement-$mode.toml"
  perl - "$PROTOTYPES" "$PRODUCTION" "$COMMITS" "$TMP/agreement-$mode.toml" > "$TMP/stream-$mode" <<'PERL'
my ($protos, $prods, $commits, $agreement) = @ARGV;
srand(7);
my @w = qw(cart price total user order item tax ship fee sum rate code value count limit page token
           api fetch load save parse render queue event stream batch);
sub word { $w[int(rand(@w))] }
sub code_line { my $s = shift; sprintf("  const %s_%s_%d = %s.%s(%s, %d);", word(), word(), $s, word(), word(), word(), int(rand(100000))) }
sub proto_file {
  my $i = shift; my $s = "import { api } from './api';\n\nexport function proto$i(cart) {\n";
  $s .= code_line($i * 100 + $_) . "\n" for 1 .. 40;
  return $s . "}\n";
}
open my $fh, '<', $agreement or die; local $/; my $toml = <$fh>; close $fh;
my $t = 1700000000;
sub data { my $s = shift; return "data " . length($s) . "\n$s\n"; }
my @protos = map { proto_file($_) } 0 .. $protos - 1;
my @prod = map { sprintf("src/%s/mod%03d/file%05d.js", (qw(core api billing web jobs))[$_ % 5], int($_ / 30), $_) } 0 .. $prods - 1;
print "commit refs/heads/main\nmark :1\nauthor Erin <erin\@acme.test> $t +0000\ncommitter Erin <erin\@acme.test> $t +0000\n";
print data("Initial import\n"), "M 100644 inline .laneguard.toml\n", data($toml);
for my $i (0 .. $protos - 1) { printf "M 100644 inline prototypes/app%02d/screen%04d.js\n", $i % 40, $i; print data($protos[$i]); }
my %content;
for my $p (@prod) { $content{$p} = "import { api } from '../api';\n" . join("", map { code_line(900000 + $_) . "\n" } 1 .. 10); print "M 100644 inline $p\n", data($content{$p}); }
print "\n";
my $prev = ":1";
for my $c (1 .. $commits) {
  $t++;
  print "commit refs/heads/main\nmark :", $c + 1, "\nauthor Erin <erin\@acme.test> $t +0000\n";
  print "committer Erin <erin\@acme.test> $t +0000\n", data("Change $c\n"), "from $prev\n";
  if ($c % 50 == 0) {  # a near copy of a prototype file, re-indented, one line changed
    my $src = $protos[int(rand(@protos))];
    (my $copy = $src) =~ s/^/  /mg;
    $copy =~ s/\n(.*?)\n/\n  const changed = 1;\n/;
    print "M 100644 inline src/promoted/copy$c.js\n", data($copy);
  } else {
    for (1 .. 1 + int(rand(3))) {
      my $p = $prod[int(rand(@prod))];
      $content{$p} .= join("", map { code_line($c * 1000 + $_) . "\n" } 1 .. 8);
      print "M 100644 inline $p\n", data($content{$p});
    }
  }
  print "\n";
  $prev = ":" . ($c + 1);
}
PERL
  git -C "$TMP/client-$mode.git" fast-import --quiet < "$TMP/stream-$mode"
  NEW=$(git -C "$TMP/client-$mode.git" rev-parse main)
  OLD=$(git -C "$TMP/client-$mode.git" rev-list --max-parents=0 main)
  git -C "$TMP/client-$mode.git" push -q "$TMP/server-$mode.git" "$OLD:refs/heads/main"
  git -C "$TMP/client-$mode.git" pack-objects --revs --stdout -q < <(printf "%s\n^%s\n" "$NEW" "$OLD") |
    git -C "$TMP/server-$mode.git" index-pack --stdin --fix-thin >/dev/null
  git -C "$TMP/server-$mode.git" config laneguard.timeout 120
  mkdir -p "$TMP/server-$mode.git/laneguard"
  eval "NEW_$mode=$NEW OLD_$mode=$OLD"
done
S=$TMP/server-on.git NEW=$NEW_on OLD=$OLD_on
echo "tree: $(git -C "$S" ls-tree -r --name-only "$OLD" | grep -c '^prototypes/') prototype files, $(git -C "$S" ls-tree -r --name-only "$OLD" | grep -c '^src/') production files; commits pushed: $(git -C "$S" rev-list --count "$NEW" "^$OLD")"

# timed NAME COMMAND...: appends wall, CPU (user+sys) and peak RSS of one run to NAME's lists.
declare -A WALL CPU RSS
timed() {
  local name=$1 s e
  shift
  s=$(now)
  set +e
  /usr/bin/time -o "$TMP/time.txt" -f "%U %S %M" "$@" > "$TMP/$name.out" 2>&1
  RC=$?
  set -e
  e=$(now)
  WALL[$name]+="$(elapsed "$s" "$e") "
  CPU[$name]+="$(tail -n1 "$TMP/time.txt" | awk '{printf "%.2f", $1 + $2}') "
  RSS[$name]+="$(tail -n1 "$TMP/time.txt" | awk '{printf "%d", $3 / 1024}') "
}
# The pre-receive hook on the push (objects present, no ref reaches them): SERVER OLD NEW.
HOOK=(bash -c 'printf "%s %s refs/heads/main\n" "$2" "$3" | (cd "$1" && LANEGUARD_PUSHER=eli "$4" pre-receive)' _)
for _ in $(seq "$RUNS"); do
  timed floor bash -c 'git -C "$1" rev-list "$2" "^$3" | git -C "$1" diff-tree --stdin -r --name-only > /dev/null' _ "$S" "$NEW" "$OLD"
  timed patch bash -c 'git -C "$1" rev-list "$2" "^$3" | git -C "$1" diff-tree --stdin -r -p > /dev/null' _ "$S" "$NEW" "$OLD"
  rm -f "$S/laneguard/promotion-index"
  timed cold "${HOOK[@]}" "$S" "$OLD" "$NEW" "$LANEGUARD"
  COLD_RC=$RC
  timed warm "${HOOK[@]}" "$S" "$OLD" "$NEW" "$LANEGUARD"
  timed off "${HOOK[@]}" "$TMP/server-off.git" "$OLD_off" "$NEW_off" "$LANEGUARD"
  rm -f "$S/laneguard/laneguard.db"* "$TMP/server-off.git/laneguard/laneguard.db"*  # each run judges the push as new
done
row() {
  local name=$1 label=$2 b c m
  b=$(echo ${WALL[$name]} | best) c=$(echo ${CPU[$name]} | best) m=$(echo ${RSS[$name]} | best)
  printf "%-58s wall %s s (best %s), CPU %s s (best %s), peak %s MiB\n" "$label" "${WALL[$name]% }" "$b" "${CPU[$name]% }" "$c" "$m"
  eval "BEST_$name=$b CPU_$name=$c"
}
row floor "git rev-list | git diff-tree --stdin -r --name-only:"
row patch "git rev-list | git diff-tree --stdin -r -p (reads blobs):"
row cold "laneguard pre-receive, [promotion] on, no cached index:"
row warm "laneguard pre-receive, [promotion] on, cached index:"
row off "laneguard pre-receive, [promotion] enabled = false:"
echo "cold run: exit $COLD_RC, $(grep -c 'prototype-promotion' "$TMP/cold.out" || true) prototype-promotion finding line(s) (every 50th commit copies a prototype)"
perl -e 'my ($f, $p, $c, $w, $o, $cf, $cp, $cc, $cw, $co) = @ARGV;
  printf "ratios against the name-only floor (wall, best): cold %.2fx, warm %.2fx, rule off %.2fx; against diff-tree -p: cold %.2fx\n", $c / $f, $w / $f, $o / $f, $c / $p;
  printf "ratios against the name-only floor (CPU, best): cold %.2fx, warm %.2fx, rule off %.2fx; against diff-tree -p: cold %.2fx\n", $cc / $cf, $cw / $cf, $co / $cf, $cc / $cp;
  printf "budget: %s (cold %.2f s of 4.5 s)\n", ($c <= 4.5 ? "inside" : "OVER"), $c' \
  "$BEST_floor" "$BEST_patch" "$BEST_cold" "$BEST_warm" "$BEST_off" "$CPU_floor" "$CPU_patch" "$CPU_cold" "$CPU_warm" "$CPU_off"
