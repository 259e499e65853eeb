# Shared by tests/local_*_test.sh: isolated git, a repository with an agreement, assertions.
set -u
: "${LANEGUARD:?set LANEGUARD to the laneguard binary}"
: "${LANEGUARD_SOURCE_DIR:?set LANEGUARD_SOURCE_DIR to the source tree}"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export GIT_CONFIG_GLOBAL="$WORK/gitconfig" GIT_CONFIG_NOSYSTEM=1 HOME="$WORK" NO_COLOR=1
unset LANEGUARD_SKIP GIT_DIR GIT_INDEX_FILE GIT_WORK_TREE GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_COMMITTER_NAME GIT_COMMITTER_EMAIL
: > "$GIT_CONFIG_GLOBAL"
git config --global init.defaultBranch main
git config --global advice.detachedHead false
FAILS=0

fail() { echo "FAIL: $*" >&2; FAILS=$((FAILS + 1)); }
pass() { echo "ok: $*"; }
# expect_status WANT DESCRIPTION -- command...
expect_status() {
  want=$1; what=$2; shift 3
  "$@" >"$WORK/out" 2>"$WORK/err"; got=$?
  if [ "$got" = "$want" ]; then pass "$what"; else fail "$what: exit $got, want $want"; sed 's/^/  | /' "$WORK/err" >&2; fi
}
# expect_in FILE TEXT DESCRIPTION
expect_in() {
  if grep -qF -- "$2" "$1"; then pass "$3"; else fail "$3: '$2' not in output"; sed 's/^/  | /' "$1" >&2; fi
}
expect_not_in() {
  if grep -qF -- "$2" "$1"; then fail "$3: '$2' in output"; sed 's/^/  | /' "$1" >&2; else pass "$3"; fi
}
finish() { if [ "$FAILS" -eq 0 ]; then echo "all passed"; exit 0; else echo "$FAILS failed"; exit 1; fi; }

# write_agreement DIR: the team of the tests (tests/team_agreement.toml): pat (pm), erin and eli (engineering).
write_agreement() {
  bash "$LANEGUARD_SOURCE_DIR/tests/team_agreement.sh" > "$1/.laneguard.toml"
}

# new_repo DIR: a repository with the agreement committed by erin on main; the local user is pat.
new_repo() {
  git init -q "$1" && write_agreement "$1" &&
    (cd "$1" && mkdir -p src/auth prototypes && echo v1 > src/auth/login.py && echo p > prototypes/demo.py &&
     git add -A && git -c user.name=Erin -c user.email=erin@acme.test commit -qm "Initial" &&
     git config user.name Pat && git config user.email pat@acme.test)
}

# npm_install DIR PACKAGE...: the packages from the npm registry into DIR/node_modules, without their
# install scripts. Exits 77 (skipped, with the reason) only when the registry cannot be reached.
npm_install() {
  local dir=$1; shift
  command -v npm >/dev/null || { echo "FAIL: npm is not installed (./install.sh --test installs nodejs and npm)" >&2; exit 1; }
  if ! (cd "$dir" && npm install --ignore-scripts --no-audit --no-fund --no-save --loglevel=error "$@") >"$WORK/npm.log" 2>&1; then
    if ! npm ping >/dev/null 2>&1; then
      echo "skipped: the npm registry is unreachable (npm ping failed); $* not installed"; exit 77
    fi
    echo "FAIL: npm install $* failed:" >&2; cat "$WORK/npm.log" >&2; exit 1
  fi
}
