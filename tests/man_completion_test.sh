#!/usr/bin/env bash
# The man page renders with man -l and covers every command; the bash completion loads and
# completes commands, options and --format values from laneguard's own help; zsh's parses.
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
grep -q "jsonl" "$TMP/man.txt" && ok "the man page names --format jsonl" || fail "jsonl not in the man page"
[ "$(complete_words laneguard help ex)" = explain ] && ok "laneguard help ex<TAB> -> explain" \
  || fail "help ex: $(complete_words laneguard help ex)"
complete_words laneguard install --u | grep -qx -- --uninstall && ok "install --u<TAB> -> --uninstall" \
  || fail "install --u: $(complete_words laneguard install --u)"

if command -v zsh >/dev/null; then
  zsh -n "$LANEGUARD_SOURCE_DIR/packaging/completions/_laneguard" && ok "zsh parses _laneguard" || fail "zsh -n"
else
  echo "note: zsh not installed, its completion not parsed"
fi
if [ "$FAILED" -ne 0 ]; then echo "$FAILED check(s) failed" >&2; exit 1; fi
echo "all checks passed"
