#!/bin/bash
# prototype-promotion in every mode: `check`, `ci` (GitHub event and reviews), the server (a real
# bare repository with `laneguard install --server`, real pushes) and the local hooks (pre-commit,
# commit-msg, pre-push after `laneguard install`). The same four changes each time: a prototype
# moved into src/ (blocked), copied with small edits (blocked, its source lines named), declared
# and approved (accepted, a notice), and a production rewrite that shares only imports and
# boilerplate with the prototype (no finding). Then the ways around it: a copy split over two
# commits of one push, a copy brought in by a merge, a whitespace-only re-indent.
set -u
: "${LANEGUARD:?set LANEGUARD to the laneguard binary}"
SRC=${LANEGUARD_SOURCE_DIR:-$(cd "$(dirname "$0")/.." && pwd)}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/laneguard-promotion.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
export GIT_CONFIG_GLOBAL="$TMP/gitconfig" GIT_CONFIG_NOSYSTEM=1
: > "$GIT_CONFIG_GLOBAL"
git config --global init.defaultBranch main
git config --global user.name Pat
git config --global user.email pat@acme.test
git config --global advice.detachedHead false
unset GITHUB_EVENT_PATH GITHUB_ACTIONS GITLAB_CI GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE LANEGUARD_PUSHER || true
FAILED=0
fail() { echo "FAIL: $*" >&2; FAILED=$((FAILED + 1)); }
ok() { echo "ok: $*"; }
has() { grep -qF -- "$2" <<<"$1"; }
expect_has() { if has "$1" "$2"; then ok "$3"; else fail "$3: no '$2' in:"; sed 's/^/    /' <<<"$1" >&2; fi; }
expect_lacks() { if has "$1" "$2"; then fail "$3: '$2' in:"; sed 's/^/    /' <<<"$1" >&2; else ok "$3"; fi; }
expect_rc() { if [ "$1" = "$2" ]; then ok "$3"; else fail "$3: exit $1, want $2"; fi; }

# The prototype: 24 distinct lines of real-looking code among imports, braces and comments.
prototype() {
  echo "import { api } from './api';"
  echo "import { money } from './money';"
  echo ""
  echo "// Checkout prototype: quick and dirty"
  for i in $(seq 1 24); do
    echo "export function step_$i(cart) {"
    echo "  const subtotal_$i = cart.items.reduce((s, x) => s + x.price * $i, 0);"
    echo "}"
  done
}
# The prototype, re-indented, with a header and two lines changed.
edited_copy() {
  echo "// Production cart"
  prototype | sed -e 's/^/    /' -e 's/x.price \* 5,/x.price * 55,/' -e 's/step_9(cart)/step_nine(cart)/'
}
# A rebuild: the same imports and boilerplate, new code.
rewrite() {
  echo "import { api } from './api';"
  echo "import { money } from './money';"
  echo ""
  echo "export class Cart {"
  echo "  constructor(repository) { this.repository = repository; }"
  echo "  total(customer) {"
  echo "    const lines = this.repository.linesFor(customer.id);"
  echo "    return lines.map(l => money(l.unitPrice).times(l.quantity)).reduce(money.sum, money.zero);"
  echo "  }"
  echo "}"
}

AGREEMENT=$(bash "$SRC/tests/team_agreement.sh" $'[promotion]\nfrom_lanes = ["pm"]\nmin_lines = 6\nmin_share = 0.6\nseverity = "block"\napprovals = 1')

# A repository with the agreement and the prototype on main (made by erin), the user pat.
new_repo() {
  git init -q "$1"
  (cd "$1" && printf '%s\n' "$AGREEMENT" > .laneguard.toml && mkdir -p prototypes/checkout src &&
   prototype > prototypes/checkout/cart.js && echo "module.exports = {};" > src/index.js && git add -A &&
   git -c user.name=Erin -c user.email=erin@acme.test commit -qm "Initial")
}
# The four changes, each a commit on its own branch from main: move, copy, declared, rewrite.
make_changes() {
  (cd "$1"
   git checkout -q -b move main && git mv prototypes/checkout/cart.js src/cart.js && git commit -qm "Ship the cart"
   git checkout -q -b copy main && edited_copy > src/cart.js && git add -A && git commit -qm "Cart for production"
   git checkout -q -b declared main && edited_copy > src/cart.js && git add -A &&
     git commit -qm "Promote the checkout prototype" -m "Promoted-from: prototypes/checkout/"
   git checkout -q -b rewrite main && rewrite > src/cart.js && git add -A && git commit -qm "Rebuild the cart"
   git checkout -q main)
}

# --- check -----------------------------------------------------------------------------------
R=$TMP/check
new_repo "$R" && make_changes "$R"
cd "$R"
OUT=$("$LANEGUARD" check main..move 2>&1); RC=$?
expect_rc "$RC" 1 "check: a prototype moved into src/ blocks"
expect_has "$OUT" "block prototype-promotion" "check: the finding is prototype-promotion"
expect_has "$OUT" "src/cart.js is prototypes/checkout/cart.js moved" "check: the move is named"
OUT=$("$LANEGUARD" check main..copy 2>&1); RC=$?
expect_rc "$RC" 1 "check: a copy with small edits blocks"
expect_has "$OUT" "copy prototypes/checkout/cart.js lines " "check: the source's lines are named"
expect_has "$OUT" "Rebuild it" "check: the fix says rebuild it"
expect_has "$OUT" "Promoted-from: prototypes/checkout/" "check: or declare it, with the trailer to write"
OUT=$("$LANEGUARD" check main..declared 2>&1); RC=$?
expect_rc "$RC" 1 "check: declared but not approved still blocks"
expect_has "$OUT" "Declared promotion" "check: the declared promotion needs approval"
(git checkout -q declared && git commit -q --amend -m "Promote the checkout prototype" \
   -m "Promoted-from: prototypes/checkout/
Reviewed-by: Erin <erin@acme.test>" && git branch -q -f declared-approved HEAD && git checkout -q main)
OUT=$("$LANEGUARD" check main..declared-approved 2>&1); RC=$?
expect_rc "$RC" 0 "check: declared and approved is accepted"
expect_has "$OUT" "notice prototype-promotion" "check: reported as a notice"
expect_has "$OUT" "Promotion accepted" "check: the notice says accepted"
OUT=$("$LANEGUARD" check main..rewrite 2>&1); RC=$?
expect_rc "$RC" 0 "check: a rewrite sharing imports and boilerplate passes"
expect_lacks "$OUT" "prototype-promotion" "check: and is not a promotion"
OUT=$("$LANEGUARD" check --format json main..copy 2>&1)
expect_has "$OUT" '"rule": "prototype-promotion"' "check --format json carries the rule id"
# Without a [promotion] table nothing changes.
OUT=$("$LANEGUARD" check --agreement <(bash "$SRC/tests/team_agreement.sh") main..move 2>&1)
expect_lacks "$OUT" "prototype-promotion" "check: no [promotion] table, no finding"

# Evasions. Split over two commits: neither half alone reaches 6 lines... the second completes it.
(git checkout -q -b split main && prototype | head -9 > src/cart.js && git add -A && git commit -qm "part 1" &&
 prototype > src/cart.js && git add -A && git commit -qm "part 2" && git checkout -q main)
OUT=$("$LANEGUARD" check --format jsonl main..split 2>&1)
expect_has "$(grep prototype-promotion <<<"$OUT")" "$(git rev-parse split)" "evasion: a copy split over two commits is caught in the second"
# Via a merge: the copy on a side branch, merged with --no-ff.
(git checkout -q -b side main && edited_copy > src/pay.js && git add -A && git commit -qm "side copy" &&
 git checkout -q -b merged main && echo "x = 1;" > src/other.js && git add -A && git commit -qm other &&
 git merge -q --no-ff -m "Merge side" side && git checkout -q main)
OUT=$("$LANEGUARD" check main..merged 2>&1); RC=$?
expect_rc "$RC" 1 "evasion: a copy brought in by a merge still blocks"
expect_has "$OUT" "src/pay.js" "evasion: the merged copy is named"
# An evil merge: the copy made in the merge commit itself.
(git checkout -q -b side2 main && echo "z = 3;" > src/z.js && git add -A && git commit -qm z &&
 git checkout -q -b evil main && echo "y = 2;" > src/y.js && git add -A && git commit -qm y &&
 git merge -q --no-ff --no-commit side2 && edited_copy > src/evil.js && git add -A && git commit -qm "Merge side2" &&
 git checkout -q main) >/dev/null 2>&1
OUT=$("$LANEGUARD" check main..evil 2>&1); RC=$?
expect_rc "$RC" 1 "evasion: a copy made by a merge's own change blocks"
expect_has "$OUT" "src/evil.js" "evasion: the evil merge's copy is named"
# Whitespace only: the prototype with every blank changed, renamed.
(git checkout -q -b spaces main && prototype | sed -e 's/ //g' -e 's/^/\t\t/' > src/renamed_cart.js && git add -A &&
 git commit -qm "Looks new" && git checkout -q main)
OUT=$("$LANEGUARD" check main..spaces 2>&1); RC=$?
expect_rc "$RC" 1 "evasion: whitespace-only edits under a new name still block"

# lint and explain describe the table.
OUT=$("$LANEGUARD" explain src/cart.js prototypes/checkout/cart.js 2>&1)
expect_has "$OUT" "promotion: production code for promotion" "explain: a production path's promotion rule"
expect_has "$OUT" "promotion: prototype code (pm is a prototype lane)" "explain: a prototype path's"
printf '%s\n[promotion]\nfrom_lanes = ["pmm"]\n' "$(bash "$SRC/tests/team_agreement.sh")" > "$TMP/bad.toml"
OUT=$("$LANEGUARD" lint "$TMP/bad.toml" 2>&1); RC=$?
expect_rc "$RC" 2 "lint: an unknown lane in [promotion] is an error"
expect_has "$OUT" 'did you mean "pm"' "lint: with a suggestion"

# --- ci --------------------------------------------------------------------------------------
ORIGIN=$TMP/ci-origin.git
git init -q --bare "$ORIGIN"
git -C "$R" push -q "$ORIGIN" main copy declared rewrite
ci_run() {  # ci_run BRANCH AUTHOR [REVIEWER]: the pull request BRANCH -> main, judged by laneguard ci
  local head base reviews="[]"
  rm -rf "$TMP/ci" && git clone -q "$ORIGIN" "$TMP/ci" && git -C "$TMP/ci" checkout -q --detach "origin/$1"
  head=$(git -C "$ORIGIN" rev-parse "$1") base=$(git -C "$ORIGIN" rev-parse main)
  cat > "$TMP/event.json" <<JSON
{"action": "synchronize", "number": 7, "pull_request": {"number": 7, "state": "open", "title": "Cart",
 "user": {"login": "$2", "type": "User"}, "labels": [],
 "head": {"ref": "$1", "sha": "$head", "repo": {"full_name": "acme/checkout"}},
 "base": {"ref": "main", "sha": "$base", "repo": {"full_name": "acme/checkout"}}},
 "repository": {"full_name": "acme/checkout"}, "sender": {"login": "$2"}}
JSON
  [ -n "${3:-}" ] && reviews="[{\"id\": 1, \"user\": {\"login\": \"$3\", \"type\": \"User\"}, \"state\": \"APPROVED\", \"submitted_at\": \"2025-01-01T12:00:00Z\", \"commit_id\": \"$head\"}]"
  echo "$reviews" > "$TMP/reviews.json"
  OUT=$(cd "$TMP/ci" && "$LANEGUARD" ci --event "$TMP/event.json" --reviews "$TMP/reviews.json" 2>&1); RC=$?
}
ci_run copy pat
expect_rc "$RC" 1 "ci: a pull request copying the prototype blocks"
expect_has "$OUT" "prototype-promotion" "ci: the finding is prototype-promotion"
expect_has "$OUT" "prototypes/checkout/cart.js lines" "ci: with the source lines"
ci_run declared pat erin
expect_rc "$RC" 0 "ci: declared and approved by erin's review is accepted"
expect_has "$OUT" "Promotion accepted" "ci: reported as a notice"
ci_run declared pat
expect_rc "$RC" 1 "ci: declared without a review blocks"
ci_run rewrite pat
expect_lacks "$OUT" "prototype-promotion" "ci: the rewrite is not a promotion"

# --- the server ------------------------------------------------------------------------------
SERVER=$TMP/server.git
git init -q --bare "$SERVER"
git -C "$R" push -q "$SERVER" main
"$LANEGUARD" install --server "$SERVER" >/dev/null
WORK=$TMP/server-work
git clone -q "$SERVER" "$WORK"
git -C "$WORK" fetch -q "$R" move:move copy:copy declared:declared rewrite:rewrite split:split merged:merged spaces:spaces
push_as() { OUT=$(cd "$WORK" && LANEGUARD_PUSHER=$1 git push "${@:2}" 2>&1); RC=$?; }
push_as pat origin move:main
expect_rc "$RC" 1 "server: a prototype moved into src/ is refused"
expect_has "$OUT" "block prototype-promotion" "server: the pusher sees prototype-promotion"
push_as pat origin copy:main
expect_rc "$RC" 1 "server: a copy with small edits is refused"
expect_has "$OUT" "prototypes/checkout/cart.js lines" "server: with the source lines"
push_as pat origin split:main
expect_rc "$RC" 1 "server: a copy split over two commits of one push is refused"
push_as pat origin merged:main
expect_rc "$RC" 1 "server: a copy brought in by a merge is refused"
push_as pat origin spaces:main
expect_rc "$RC" 1 "server: a whitespace-only re-indent is refused"
push_as pat origin declared:main
expect_rc "$RC" 1 "server: declared, pushed by its author, is refused (no approval)"
expect_has "$OUT" "Declared promotion" "server: it says the declared promotion needs an approval"
push_as pat origin declared:refs/heads/pat/cart
expect_rc "$RC" 0 "server: the declared promotion on a feature branch"
push_as erin origin declared:main
expect_rc "$RC" 0 "server: declared and approved by erin's push is accepted"
expect_has "$OUT" "notice prototype-promotion" "server: reported as a notice"
[ -s "$SERVER/laneguard/promotion-index" ] && ok "server: the prototype index is cached beside the records" \
  || fail "server: no $SERVER/laneguard/promotion-index"
git -C "$WORK" fetch -q origin
(cd "$WORK" && git checkout -q -B rw origin/main && rewrite > src/cart2.js && git add -A && git commit -qm "Rebuild")
push_as erin origin rw:main
expect_rc "$RC" 0 "server: the rewrite is accepted (with the cached index)"
expect_lacks "$OUT" "prototype-promotion" "server: and is not a promotion"
(cd "$WORK" && git checkout -q rw && edited_copy | sed 's/Production cart/again/' > src/cart3.js && git add -A && git commit -qm "Copy again")
push_as erin origin rw:main
expect_rc "$RC" 1 "server: a copy after the cache was written is still refused"

# --- the local hooks -------------------------------------------------------------------------
L=$TMP/local
git clone -q "$SERVER" "$L"
cd "$L"
"$LANEGUARD" install >/dev/null
edited_copy > src/local.js && git add -A
OUT=$(git commit -qm "Local copy" 2>&1); RC=$?
expect_rc "$RC" 0 "local: pre-commit and commit-msg warn (the server decides)"
expect_has "$OUT" "warn prototype-promotion" "local: the warning is prototype-promotion"
expect_has "$OUT" "prototypes/checkout/cart.js lines" "local: with the source lines"
OUT=$(git push origin HEAD:main 2>&1); RC=$?
expect_rc "$RC" 1 "local: pre-push stops the push the server would refuse"
expect_has "$OUT" "block prototype-promotion" "local: pre-push says prototype-promotion"
git reset -q --hard origin/main
rewrite > src/local2.js && git add -A
OUT=$(git commit -qm "Local rebuild" 2>&1)
expect_lacks "$OUT" "prototype-promotion" "local: a rebuild gets no promotion warning"
# [local] mode = "block" (in the working tree's agreement, not committed): commit-msg refuses an
# undeclared copy, and a declared one without a Reviewed-by; declared and reviewed, it is committed.
printf '%s\n[local]\nmode = "block"\n' "$AGREEMENT" > .laneguard.toml
edited_copy > src/local3.js && git add src/local3.js
OUT=$(git commit -qm "Local copy" 2>&1); RC=$?
expect_rc "$RC" 1 "local: under mode = block, commit-msg refuses the undeclared copy"
expect_has "$OUT" "block prototype-promotion" "local: the refusal is prototype-promotion"
OUT=$(git commit -qm "Local copy" -m "Promoted-from: prototypes/checkout/" 2>&1); RC=$?
expect_rc "$RC" 1 "local: under mode = block, declared but unreviewed is refused"
OUT=$(git commit -qm "Local copy" -m "Promoted-from: prototypes/checkout/
Reviewed-by: Erin <erin@acme.test>" 2>&1); RC=$?
expect_rc "$RC" 0 "local: under mode = block, declared and reviewed is committed"
expect_has "$OUT" "Promotion accepted" "local: with the notice"

if [ "$FAILED" -ne 0 ]; then echo "$FAILED check(s) failed" >&2; exit 1; fi
echo "all checks passed"
