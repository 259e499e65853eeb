#!/bin/bash
# The command line's output options and exit codes: --color=auto|always|never beside NO_COLOR, TERM
# and git's color.ui (also `git -c color.ui=...` seen by a hook), --quiet, lint --format json, a
# missing --agreement FILE is exit 3, init --from NAME and --list, lint's note on an empty agreement.
. "$(dirname "$0")/local_lib.sh"
ESC=$(printf '\033')
has_colour() { grep -q "$ESC\[" "$1"; }
# on_tty FILE COMMAND...: runs COMMAND with a terminal as stdin, stdout and stderr (script(1)), its
# output (both streams) in FILE.
on_tty() {
  local file=$1; shift
  local cmd
  printf -v cmd '%q ' "$@"
  script -qec "$cmd" /dev/null > "$file" 2>&1 < /dev/null
}
command -v script >/dev/null || { echo "SKIP: script(1) (util-linux) is not installed: no terminal to test colour on"; exit 77; }

new_repo "$WORK/r" && cd "$WORK/r"
git commit -q --allow-empty -m "Baseline" && PASSING=$(git rev-parse HEAD)
echo v2 >> src/auth/login.py && git commit -qam "Login tweak" && BLOCKED=$(git rev-parse HEAD)  # missing-approval

# --- colour -----------------------------------------------------------------------------------
unset NO_COLOR
export TERM=xterm
on_tty "$WORK/tty" "$LANEGUARD" check HEAD~1..HEAD
has_colour "$WORK/tty" && pass "check on a terminal: colour (auto)" || fail "no colour on a terminal: $(cat -v "$WORK/tty")"
expect_status 1 "check into a file" -- "$LANEGUARD" check HEAD~1..HEAD
has_colour "$WORK/out" && fail "colour into a file (auto)" || pass "check into a file: no colour (auto)"
NO_COLOR=1 on_tty "$WORK/tty" "$LANEGUARD" check HEAD~1..HEAD
has_colour "$WORK/tty" && fail "NO_COLOR=1 on a terminal still coloured" || pass "NO_COLOR on a terminal: no colour"
NO_COLOR= on_tty "$WORK/tty" "$LANEGUARD" check HEAD~1..HEAD
has_colour "$WORK/tty" && pass "NO_COLOR set but empty: colour (no-color.org)" || fail "empty NO_COLOR turned colour off"
TERM=dumb on_tty "$WORK/tty" "$LANEGUARD" check HEAD~1..HEAD
has_colour "$WORK/tty" && fail "TERM=dumb coloured" || pass "TERM=dumb: no colour, as git"
on_tty "$WORK/tty" "$LANEGUARD" check --color=never HEAD~1..HEAD
has_colour "$WORK/tty" && fail "--color=never coloured" || pass "--color=never on a terminal: no colour"
on_tty "$WORK/tty" "$LANEGUARD" check --no-color HEAD~1..HEAD
has_colour "$WORK/tty" && fail "--no-color coloured" || pass "--no-color: no colour"
NO_COLOR=1 expect_status 1 "check --color=always into a file" -- "$LANEGUARD" check --color=always HEAD~1..HEAD
has_colour "$WORK/out" && pass "--color=always: colour into a file, over NO_COLOR" || fail "--color=always not coloured"
expect_status 1 "check --color (alone) into a file" -- "$LANEGUARD" check --color HEAD~1..HEAD
has_colour "$WORK/out" && pass "--color alone means always, as git" || fail "--color alone not coloured"
expect_status 2 "--color=sometimes is bad usage" -- "$LANEGUARD" check --color=sometimes HEAD~1..HEAD
expect_in "$WORK/err" "--color takes auto, always or never" "... and says what it takes"

git config color.ui always
expect_status 1 "check with color.ui = always, into a file" -- "$LANEGUARD" check HEAD~1..HEAD
has_colour "$WORK/out" && pass "color.ui = always colours into a file, as git" || fail "color.ui = always ignored"
expect_status 1 "--color=never over color.ui = always" -- "$LANEGUARD" check --color=never HEAD~1..HEAD
has_colour "$WORK/out" && fail "--color=never lost to color.ui" || pass "the command line wins over color.ui"
git config color.ui never
on_tty "$WORK/tty" "$LANEGUARD" check HEAD~1..HEAD
has_colour "$WORK/tty" && fail "color.ui = never coloured a terminal" || pass "color.ui = never: no colour on a terminal"
git config color.ui true
on_tty "$WORK/tty" "$LANEGUARD" check HEAD~1..HEAD
has_colour "$WORK/tty" && pass "color.ui = true means auto: colour on a terminal" || fail "color.ui = true: no colour"
expect_status 1 "color.ui = true into a file" -- "$LANEGUARD" check HEAD~1..HEAD
has_colour "$WORK/out" && fail "color.ui = true coloured a file (true is auto, not always)" || pass "... and none into a file"
git config --unset color.ui
git config --global color.ui always
expect_status 1 "color.ui = always in the global config" -- "$LANEGUARD" check HEAD~1..HEAD
has_colour "$WORK/out" && pass "the global color.ui counts too" || fail "global color.ui ignored"
git config --global --unset color.ui
mkdir -p "$WORK/nowhere" && printf 'version = 1\n' > "$WORK/nowhere/a.toml"
git config --global color.ui always
(cd "$WORK/nowhere" && GIT_CEILING_DIRECTORIES="$WORK" "$LANEGUARD" lint a.toml > "$WORK/out" 2>&1)
has_colour "$WORK/out" && pass "outside a repository: the global color.ui" || fail "lint outside a repository ignored color.ui"
git config --global --unset color.ui

# A hook: git's stderr is not a terminal here, so auto is off; `git -c color.ui=always` reaches the
# hook through GIT_CONFIG_PARAMETERS, as it would reach any git the hook ran.
"$LANEGUARD" install > /dev/null
echo v3 >> src/auth/login.py && git add src/auth/login.py
git commit -q -m "No colour" 2> "$WORK/err"
grep -q "missing-approval" "$WORK/err" && ! has_colour "$WORK/err" && pass "pre-commit to a file: no colour" \
  || fail "pre-commit: $(cat -v "$WORK/err")"
echo v4 >> src/auth/login.py && git add src/auth/login.py
git -c color.ui=always commit -q -m "Colour" 2> "$WORK/err"
grep -q "missing-approval" "$WORK/err" && has_colour "$WORK/err" && pass "git -c color.ui=always commit: the hook colours" \
  || fail "git -c color.ui=always did not reach the hook: $(cat -v "$WORK/err")"
echo v5 >> src/auth/login.py && git add src/auth/login.py
GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=color.ui GIT_CONFIG_VALUE_0=always git commit -q -m "Colour 2" 2> "$WORK/err"
has_colour "$WORK/err" && pass "GIT_CONFIG_COUNT/KEY/VALUE color.ui reaches the hook" || fail "GIT_CONFIG_KEY_0 ignored"
"$LANEGUARD" install --uninstall > /dev/null
export NO_COLOR=1

# --- quiet ------------------------------------------------------------------------------------
expect_status 1 "check --quiet: still blocked" -- "$LANEGUARD" check --quiet "$BLOCKED^!"
expect_in "$WORK/out" "block missing-approval" "... the blocking finding is printed"
expect_not_in "$WORK/out" "notice " "... without notices"
expect_status 0 "check -q on a commit that passes" -- "$LANEGUARD" check -q "$PASSING^!"
[ ! -s "$WORK/out" ] && [ ! -s "$WORK/err" ] && pass "check -q with nothing blocking prints nothing" \
  || fail "check -q printed: $(cat "$WORK/out" "$WORK/err")"
expect_status 0 "check (not quiet) on the same commit" -- "$LANEGUARD" check "$PASSING^!"
[ -s "$WORK/out" ] && pass "... which otherwise prints its summary" || fail "check printed nothing"
echo v6 >> src/auth/login.py && git add src/auth/login.py
expect_status 0 "pre-commit --quiet: a warning only" -- "$LANEGUARD" pre-commit --quiet
[ ! -s "$WORK/err" ] && pass "pre-commit --quiet hides warnings" || fail "pre-commit --quiet printed: $(cat "$WORK/err")"
expect_status 0 "pre-commit (not quiet)" -- "$LANEGUARD" pre-commit
expect_in "$WORK/err" "warn missing-approval" "... which otherwise warns"
git reset -q --hard HEAD
expect_status 0 "lint -q on a clean agreement" -- "$LANEGUARD" lint -q
[ ! -s "$WORK/out" ] && pass "lint -q: nothing for a clean agreement" || fail "lint -q printed: $(cat "$WORK/out")"

# --- lint --format json -----------------------------------------------------------------------
json() { perl -MJSON::PP -e 'my $d = decode_json(join "", <STDIN>); '"$1" < "$WORK/out"; }
expect_status 0 "lint --format json" -- "$LANEGUARD" lint --format json
json 'die unless $d->{valid} && $d->{file} =~ /\.laneguard\.toml$/ && $d->{stats}{people} == 3 && ref $d->{diagnostics} eq "ARRAY"' \
  && pass "lint json: valid, the file, the counts" || fail "lint json: $(cat "$WORK/out")"
printf '[agreement]\nname = "x"\nbogus = 1\n' > "$WORK/bad.toml"
expect_status 2 "lint --format json on an invalid agreement" -- "$LANEGUARD" lint --format json "$WORK/bad.toml"
json 'my $e = $d->{diagnostics}[0]; die unless !$d->{valid} && $e->{severity} eq "error" && $e->{line} == 3 && $e->{column} >= 1 && $e->{message} =~ /bogus/' \
  && pass "lint json: the error with its line, column and message" || fail "lint json error: $(cat "$WORK/out")"
[ "$(perl -MJSON::PP -e 'decode_json(join "", <STDIN>); print "one"' < "$WORK/out")" = one ] && pass "... one JSON document on stdout" \
  || fail "not one JSON document"
: > "$WORK/empty.toml"
expect_status 0 "lint --format json on an empty agreement" -- "$LANEGUARD" lint --format json "$WORK/empty.toml"
json 'die unless grep { $_->{severity} eq "note" && $_->{message} =~ /no protected areas.*gate is off/ } @{$d->{diagnostics}}' \
  && pass "lint json: the empty agreement's note" || fail "lint json note: $(cat "$WORK/out")"
expect_status 1 "lint --strict on an empty agreement" -- "$LANEGUARD" lint --strict "$WORK/empty.toml"
expect_in "$WORK/out" "note: the agreement has no protected areas" "lint: an empty agreement turns the gate off, said"
expect_in "$WORK/out" "no \`version = 1\` line" "lint: a versionless agreement, said"
expect_status 2 "lint --format yaml" -- "$LANEGUARD" lint --format yaml

# --- a missing agreement named on the command line: exit 3 ------------------------------------
for cmd in "check" "explain src/x" "pre-commit" "commit-msg .git/COMMIT_EDITMSG" "pre-push origin x"; do
  echo msg > .git/COMMIT_EDITMSG
  # shellcheck disable=SC2086
  expect_status 3 "$cmd --agreement MISSING: exit 3" -- "$LANEGUARD" $cmd --agreement "$WORK/missing.toml" < /dev/null
  expect_in "$WORK/err" "$WORK/missing.toml: cannot read the agreement named by --agreement: No such file or directory" \
    "... $cmd names the file and the reason"
done
expect_status 3 "ci --agreement MISSING: exit 3" -- "$LANEGUARD" ci --agreement "$WORK/missing.toml"
expect_status 3 "lint MISSING: exit 3" -- "$LANEGUARD" lint "$WORK/missing.toml"
expect_in "$WORK/err" "cannot read the agreement named on the command line" "... lint says so"
expect_status 3 "lint --format json MISSING: exit 3" -- "$LANEGUARD" lint --format json "$WORK/missing.toml"
expect_status 2 "an invalid --agreement is still 2" -- "$LANEGUARD" check --agreement "$WORK/bad.toml"

# --- init --from NAME ---------------------------------------------------------------------------
expect_status 0 "init --list" -- "$LANEGUARD" init --list
for name in default growth-team platform-compliance; do
  grep -q "^$name " "$WORK/out" || fail "init --list lacks $name"
done
expect_in "$WORK/out" "growth team (light)" "init --list: each policy by name with what it is"
git init -q "$WORK/fresh" && cd "$WORK/fresh"
expect_status 0 "init --from growth-team (a name)" -- "$LANEGUARD" init --from growth-team
expect_in "$WORK/out" "the growth-team policy" "... says which"
head -n 1 .laneguard.toml | grep -q "growth team" && pass "... writes the shipped policy" || fail "wrote $(head -n 1 .laneguard.toml)"
expect_status 0 "the result lints" -- "$LANEGUARD" lint
rm .laneguard.toml
expect_status 0 "init --from platform-compliance.toml (a name with .toml)" -- "$LANEGUARD" init --from platform-compliance.toml
rm .laneguard.toml
expect_status 2 "init --from growth-teem (a typo)" -- "$LANEGUARD" init --from growth-teem
expect_in "$WORK/err" "no shipped policy of that name; the policies are default, growth-team, platform-compliance" \
  "... lists the names"
[ ! -e .laneguard.toml ] && pass "... and writes nothing" || fail "a typo wrote .laneguard.toml"
expect_status 3 "init --from ./missing.toml (a path)" -- "$LANEGUARD" init --from ./missing.toml
cp "$LANEGUARD_SOURCE_DIR/policies/growth-team.toml" ./growth-team
sed -i 's/^name = "Growth team"/name = "Local copy"/' ./growth-team
expect_status 0 "init --from growth-team with a file of that name here" -- "$LANEGUARD" init --from growth-team
grep -q 'name = "Local copy"' .laneguard.toml && pass "... the file wins over the shipped policy" || fail "file did not win"
# Installed alone (the static binary, the GHES chroot): the policies travel inside the binary.
rm -f .laneguard.toml growth-team
mkdir -p "$WORK/alone/bin" && cp "$LANEGUARD" "$WORK/alone/bin/laneguard"
expect_status 0 "a copied binary, nothing beside it: init --from growth-team" -- "$WORK/alone/bin/laneguard" init --from growth-team
finish
