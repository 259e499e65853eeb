#!/usr/bin/env bash
# CI without a compiler: the action's "Locate laneguard" step (action.yml), run as GitHub runs it,
# takes a prebuilt binary from a path or a file:// URL, finds one on PATH, and otherwise asks for a
# build keyed by the action's source (the key changes when the source does, and only then).
set -euo pipefail
: "${LANEGUARD:?set LANEGUARD to the laneguard binary}"
LANEGUARD_SOURCE_DIR=${LANEGUARD_SOURCE_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
FAILED=0
fail() { echo "FAIL: $*" >&2; FAILED=$((FAILED + 1)); }
ok() { echo "ok: $*"; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
PREBUILT=${LANEGUARD_STATIC:-$LANEGUARD}

awk '/^      id: locate$/ {found=1} found && /^      run: \|$/ {inrun=1; next}
     inrun { if ($0 ~ /^        / || $0 == "") { sub(/^        /, ""); print } else exit }' \
  "$LANEGUARD_SOURCE_DIR/action.yml" > "$TMP/locate.sh"
grep -q LANEGUARD_BIN "$TMP/locate.sh" && ok "the locate step's script is extracted" || fail "no locate step"

# The action's source as GitHub unpacks it (no .git), for the cache key.
mkdir -p "$TMP/action"
(cd "$LANEGUARD_SOURCE_DIR" && tar -cf - src cmake data packaging policies hooks CMakeLists.txt install.sh) | tar -xf - -C "$TMP/action"

# The runner's system directories without any laneguard this machine may have installed (a .deb
# left by an interrupted deb_package_test, or a real installation): "nothing on PATH" must hold.
mkdir -p "$TMP/sysbin"
for d in /usr/bin /bin; do
  for f in "$d"/*; do
    name=${f##*/}
    [ "$name" = laneguard ] || [ -e "$TMP/sysbin/$name" ] || ln -s "$f" "$TMP/sysbin/$name"
  done
done

locate() {  # locate INPUT [PATH]: runs the step; sets RC, BIN, BUILD, KEY
  : > "$TMP/output"
  set +e
  env -i HOME="$TMP/home" PATH="${2:-$TMP/sysbin}" RUNNER_TEMP="$TMP/runner" GITHUB_OUTPUT="$TMP/output" \
    GITHUB_ACTION_PATH="$TMP/action" LANEGUARD_BIN="$1" bash --noprofile --norc -eo pipefail "$TMP/locate.sh" \
    > "$TMP/out" 2>&1
  RC=$?
  set -e
  BIN=$(sed -n 's/^bin=//p' "$TMP/output") BUILD=$(sed -n 's/^build=//p' "$TMP/output") KEY=$(sed -n 's/^key=//p' "$TMP/output")
}
mkdir -p "$TMP/runner" "$TMP/home"

locate "$PREBUILT"
[ "$RC" = 0 ] && [ "$BIN" = "$PREBUILT" ] && [ "$BUILD" = false ] && ok "a path: used as it is, no build" \
  || fail "path: rc=$RC bin=$BIN build=$BUILD $(cat "$TMP/out")"

locate "file://$PREBUILT"
[ "$RC" = 0 ] && [ "$BUILD" = false ] && [ -x "$BIN" ] && [ "$("$BIN" --version)" = "$("$PREBUILT" --version)" ] \
  && ok "a file:// URL of the binary: downloaded with curl, executable, no build" \
  || fail "URL: rc=$RC bin=$BIN $(cat "$TMP/out")"

locate "file://$TMP/nothing-here"
[ "$RC" != 0 ] && [ -z "$BIN" ] && ok "a URL that does not resolve fails the step" || fail "bad URL: rc=$RC bin=$BIN"

mkdir -p "$TMP/pathbin" && cp "$PREBUILT" "$TMP/pathbin/laneguard"
locate "" "$TMP/pathbin:$TMP/sysbin"
[ "$RC" = 0 ] && [ "$BIN" = "$TMP/pathbin/laneguard" ] && [ "$BUILD" = false ] && ok "no input, laneguard on PATH: that one" \
  || fail "PATH: rc=$RC bin=$BIN build=$BUILD"

locate ""
[ "$RC" = 0 ] && [ "$BUILD" = true ] && [ -n "$KEY" ] && [ "$BIN" = "$TMP/home/.cache/laneguard-$KEY/bin/laneguard" ] \
  && ok "nothing given or on PATH: a build, cached under the source's key $KEY" || fail "build: rc=$RC $(cat "$TMP/out")"
key1=$KEY
locate ""
[ "$KEY" = "$key1" ] && ok "... the same source, the same key (the next run hits the cache)" || fail "key changed: $KEY"
echo "// a change" >> "$TMP/action/src/main.cc"
locate ""
[ "$KEY" != "$key1" ] && ok "... a changed source file, a new key (rebuilt)" || fail "key unchanged after a source change"
touch "$TMP/action/README-not-source.md"
key2=$KEY
locate ""
[ "$KEY" = "$key2" ] && ok "... a file outside the build's inputs keeps the key" || fail "key changed by a non-source file"

if [ "$FAILED" -ne 0 ]; then echo "$FAILED check(s) failed" >&2; exit 1; fi
echo "all checks passed"
