#!/usr/bin/env bash
# End-to-end: `laneguard lint`, `init` and `explain` through the real binary, in real repositories.
set -euo pipefail

: "${LANEGUARD:?set LANEGUARD to the laneguard binary}"
: "${LANEGUARD_SOURCE_DIR:?set LANEGUARD_SOURCE_DIR to the source tree}"
LANEGUARD=$(realpath "$LANEGUARD")
POLICIES="$LANEGUARD_SOURCE_DIR/policies"

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export HOME="$WORK/home" GIT_CONFIG_GLOBAL="$WORK/gitconfig" GIT_CONFIG_NOSYSTEM=1
mkdir -p "$HOME"
git config --global user.name "Test Runner"
git config --global user.email "runner@example.test"
git config --global init.defaultBranch main
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE || true

failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

# run CMD...: captures $out, $err and $rc without stopping on a non-zero exit.
run() {
  set +e
  "$@" >"$WORK/out" 2>"$WORK/err"
  rc=$?
  set -e
  out=$(cat "$WORK/out")
  err=$(cat "$WORK/err")
}
expect_rc() {
  if [[ $rc -ne $1 ]]; then fail "$2: exit $rc, expected $1"$'\n'"stdout: $out"$'\n'"stderr: $err"; fi
}
expect_in() {  # expect_in WHAT HAYSTACK NEEDLE
  if [[ "$2" != *"$3"* ]]; then fail "$1: missing [$3] in:"$'\n'"$2"; fi
}
expect_eq() {  # expect_eq WHAT ACTUAL EXPECTED
  if [[ "$2" != "$3" ]]; then
    fail "$1 differs:"$'\n'"$(diff <(printf '%s\n' "$3") <(printf '%s\n' "$2") | sed 's/^/  /')"
  fi
}

new_repo() {
  rm -rf "$1"
  git init -q "$1"
}

# --- lint --------------------------------------------------------------------------------
REPO="$WORK/repo"
new_repo "$REPO"
mkdir -p "$REPO/src/deep"
cd "$REPO/src/deep"

areas=$(grep -c '^\[\[protected\]\]' "$POLICIES/default.toml")
lanes=$(grep -c '^\[lanes\.' "$POLICIES/default.toml")
run "$LANEGUARD" lint
expect_rc 0 "lint without an agreement"
expect_in "lint without an agreement" "$out" "linting the embedded default agreement"
tiers=$(grep -c '^\[\[tier\]\]' "$POLICIES/default.toml" || true)
tiers_text=""; [[ $tiers -gt 0 ]] && tiers_text=", $tiers tiers"
expect_in "lint without an agreement" "$out" "<embedded default>: ok (0 people, $lanes lanes, $areas protected areas$tiers_text)"

for policy in "$POLICIES"/*.toml; do
  run "$LANEGUARD" lint "$policy"
  expect_rc 0 "lint $policy"
  people=$(grep -c '^\[people\.' "$policy" || true)
  lanes=$(grep -c '^\[lanes\.' "$policy")
  areas=$(grep -c '^\[\[protected\]\]' "$policy")
  tiers=$(grep -c '^\[\[tier\]\]' "$policy" || true)
  tiers_text=""; [[ $tiers -gt 0 ]] && tiers_text=", $tiers tier"; [[ $tiers -gt 1 ]] && tiers_text+=s
  [[ $people == 1 ]] && pw=person || pw=people
  expect_in "lint $policy" "$out" "$policy: ok ($people $pw, $lanes lanes, $areas protected areas$tiers_text)"
  if [[ "$(basename "$policy")" != default.toml && "$out" == *": note: "* ]]; then
    fail "lint $policy: a shipped policy with people should lint without notes:"$'\n'"$out"
  fi
done

# The agreement at the top of the working tree is found from a subdirectory.
cat >"$REPO/.laneguard.toml" <<'EOF'
version = 1
[agreement]
name = "Test team"
[people.pat]
emails = ["pat@acme.test"]
[people.erin]
emails = ["Erin@Acme.test"]
usernames = ["erin"]
[people.eli]
emails = ["eli@acme.test"]
[people.drifter]
emails = ["drifter@acme.test"]
[lanes.pm]
members = ["pat"]
owns = ["prototypes/**", "analysis/**"]
[lanes.design]
owns = ["analysis/**"]
[lanes.engineering]
members = ["erin", "eli"]
owns = ["**"]
outsider_approvals = 1
[[protected]]
name = "payments"
paths = ["src/payments/**"]
owners = ["engineering"]
approvals = 1
ai = "label"
ai_approvals = 2
[[protected]]
name = "agent rules"
paths = ["AGENTS.md"]
owners = ["pm", "engineering"]
ai = "allow"
[[protected]]
name = "keys"
paths = ["**/*.pem"]
owners = ["engineering"]
approvals = 2
ai = "forbid"
EOF
toplevel=$(git -C "$REPO/src/deep" rev-parse --show-toplevel)
run "$LANEGUARD" lint
expect_rc 0 "lint from a subdirectory"
expect_in "lint from a subdirectory" "$out" "$toplevel/.laneguard.toml: ok (4 people, 3 lanes, 3 protected areas)"
expect_in "lint notes" "$out" "$toplevel/.laneguard.toml:11:9: note: person drifter is in no lane"
expect_in "lint notes" "$out" "note: lanes pm and design both own \"analysis/**\""
run "$LANEGUARD" lint --strict
expect_rc 1 "lint --strict with notes"

# Errors: file:line:col on stderr, exit 2, nothing claimed ok.
printf 'version = 1\n[[protected]]\nname = "x"\npaths = ["a/**"]\nowners = ["engineering"]\naprovals = 2\n' >"$WORK/typo.toml"
run "$LANEGUARD" lint "$WORK/typo.toml"
expect_rc 2 "lint with a typo"
expect_eq "lint typo stderr" "$err" "$WORK/typo.toml:6:1: error: unknown key \"aprovals\" in [[protected]] #1; did you mean \"approvals\"?"
expect_eq "lint typo stdout" "$out" ""

printf 'version = 1\n[agreement\nname = "x"\n' >"$WORK/syntax.toml"
run "$LANEGUARD" lint "$WORK/syntax.toml"
expect_rc 2 "lint with a TOML syntax error"
expect_in "lint syntax stderr" "$err" "$WORK/syntax.toml:2:"
expect_in "lint syntax stderr" "$err" ": error: invalid TOML"

printf 'version = 1\n[lanes.pm]\nmembers = ["nobody"]\n' >"$WORK/person.toml"
run "$LANEGUARD" lint "$WORK/person.toml"
expect_rc 2 "lint with an unknown person"
expect_eq "lint unknown person" "$err" "$WORK/person.toml:3:12: error: unknown person \"nobody\" in [lanes.pm] members (list them under [people.nobody])"

run "$LANEGUARD" lint "$WORK/does-not-exist.toml"
expect_rc 3 "lint a missing file (an I/O failure, SPEC section 5)"
expect_in "lint a missing file" "$err" "$WORK/does-not-exist.toml: error: cannot read the agreement named on the command line: No such file or directory"

head -c 4096 "$LANEGUARD" >"$WORK/binary.toml"
run "$LANEGUARD" lint "$WORK/binary.toml"
expect_rc 2 "lint a binary file"
expect_in "lint a binary file" "$err" "$WORK/binary.toml:1:"

# --- explain -----------------------------------------------------------------------------
cd "$REPO"
run "$LANEGUARD" explain src/payments/charge.py
expect_rc 0 "explain payments"
expect_eq "explain payments" "$out" "agreement: $toplevel/.laneguard.toml
src/payments/charge.py
  lane: engineering (owns \"**\")
  protected: payments (matched \"src/payments/**\")
    needs 1 approval from engineering, not from the change's authors; 2 when AI-assisted; AI help must be labelled with an Assisted-by: trailer
    approvers: engineering (erin, eli)
  lane rule: a change by someone outside engineering needs 1 approval from engineering (erin, eli) who are not its authors"

# Paths are relative to the current directory, as git's are; matching is case-insensitive.
cd "$REPO/src/deep"
run "$LANEGUARD" explain ../../Prototypes/demo.py ../../AGENTS.md server.pem
expect_rc 0 "explain from a subdirectory"
expect_eq "explain from a subdirectory" "$out" "agreement: $toplevel/.laneguard.toml
Prototypes/demo.py
  lane: pm (owns \"prototypes/**\")
  protected: no (a change here needs no approval)
AGENTS.md
  lane: engineering (owns \"**\")
  protected: agent rules (matched \"AGENTS.md\")
    needs an approval from each of pm and engineering, not from the change's authors; AI help needs no label
    approvers: pm (pat)
    approvers: engineering (erin, eli)
  lane rule: a change by someone outside engineering needs 1 approval from engineering (erin, eli) who are not its authors
src/deep/server.pem
  lane: engineering (owns \"**\")
  protected: keys (matched \"**/*.pem\")
    needs 2 approvals from engineering, not from the change's authors; AI-assisted changes are not allowed here
    approvers: engineering (erin, eli)
  lane rule: a change by someone outside engineering needs 1 approval from engineering (erin, eli) who are not its authors"

cd "$REPO"
run "$LANEGUARD" explain analysis/q3.sql
expect_in "explain a tie" "$out" "  lane: pm (owns \"analysis/**\")"
expect_in "explain a tie" "$out" "  tie: design owns it with an equally specific pattern"

run "$LANEGUARD" explain --format json analysis/q3.sql
expect_rc 0 "explain json"
expect_in "explain json" "$out" '"lane": "pm"'
expect_in "explain json" "$out" '"tied": ['
expect_in "explain json" "$out" '"design"'

run "$LANEGUARD" explain --agreement "$POLICIES/growth-team.toml" checkout/cart.js
expect_rc 0 "explain --agreement"
expect_in "explain --agreement" "$out" "agreement: $POLICIES/growth-team.toml"
expect_in "explain --agreement" "$out" "protected: payments (matched \"**/checkout/**\")"
expect_in "explain --agreement" "$out" "approvers: engineering (erin, eli, sam)"

run "$LANEGUARD" explain --agreement "$WORK/typo.toml" src/x.py
expect_rc 2 "explain with an invalid agreement"
expect_in "explain with an invalid agreement" "$err" "$WORK/typo.toml:6:1:"

run "$LANEGUARD" explain ../outside.txt
expect_rc 2 "explain a path outside the repository"

run "$LANEGUARD" explain
expect_rc 2 "explain without paths"

# --- init --------------------------------------------------------------------------------
INIT="$WORK/init-repo"
new_repo "$INIT"
mkdir -p "$INIT/a/b"
cd "$INIT/a/b"
run "$LANEGUARD" init
expect_rc 0 "init"
if ! cmp -s "$INIT/.laneguard.toml" "$POLICIES/default.toml"; then
  fail "init did not write policies/default.toml:"$'\n'"$(diff "$POLICIES/default.toml" "$INIT/.laneguard.toml" | head -20)"
fi
expect_in "init output" "$out" "wrote $(git rev-parse --show-toplevel)/.laneguard.toml"
mode=$(stat -c %a "$INIT/.laneguard.toml")
expect_eq "init file mode" "$mode" "644"

# The written file is what the working tree now uses, and it lints.
run "$LANEGUARD" lint
expect_rc 0 "lint after init"
expect_in "lint after init" "$out" "$INIT/.laneguard.toml: ok ("

# Never clobbered by accident.
echo "# edited by the team" >>"$INIT/.laneguard.toml"
before=$(cat "$INIT/.laneguard.toml")
run "$LANEGUARD" init
expect_rc 2 "init over an existing agreement"
expect_in "init over an existing agreement" "$err" "already exists"
expect_in "init over an existing agreement" "$err" "--force"
expect_eq "agreement after a refused init" "$(cat "$INIT/.laneguard.toml")" "$before"

run "$LANEGUARD" init --force
expect_rc 0 "init --force"
cmp -s "$INIT/.laneguard.toml" "$POLICIES/default.toml" || fail "init --force did not replace the agreement"

run "$LANEGUARD" init --force --from "$POLICIES/growth-team.toml"
expect_rc 0 "init --from"
cmp -s "$INIT/.laneguard.toml" "$POLICIES/growth-team.toml" || fail "init --from did not copy the policy"

run "$LANEGUARD" init --force --from "$WORK/typo.toml"
expect_rc 2 "init --from an invalid policy"
cmp -s "$INIT/.laneguard.toml" "$POLICIES/growth-team.toml" || fail "init --from an invalid policy changed the agreement"

leftovers=$(find "$INIT" -maxdepth 1 -name '.laneguard.toml.tmp-*')
expect_eq "temporary files left by init" "$leftovers" ""

# The file git sees is the one init wrote: commit it and read it back through git.
git -C "$INIT" add .laneguard.toml
git -C "$INIT" commit -q -m "Add the working agreement"
expect_eq "committed agreement" "$(git -C "$INIT" show HEAD:.laneguard.toml)" "$(cat "$POLICIES/growth-team.toml")"

# Outside any repository there is no root to write to.
mkdir -p "$WORK/plain"
cd "$WORK/plain"
run env GIT_CEILING_DIRECTORIES="$WORK" "$LANEGUARD" init
expect_rc 2 "init outside a repository"
expect_in "init outside a repository" "$err" "not inside a git working tree"
[[ ! -e "$WORK/plain/.laneguard.toml" ]] || fail "init outside a repository wrote a file"

if [[ $failures -gt 0 ]]; then
  echo "$failures check(s) failed" >&2
  exit 1
fi
echo "agreement_cli_test: all checks passed"
