#!/usr/bin/env bash
# The man page renders with man -l and covers every command; the bash completion loads and
# completes commands, options and --format values from laneguard's own help; zsh's completes the
# same in a real interactive zsh (tests/zsh_complete.zsh).
set -euo pipefail
: "${LANEGUARD:?set LANEGUARD to the laneguard binary}"
LANEGUARD_SOURCE_DIR=${LANEGUARD_SOURCE_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
LANEGUARD_BUILD_DIR=${LANEGUARD_BUILD_DIR:-$(dirname "$LANEGUARD")}
FAILED=0
fail() { echo "FAIL: $*" >&2; FAILED=$((FAILED + 1)); }
ok() { echo "ok: $*"; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

MAN=$LANEGUARD_BUILD_DIR/man/laneguard.1
if [ ! -f "$MAN" ]; then
  echo "SKIP: no man page in the build ($MAN): help2man was not installed when CMake ran"
  exit 77
fi
if ! command -v man >/dev/null; then echo "SKIP: man is not installed"; exit 77; fi
MANWIDTH=100 MANPAGER=cat man -l "$MAN" > "$TMP/man.txt" 2> "$TMP/man.err" && ok "man -l renders it" \
  || fail "man -l: $(cat "$TMP/man.err")"
[ ! -s "$TMP/man.err" ] && ok "... without warnings" || fail "man -l warned: $(cat "$TMP/man.err")"
for section in NAME SYNOPSIS DESCRIPTION COMMANDS "EXIT STATUS" ENVIRONMENT FILES "SEE ALSO"; do
  grep -q "^$section" "$TMP/man.txt" || fail "no $section section"
done
ok "it has NAME, SYNOPSIS, DESCRIPTION, COMMANDS, EXIT STATUS, ENVIRONMENT, FILES, SEE ALSO"
commands=$("$LANEGUARD" --help | sed -n '/^Subcommands:/,$s/^  \([a-z][a-z-]*\) .*/\1/p')
for cmd in $commands; do
  grep -q "laneguard $cmd \[OPTIONS\]\|laneguard $cmd$" "$TMP/man.txt" || fail "the man page lacks '$cmd'"
done
ok "every command has its usage in the man page: $(echo $commands)"
grep -q -- "--format" "$TMP/man.txt" && ok "... with its options" || fail "no options in the man page"
grep -q "laneguard $("$LANEGUARD" --version | cut -d" " -f2)" "$TMP/man.txt" && ok "... and the version" || fail "version not in the man page"

# bash: load the completion with laneguard on PATH and ask it what a person at the prompt gets.
complete_words() {  # complete_words WORD...: the completions for the last word
  PATH="$(dirname "$LANEGUARD"):$PATH" bash -c '
    source "$1"; shift
    COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMPREPLY=()
    _laneguard; printf "%s\n" "${COMPREPLY[@]}"' _ "$LANEGUARD_SOURCE_DIR/packaging/completions/laneguard.bash" "$@"
}
bash -c "source '$LANEGUARD_SOURCE_DIR/packaging/completions/laneguard.bash' && complete -p laneguard" | grep -q "_laneguard" \
  && ok "bash loads the completion" || fail "complete -p laneguard"
[ "$(complete_words laneguard ch)" = check ] && ok "laneguard ch<TAB> -> check" || fail "ch: $(complete_words laneguard ch)"
[ "$(complete_words laneguard pre- | sort | tr '\n' ' ')" = "pre-commit pre-push pre-receive " ] \
  && ok "laneguard pre-<TAB> -> the three pre- hooks" || fail "pre-: $(complete_words laneguard pre-)"
complete_words laneguard check --f | grep -qx -- --format && ok "laneguard check --f<TAB> -> --format" \
  || fail "check --f: $(complete_words laneguard check --f)"
[ "$(complete_words laneguard check --format sa)" = sarif ] && ok "--format sa<TAB> -> sarif" \
  || fail "--format sa: $(complete_words laneguard check --format sa)"
[ "$(complete_words laneguard check --format json | tr '\n' ' ')" = "json jsonl " ] && ok "--format json<TAB> -> json jsonl" \
  || fail "--format json: $(complete_words laneguard check --format json)"
[ "$(complete_words laneguard report --format "" | tr '\n' ' ')" = "html json " ] && ok "report --format <TAB> -> html json" \
  || fail "report --format: $(complete_words laneguard report --format "")"
grep -q "jsonl" "$TMP/man.txt" && ok "the man page names --format jsonl" || fail "jsonl not in the man page"
[ "$(complete_words laneguard help ex)" = explain ] && ok "laneguard help ex<TAB> -> explain" \
  || fail "help ex: $(complete_words laneguard help ex)"
complete_words laneguard install --u | grep -qx -- --uninstall && ok "install --u<TAB> -> --uninstall" \
  || fail "install --u: $(complete_words laneguard install --u)"

complete_words laneguard check --color = | sort | tr '\n' ' ' | grep -qx "always auto never " \
  && ok "laneguard check --color=<TAB> -> auto always never" || fail "--color=: $(complete_words laneguard check --color =)"
[ "$(complete_words laneguard check --color = al)" = always ] && ok "--color=al<TAB> -> always" \
  || fail "--color=al: $(complete_words laneguard check --color = al)"
[ "$(complete_words laneguard init --from gro)" = growth-team ] && ok "init --from gro<TAB> -> growth-team (a shipped policy)" \
  || fail "init --from gro: $(complete_words laneguard init --from gro)"
[ "$(complete_words laneguard install --manager l)" = lefthook ] && ok "install --manager l<TAB> -> lefthook" \
  || fail "install --manager l: $(complete_words laneguard install --manager l)"
[ "$(complete_words laneguard install --manager = hu)" = husky ] && ok "install --manager=hu<TAB> -> husky" \
  || fail "install --manager=hu: $(complete_words laneguard install --manager = hu)"
complete_words laneguard lint --q | grep -qx -- --quiet && ok "lint --q<TAB> -> --quiet" || fail "lint --q: $(complete_words laneguard lint --q)"

# zsh: the completion as zsh's completion system runs it, in an interactive zsh on a terminal.
if command -v zsh >/dev/null && zsh -fc 'zmodload zsh/zpty' 2>/dev/null; then
  zsh -n "$LANEGUARD_SOURCE_DIR/packaging/completions/_laneguard" && ok "zsh parses _laneguard" || fail "zsh -n"
  mkdir -p "$TMP/bin" && ln -sf "$LANEGUARD" "$TMP/bin/laneguard"
  ZN=0
  zsh_complete() {  # zsh_complete LINE TABS: the command lines after each TAB (each run its own file)
    ZN=$((ZN + 1))
    zsh -f "$LANEGUARD_SOURCE_DIR/tests/zsh_complete.zsh" "$LANEGUARD_SOURCE_DIR/packaging/completions" "$TMP/bin" \
      "$TMP/zsh.$ZN" "$1" "$2" </dev/null >/dev/null 2>&1
    cat "$TMP/zsh.$ZN"
  }
  zsh_expect() {  # zsh_expect LINE TABS WANT WHAT: WANT is the sorted lines joined by '|'
    local got
    got=$(zsh_complete "$1" "$2" | sort | paste -sd'|')
    [ "$got" = "$3" ] && ok "zsh: $4" || fail "zsh: $4: got '$got'"
  }
  zsh_expect "laneguard ch" 1 "laneguard check " "laneguard ch<TAB> -> check"
  zsh_expect "laneguard pre-" 3 "laneguard pre-commit|laneguard pre-push|laneguard pre-receive" \
    "laneguard pre-<TAB><TAB><TAB> -> the three pre- hooks"
  zsh_expect "laneguard check --fo" 1 "laneguard check --format " "check --fo<TAB> -> --format"
  zsh_expect "laneguard check --format sa" 1 "laneguard check --format sarif " "--format sa<TAB> -> sarif"
  zsh_expect "laneguard check --color=" 3 "laneguard check --color=always|laneguard check --color=auto|laneguard check --color=never" \
    "--color=<TAB> -> auto always never"
  zsh_expect "laneguard init --from gro" 1 "laneguard init --from growth-team " "init --from gro<TAB> -> growth-team"
  zsh_expect "laneguard help ex" 1 "laneguard help explain " "help ex<TAB> -> explain"
  zsh_expect "laneguard lint --qu" 1 "laneguard lint --quiet " "lint --qu<TAB> -> --quiet"
else
  echo "SKIP (zsh part): zsh with zsh/zpty is not installed (apt-get install zsh; install.sh --test installs it)"
fi
if [ "$FAILED" -ne 0 ]; then echo "$FAILED check(s) failed" >&2; exit 1; fi
echo "all checks passed"
