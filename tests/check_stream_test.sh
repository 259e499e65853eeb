#!/usr/bin/env bash
# `check` streams its report (issue 12, item 3): text, json and jsonl say the same findings on real
# histories (a generated one with every shape, and laneguard's own when the source is a git
# repository); --format json is one valid document (python3 -m json.tool and jq parse it), jsonl
# one finding object per line; findings are written as each commit is judged (a walk that fails
# half way has printed the newer commits' findings, and its JSON is not a complete document).
. "$(dirname "$0")/local_lib.sh"

AGREEMENT="$WORK/agreement.toml"
bash "$LANEGUARD_SOURCE_DIR/tests/team_agreement.sh" '[lanes.pm] outsider_approvals = 1' \
  $'[[protected]]\nname = "core"\npaths = ["src/core/**", "src/git/**"]\nowners = ["engineering"]\napprovals = 1\nai = "label"' \
  > "$AGREEMENT"

as() { local n=$1 e=$2; shift 2; GIT_AUTHOR_NAME=$n GIT_AUTHOR_EMAIL=$e GIT_COMMITTER_NAME=$n GIT_COMMITTER_EMAIL=$e "$@"; }
R="$WORK/repo"
git init -q "$R" && cd "$R"
export GIT_COMMITTER_DATE GIT_AUTHOR_DATE
t=1700000000
tick() { t=$((t + 60)); GIT_COMMITTER_DATE="@$t +0000"; GIT_AUTHOR_DATE="@$t +0000"; }
commit() {  # commit AUTHOR EMAIL MESSAGE PATH...: writes each PATH and commits
  local n=$1 e=$2 m=$3; shift 3
  for p in "$@"; do mkdir -p "$(dirname "$p")"; echo "$m" >> "$p"; done
  tick; git add -A && as "$n" "$e" git commit -q -m "$m"
}
commit Erin erin@acme.test "Initial" src/auth/login.py prototypes/demo.py README
BASE=$(git rev-parse HEAD)
for i in 1 2 3 4; do
  commit Pat pat@acme.test "auth change $i" "src/auth/f$i.py"                      # missing-approval, self-approval
  commit Sam sam@else.test "outsider $i" "lib/x$i.c"                                 # an outsider's change
  commit Pat pat@acme.test $'AI change '"$i"$'\n\nCo-authored-by: Claude <noreply@anthropic.com>' "src/auth/ai$i.py"
  commit Eli eli@acme.test $'reviewed '"$i"$'\n\nReviewed-by: Erin <erin@acme.test>' "src/auth/r$i.py"
  commit Pat pat@acme.test "prototype $i" "prototypes/p$i.py"                        # nothing to say
  commit Pat pat@acme.test $'self-reviewed '"$i"$'\n\nReviewed-by: Pat <pat@acme.test>' "src/auth/s$i.py"
  commit Eli eli@acme.test "engineer in the PM's lane $i" "prototypes/e$i.py"        # lane-crossing
  git checkout -q -b "side$i"
  commit Pat pat@acme.test "side $i" "src/auth/side$i.py" "docs/s$i.md"
  git checkout -q main
  tick; as Pat pat@acme.test git merge -q --no-edit --no-ff "side$i"
  [ "$i" = 2 ] && MID=$(git rev-parse HEAD)
done
printf '\377bad byte\n' > "$(printf 'src/auth/caf\351.py')"
commit Pat pat@acme.test "a path that is not UTF-8"
# A merge that takes the initial tree back with the parents reversed: an empty first-parent diff,
# so only the range's net effect (unexplained-change) sees it.
PROTO=$(git log --format=%H --grep "^prototype 1$" main)
tick; git reset -q --hard "$(as Pat pat@acme.test git commit-tree "$BASE^{tree}" -p "$BASE" -p main -m "Merge main")"
TIP=$(git rev-parse HEAD)

# findings_of DIR FORMAT RANGE...: runs check, keeps its output in $WORK/out.FORMAT.
run_check() {
  local dir=$1 format=$2; shift 2
  "$LANEGUARD" -C "$dir" check --agreement "$AGREEMENT" --format "$format" "$@" > "$WORK/out.$format" 2> "$WORK/err.$format"
  echo $?
}
# The findings as "commit rule area" lines, sorted, from each format.
from_json() { jq -r '.findings[] | "\(.commit) \(.rule) \(.area // "-")"' "$WORK/out.json" | sort; }
from_jsonl() { jq -r '"\(.commit) \(.rule) \(.area // "-")"' "$WORK/out.jsonl" | sort; }
from_text() {  # "commit 0123456789ab  title" then "  block RULE [area]" lines
  perl -ne 'if (/^commit ([0-9a-f]{12})/) { $c = $1 } elsif (/^  (?:block|warn|notice) (\S+)(?: \[(.*)\])?$/) { print "$c $1 ", ($2 // "-"), "\n" }' \
    "$WORK/out.text" | sort
}
short() { perl -pe 's/^([0-9a-f]{12})[0-9a-f]{28}/$1/'; }

compare_formats() {  # compare_formats WHAT DIR RANGE...
  local what=$1 dir=$2; shift 2
  local rc_text rc_json rc_jsonl
  rc_text=$(run_check "$dir" text "$@"); rc_json=$(run_check "$dir" json "$@"); rc_jsonl=$(run_check "$dir" jsonl "$@")
  if [ "$rc_text" = "$rc_json" ] && [ "$rc_json" = "$rc_jsonl" ] && [ "$rc_text" -le 1 ]; then pass "$what: one exit status ($rc_text) for text, json, jsonl"
  else fail "$what: exit text $rc_text, json $rc_json, jsonl $rc_jsonl"; cat "$WORK"/err.* >&2; fi
  python3 -m json.tool "$WORK/out.json" > /dev/null && jq -e 'type == "object" and (.findings | type == "array") and (.areas | type == "array")
      and (.stats.commits | type == "number") and (.verdict == "block" or .verdict == "allow")' "$WORK/out.json" > /dev/null \
    && pass "$what: --format json is one valid document (python3 -m json.tool, jq)" || fail "$what: --format json is not one valid document"
  [ "$(jq -s length "$WORK/out.json")" = 1 ] && pass "$what: ... exactly one" || fail "$what: $(jq -s length "$WORK/out.json") JSON values"
  if python3 -c '
import json, sys
n = 0
for line in open(sys.argv[1], encoding="utf-8"):
    assert line.endswith("\n") and "\n" not in line[:-1], "a finding over several lines"
    f = json.loads(line)
    assert isinstance(f, dict) and {"rule", "severity", "commit", "area", "paths", "people", "message", "fix"} <= set(f), line
    n += 1
' "$WORK/out.jsonl"; then pass "$what: --format jsonl is one finding object per line"; else fail "$what: jsonl is not one object per line"; fi
  local n_text n_json n_jsonl
  n_text=$(from_text | wc -l); n_json=$(jq '.findings | length' "$WORK/out.json"); n_jsonl=$(wc -l < "$WORK/out.jsonl")
  if [ "$n_text" = "$n_json" ] && [ "$n_json" = "$n_jsonl" ] && [ "$n_json" -gt 0 ]; then pass "$what: $n_json findings in each format"
  else fail "$what: findings: text $n_text, json $n_json, jsonl $n_jsonl"; fi
  if [ "$(from_json)" = "$(from_jsonl)" ] && [ "$(from_json | short | sort)" = "$(from_text)" ]; then pass "$what: the same findings (commit, rule, area) in each"
  else fail "$what: the formats disagree"; diff <(from_json | short | sort) <(from_text) | head -5 >&2; fi
  [ "$(jq -c '[.findings[] | .paths]' "$WORK/out.json")" = "$(jq -sc '[.[] | .paths]' "$WORK/out.jsonl")" ] \
    && pass "$what: ... in the same order, with the same paths" || fail "$what: json and jsonl order or paths differ"
  local verdict; verdict=$(jq -r .verdict "$WORK/out.json")
  { [ "$verdict" = block ] && [ "$rc_json" = 1 ]; } || { [ "$verdict" = allow ] && [ "$rc_json" = 0 ]; } \
    && pass "$what: the verdict ($verdict) matches the exit status" || fail "$what: verdict $verdict, exit $rc_json"
  local c; c=$(grep -oE '^laneguard check: [0-9]+ commits' "$WORK/out.text" | grep -oE '[0-9]+')
  [ "$c" = "$(jq .stats.commits "$WORK/out.json")" ] && pass "$what: text and json count the same $c commits" \
    || fail "$what: commits text $c, json $(jq .stats.commits "$WORK/out.json")"
}

compare_formats "whole history" "$R" main
rules=$(jq -r '.findings[].rule' "$WORK/out.json" | sort -u | tr '\n' ' ')
for r in missing-approval self-approval unlabeled-ai lane-crossing; do
  [[ " $rules" == *" $r "* ]] && pass "whole history: has $r findings" || fail "whole history: no $r finding (rules: $rules)"
done
[ "$(jq '[.areas[] | select(.satisfied)] | length' "$WORK/out.json")" -gt 0 ] && [ "$(jq '.areas | length' "$WORK/out.json")" -gt 4 ] \
  && pass "whole history: the area statuses follow the findings (satisfied and not)" || fail "whole history: areas $(jq -c .areas "$WORK/out.json" | head -c 300)"
grep -q $'\xef\xbf\xbd' "$WORK/out.json" && pass "whole history: the non-UTF-8 path shows as U+FFFD" || fail "no U+FFFD in the JSON"

compare_formats "a landed range with an unexplained net effect" "$R" "$MID..$TIP"
jq -e '[.findings[] | select(.rule == "unexplained-change" and .commit == "'"$TIP"'")] | length == 1' "$WORK/out.json" > /dev/null \
  && pass "... the net effect's unexplained-change is in the stream, on the tip" || fail "no unexplained-change on the tip"
grep -q '"rule":"unexplained-change"' "$WORK/out.jsonl" && pass "... and in jsonl" || fail "jsonl lacks unexplained-change"

compare_formats "--all --not side1" "$R" --all --not side1
run_check "$R" json "$PROTO^!" > /dev/null
[ "$(jq -c '.findings' "$WORK/out.json")" = "[]" ] && [ "$(jq -r .verdict "$WORK/out.json")" = allow ] && python3 -m json.tool "$WORK/out.json" > /dev/null \
  && pass "no findings: json is still one document, findings []" || fail "no findings: $(cat "$WORK/out.json")"
run_check "$R" jsonl "$PROTO^!" > /dev/null
[ ! -s "$WORK/out.jsonl" ] && pass "no findings: jsonl prints nothing" || fail "no findings: jsonl printed $(cat "$WORK/out.jsonl")"

# laneguard's own history, when the source is a git repository (not in a source tarball).
if git -C "$LANEGUARD_SOURCE_DIR" rev-parse --verify -q HEAD > /dev/null 2>&1; then
  compare_formats "laneguard's own history" "$LANEGUARD_SOURCE_DIR" HEAD
else
  echo "note: $LANEGUARD_SOURCE_DIR is not a git repository; its history not checked"
fi

# Streaming: a walk that fails at an old commit (its tree object is gone) has already printed the
# findings of the newer commits; the JSON it leaves is not a complete document, so no reader takes
# a half-judged history for a verdict.
S="$WORK/broken"
git init -q "$S" && cd "$S"
for i in 1 2 3 4 5; do commit Pat pat@acme.test "auth change $i" "src/auth/f$i.py"; done
c2=$(git rev-parse HEAD~3) c4=$(git rev-parse HEAD~1) c5=$(git rev-parse HEAD)
tree=$(git rev-parse "$c2^{tree}")
rm -f ".git/objects/${tree:0:2}/${tree:2}"
rc=$(run_check "$S" text)
[ "$rc" = 3 ] && grep -q "commit ${c5:0:12}" "$WORK/out.text" && grep -q "commit ${c4:0:12}" "$WORK/out.text" \
  && pass "a walk failing at an old commit (exit 3) has printed the newer commits' findings" \
  || { fail "broken history: exit $rc"; cat "$WORK/out.text" "$WORK/err.text" >&2; }
grep -q "laneguard check:" "$WORK/out.text" && fail "... and a summary line as if it had finished" || pass "... and no summary line"
rc=$(run_check "$S" json)
[ "$rc" = 3 ] && grep -q "$c5" "$WORK/out.json" && ! python3 -m json.tool "$WORK/out.json" > /dev/null 2>&1 \
  && pass "... --format json: the findings so far, not a complete document (exit 3)" \
  || fail "broken history, json: exit $rc; $(head -c 300 "$WORK/out.json")"
rc=$(run_check "$S" jsonl)
[ "$rc" = 3 ] && [ "$(wc -l < "$WORK/out.jsonl")" -ge 2 ] && pass "... --format jsonl: one line per finding so far (exit 3)" \
  || fail "broken history, jsonl: exit $rc; $(cat "$WORK/out.jsonl")"


# Reading and judging on two threads (laneguard.threads; default one per core, util/pipeline.h)
# says exactly what one thread says: stdout, stderr and exit status byte for byte, for every shape
# above and for a walk that fails half way.
same_on_threads() {  # same_on_threads N WHAT DIR ARGS...: check ARGS in DIR on one thread and on N
  local n=$1 what=$2 dir=$3 rc1 rc2; shift 3
  git -C "$dir" config laneguard.threads 1
  "$LANEGUARD" -C "$dir" check "$@" > "$WORK/t1.out" 2> "$WORK/t1.err"; rc1=$?
  git -C "$dir" config laneguard.threads "$n"
  "$LANEGUARD" -C "$dir" check "$@" > "$WORK/t2.out" 2> "$WORK/t2.err"; rc2=$?
  git -C "$dir" config --unset laneguard.threads
  if [ "$rc1" = "$rc2" ] && cmp -s "$WORK/t1.out" "$WORK/t2.out" && cmp -s "$WORK/t1.err" "$WORK/t2.err" && [ -s "$WORK/t1.out" ]; then
    pass "$what: one thread and $n say the same (exit $rc1, $(wc -l < "$WORK/t1.out") lines)"
  else
    fail "$what: one thread exit $rc1, $n exit $rc2"; diff "$WORK/t1.out" "$WORK/t2.out" | head -5 >&2; diff "$WORK/t1.err" "$WORK/t2.err" | head -5 >&2
  fi
}
same_threaded() { local what=$1 dir=$2; shift 2; same_on_threads 2 "$what" "$dir" --agreement "$AGREEMENT" "$@"; }
same_threaded "whole history, text" "$R" main
same_threaded "whole history, json" "$R" --format json main
same_threaded "a landed range" "$R" --format jsonl "$MID..$TIP"
same_threaded "--all --not side1" "$R" --all --not side1
same_threaded "a walk failing at an old commit" "$S" --format json
same_threaded "... text" "$S"

# With the prototype-promotion rule (the default agreement has it), the scan of blobs is a third
# stage on a third thread with its own handle on the repository: still the serial answer, byte for
# byte. A history that promotes a prototype (moved, then copied with edits), adopts the agreement
# part way (the adoption commit is exempt from its own file: read on the scanning handle), and a
# walk that fails in the scan itself (a copied file's blob is gone: the trees are all there, so
# only the stage that reads blobs meets it).
P="$WORK/promoted"
git init -q "$P" && cd "$P"
proto() { for i in $(seq 1 12); do echo "export function step_$i(cart) { return cart.total * $i; }"; done; }
mkdir -p prototypes/checkout src/app
proto > prototypes/checkout/cart.js; tick; git add -A && as Pat pat@acme.test git commit -q -m "Checkout prototype"
commit Erin erin@acme.test "App" src/app/main.py
git mv prototypes/checkout/cart.js src/app/cart.js; tick; as Pat pat@acme.test git commit -q -m "Ship the cart"
proto > prototypes/checkout/cart2.js; tick; git add -A && as Pat pat@acme.test git commit -q -m "Second prototype"
cp "$LANEGUARD_SOURCE_DIR/policies/default.toml" .laneguard.toml; tick; git add -A && as Erin erin@acme.test git commit -q -m "Adopt laneguard"
proto | sed 's/^/  /' > src/app/cart2.js; tick; git add -A && as Pat pat@acme.test git commit -q -m "Cart for production"
COPIED=$(git rev-parse HEAD:src/app/cart2.js)
commit Erin erin@acme.test "More app" src/app/other.py src/auth/login.py
same_threaded_default() { same_on_threads 3 "$@"; }  # with DIR's own agreement (the default)
same_threaded_default "promotion, whole history, text" "$P" main
grep -q "block prototype-promotion" "$WORK/t2.out" && grep -q "src/app/cart.js is prototypes/checkout/cart.js moved" "$WORK/t2.out" \
  && grep -q "src/app/cart2.js lines 1-12 copy prototypes/checkout/cart2.js lines 1-12" "$WORK/t2.out" \
  && pass "... the move and the copy are both found on three threads" || { fail "promotion findings missing"; cat "$WORK/t2.out" >&2; }
grep -q "Adopt laneguard" "$WORK/t2.out" && fail "... the adoption commit is judged on the agreement it adds" || pass "... the adoption commit is exempt"
same_threaded_default "promotion, whole history, json" "$P" --format json main
same_threaded_default "promotion, a landed range" "$P" main~4..main
rm -f ".git/objects/${COPIED:0:2}/${COPIED:2}"
same_threaded_default "promotion, a blob gone half way" "$P" main
rc=$(cd "$P" && "$LANEGUARD" check main > "$WORK/out.text" 2> "$WORK/err.text"; echo $?)
[ "$rc" = 3 ] && grep -q "commit $(git rev-parse --short=12 main)" "$WORK/out.text" && ! grep -q "Ship the cart" "$WORK/out.text" \
  && pass "... exit 3, the newer commit's findings printed, nothing past the failing one" \
  || { fail "a blob gone: exit $rc"; cat "$WORK/out.text" "$WORK/err.text" >&2; }

git -C "$S" config laneguard.threads two
rc=$(run_check "$S" text)
[ "$rc" = 2 ] && grep -q "bad numeric config value 'two' for 'laneguard.threads'" "$WORK/err.text" \
  && pass "laneguard.threads that is not a number: exit 2, git's words" || fail "laneguard.threads=two: exit $rc; $(cat "$WORK/err.text")"
git -C "$S" config --unset laneguard.threads

finish
