# Shared setup for the server end-to-end tests (sourced by tests/server_*_test.sh): a real bare
# repository with the laneguard hooks, a working clone, and real `git push`es with the pusher's
# variable set, as a hosting platform would set it.
set -euo pipefail
: "${LANEGUARD:?set LANEGUARD to the laneguard binary}"
LANEGUARD_SOURCE_DIR=${LANEGUARD_SOURCE_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}

TMP=$(mktemp -d)
trap '[ -n "${KEEP_TMP:-}" ] || rm -rf "$TMP"' EXIT
export GIT_CONFIG_GLOBAL=$TMP/gitconfig GIT_CONFIG_NOSYSTEM=1
export GIT_AUTHOR_DATE="2025-01-01T12:00:00Z" GIT_COMMITTER_DATE="2025-01-01T12:00:00Z"
unset LANEGUARD_PUSHER GITHUB_USER_LOGIN GL_USERNAME GITEA_PUSHER_NAME GL_USER REMOTE_USER GIT_DIR GIT_WORK_TREE || true
git config --global user.name "Test Runner"
git config --global user.email "runner@acme.test"
git config --global init.defaultBranch main
git config --global advice.detachedHead false

FAILED=0
fail() { echo "FAIL: $*" >&2; FAILED=$((FAILED + 1)); }
ok() { echo "ok: $*"; }
finish() {
  if [ "$FAILED" -ne 0 ]; then echo "$FAILED check(s) failed" >&2; exit 1; fi
  echo "all checks passed"
}

AGREEMENT_EXTRA=""
# write_agreement FILE: the team's agreement (tests/team_agreement.toml) as the server tests use it:
# release branches protected, lane crossing, sessions protected, the agreement file an area of its own,
# erin may break glass; plus $ERIN_KEYS / $ELI_KEYS (one line each, in their [people] tables) and
# $AGREEMENT_EXTRA (appended).
write_agreement() {
  bash "$LANEGUARD_SOURCE_DIR/tests/team_agreement.sh" \
    '[agreement] protected_branches = ["main", "release/*"]' \
    ${ERIN_KEYS:+"[people.erin] $ERIN_KEYS"} ${ELI_KEYS:+"[people.eli] $ELI_KEYS"} \
    '[lanes.engineering] outsider_approvals = 1' \
    '[[protected]] paths = ["src/auth/**", "**/session*"]' \
    $'[[protected]]\nname = "agreement"\npaths = [".laneguard.toml"]\nowners = ["pm", "engineering"]\napprovals = 1' \
    $'[override]\npeople = ["erin"]' \
    "$AGREEMENT_EXTRA" > "$1"
}
ERIN_KEYS=""
ELI_KEYS=""

# install_hooks SERVER: `laneguard install --server`, as an administrator would. With
# LANEGUARD_TEST_HOOK_TIMEOUT (install.sh --sanitize sets it) the server's time budget is that many
# seconds instead of the default 4.5: a sanitized hook on a loaded 2-core machine runs several times
# slower, and a push rejected for time would fail a test about something else. Tests of the budget
# itself set laneguard.timeout, then restore_hook_timeout.
install_hooks() {
  "$LANEGUARD" install --server "$1" >/dev/null
  restore_hook_timeout "$1"
}
# restore_hook_timeout SERVER: the budget install_hooks gave (unset: git's default, laneguard's 4.5 s).
restore_hook_timeout() {
  if [ -n "${LANEGUARD_TEST_HOOK_TIMEOUT:-}" ]; then
    git -C "$1" config laneguard.timeout "$LANEGUARD_TEST_HOOK_TIMEOUT"
  else
    git -C "$1" config --unset laneguard.timeout || true
  fi
}

# setup_server [NAME]: SERVER (bare, hooks installed after the initial history) and WORK (a clone).
setup_server() {
  SERVER=$TMP/${1:-server}.git
  WORK=$TMP/${1:-server}-work
  git init -q --bare -b main "$SERVER"
  git -C "$SERVER" config receive.advertisePushOptions true
  git init -q -b main "$WORK"
  (
    cd "$WORK"
    write_agreement .laneguard.toml
    mkdir -p src/auth src/app prototypes
    echo "def login(): pass" > src/auth/login.py
    echo "def main(): pass" > src/app/main.py
    echo "print('demo')" > prototypes/demo.py
    echo "# checkout" > README.md
    git add -A
    GIT_AUTHOR_NAME=Erin GIT_AUTHOR_EMAIL=erin@acme.test git commit -q -m "Initial import"
    git remote add origin "$SERVER"
    git push -q origin main
  )
  install_hooks "$SERVER"
  AUDIT=$SERVER/laneguard/audit.log
}

# commit_as "Name <email>" MESSAGE FILE...: appends a line to each file and commits as that person.
commit_as() {
  local who=$1 msg=$2 name email f
  shift 2
  name=${who% <*}
  email=${who#*<}
  email=${email%>}
  for f in "$@"; do
    mkdir -p "$WORK/$(dirname "$f")"
    echo "change $RANDOM" >> "$WORK/$f"
    git -C "$WORK" add -- "$f"
  done
  GIT_AUTHOR_NAME=$name GIT_AUTHOR_EMAIL=$email GIT_COMMITTER_NAME=$name GIT_COMMITTER_EMAIL=$email \
    git -C "$WORK" commit -q -m "$msg"
}

# push_as PUSHER GIT-PUSH-ARGS...: a real push from WORK; sets OUT (everything git printed) and RC.
push_as() {
  local who=$1
  shift
  set +e
  OUT=$(cd "$WORK" && LANEGUARD_PUSHER=$who git push "$@" 2>&1)
  RC=$?
  set -e
}

# reset_work: WORK's main back to the server's main, feature branches dropped.
reset_work() {
  git -C "$WORK" fetch -q origin
  git -C "$WORK" checkout -q -B main origin/main
}

server_main() { git -C "$SERVER" rev-parse refs/heads/main; }
# The last decision in the audit log (lines settling a pending push, "landing": ..., have no verdict).
last_audit() { grep -F '"verdict":"' "$AUDIT" | tail -n 1; }
decision_lines() { grep -cF '"verdict":"' "$AUDIT" || true; }

expect_accept() {  # expect_accept DESCRIPTION (after push_as)
  if [ "$RC" -eq 0 ]; then ok "$1"; else fail "$1: push was rejected"; echo "$OUT" | sed 's/^/    /' >&2; fi
}
expect_reject() {  # expect_reject DESCRIPTION [RULE...]: rejected, and each rule id shown as a remote: line
  local desc=$1 rule
  shift
  if [ "$RC" -eq 0 ]; then fail "$desc: push was accepted"; echo "$OUT" | sed 's/^/    /' >&2; return; fi
  for rule in "$@"; do
    if ! grep -Eq "^remote: .*(block|warn|notice) $rule" <<<"$OUT"; then
      fail "$desc: no '$rule' finding in the output"; echo "$OUT" | sed 's/^/    /' >&2; return
    fi
  done
  ok "$desc"
}
expect_output() {  # expect_output DESCRIPTION EXTENDED-REGEX
  if grep -Eq "$2" <<<"$OUT"; then ok "$1"; else fail "$1: output lacks /$2/"; echo "$OUT" | sed 's/^/    /' >&2; fi
}
expect_no_output() {
  if grep -Eq "$2" <<<"$OUT"; then fail "$1: output has /$2/"; echo "$OUT" | sed 's/^/    /' >&2; else ok "$1"; fi
}
# json_field JSON-LINE PERL-EXPR: evaluates EXPR with $j the decoded line (perl's core JSON::PP).
json_eval() {
  perl -MJSON::PP -e 'my $j = JSON::PP->new->decode($ARGV[0]); my $r = eval $ARGV[1]; die $@ if $@; print defined $r ? (ref $r ? JSON::PP->new->canonical->encode($r) : $r) : ""' "$1" "$2"
}
# introducer_of COMMIT [DATABASE]: who the server's record database names as the commit's introducer.
introducer_of() {
  sqlite3 "${2:-$SERVER/laneguard/laneguard.db}" "SELECT pusher FROM introducers WHERE commit_id = x'$1'"
}
