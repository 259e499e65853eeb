#!/usr/bin/env bash
# The command line people expect: help, help COMMAND, version, an unknown command named as such.
set -euo pipefail
: "${LANEGUARD:?set LANEGUARD to the laneguard binary}"
LANEGUARD_SOURCE_DIR=${LANEGUARD_SOURCE_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
FAILED=0
fail() { echo "FAIL: $*" >&2; FAILED=$((FAILED + 1)); }
ok() { echo "ok: $*"; }
run() {  # run ARGS...: sets RC, OUT (stdout), ERR (stderr)
  set +e
  "$LANEGUARD" "$@" > "$TMP/out" 2> "$TMP/err"
  RC=$?
  set -e
  OUT=$(cat "$TMP/out") ERR=$(cat "$TMP/err")
}

run help
[ "$RC" = 0 ] && grep -q "^Subcommands:" <<<"$OUT" && grep -q "^  check " <<<"$OUT" && ok "help lists the commands" \
  || fail "help: rc=$RC $OUT $ERR"
grep -q "^Usage: laneguard " <<<"$OUT" && ok "... as 'laneguard', not the path it was run by" || fail "usage line: $OUT"
[ "$OUT" = "$("$LANEGUARD" --help)" ] && ok "... the same text as --help" || fail "help differs from --help"
for cmd in check lint explain init pre-receive post-receive pre-commit commit-msg pre-push install ci approve; do
  run help "$cmd"
  if [ "$RC" != 0 ] || ! grep -q "^Usage: laneguard $cmd " <<<"$OUT"; then fail "help $cmd: rc=$RC $OUT"; continue; fi
  [ "$OUT" = "$("$LANEGUARD" "$cmd" --help)" ] || fail "help $cmd differs from $cmd --help"
done
ok "help COMMAND is COMMAND --help, for every command"

run bogus
[ "$RC" = 2 ] && grep -q "unknown command 'bogus'" <<<"$ERR" && grep -q "laneguard help" <<<"$ERR" \
  && ok "an unknown command: exit 2, named, with the way to list commands" || fail "bogus: rc=$RC $ERR"
run help bogus
[ "$RC" = 2 ] && grep -q "unknown command 'bogus'" <<<"$ERR" && ok "help for an unknown command: exit 2" \
  || fail "help bogus: rc=$RC $ERR"
run
[ "$RC" = 2 ] && ok "no command: exit 2" || fail "no command: rc=$RC"

run version
version=$OUT
[ "$RC" = 0 ] && [ "$version" = "$("$LANEGUARD" --version)" ] && ok "version = --version: $version" \
  || fail "version: rc=$RC '$version' vs '$("$LANEGUARD" --version)'"
if command -v pkg-config >/dev/null && pkg-config --exists libgit2; then
  grep -q "libgit2 $(pkg-config --modversion libgit2))" <<<"$version" && ok "... names libgit2's version as pkg-config does" \
    || fail "libgit2 version: $version vs $(pkg-config --modversion libgit2)"
fi
if head=$(git -C "$LANEGUARD_SOURCE_DIR" rev-parse --short=12 HEAD 2>/dev/null); then
  grep -Eq "\(commit $head(-dirty)?," <<<"$version" && ok "... names the commit it was built from" \
    || fail "commit: $version vs $head (rebuild after committing?)"
fi

run rules --format json
[ "$RC" = 0 ] && perl -MJSON::PP -e 'my $r = decode_json(join "", <STDIN>); die unless @$r >= 10;
  for (@$r) { die "$_->{id}" unless $_->{id} =~ /^[a-z-]+$/ && length $_->{summary} && length $_->{help} }' <<<"$OUT" \
  && ok "rules --format json: every rule with an id, a summary and help" || fail "rules json: rc=$RC $OUT"
json_ids=$(perl -MJSON::PP -e 'print "$_->{id}\n" for @{decode_json(join "", <STDIN>)}' <<<"$OUT")
run rules
[ "$RC" = 0 ] && [ "$(grep -E '^[a-z-]+$' <<<"$OUT")" = "$json_ids" ] && grep -q "^  fix: " <<<"$OUT" \
  && ok "rules (text): the same ids, each with how to fix" || fail "rules text: rc=$RC"
run rules --format yaml
[ "$RC" = 2 ] && ok "rules --format yaml: exit 2" || fail "rules --format yaml: rc=$RC"

if [ "$FAILED" -ne 0 ]; then echo "$FAILED check(s) failed" >&2; exit 1; fi
echo "all checks passed"
