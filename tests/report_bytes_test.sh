#!/bin/bash
# Paths a pull request author controls may hold any bytes but NUL and '/': every report format
# must stay valid UTF-8 (and valid JSON/SARIF), replacing each invalid sequence with U+FFFD the
# same way (issue "Reliability", defects 8 and 9). Before: bytes F5..FF made `check --format json`
# exit 3 ("internal error") and `explain --format json` throw.
source "$(dirname "$0")/local_lib.sh"
R=$WORK/repo
git init -q "$R"
cd "$R"
bash "$LANEGUARD_SOURCE_DIR/tests/team_agreement.sh" > .laneguard.toml
git add .laneguard.toml
GIT_AUTHOR_NAME=Erin GIT_AUTHOR_EMAIL=erin@acme.test GIT_COMMITTER_NAME=Erin GIT_COMMITTER_EMAIL=erin@acme.test \
  git commit -qm "Agreement"
base=$(git rev-parse HEAD)
mkdir -p src/auth
names=()
for b in f5 f8 fe ff c0 e282 ed_a080 f5_8080 ff_bfbf; do
  case $b in
    f5_8080) name=$(printf 'src/auth/t\xf5\x80\x80.py') ;;
    ff_bfbf) name=$(printf 'src/auth/u\xff\xbf\xbf.py') ;;
    e282) name=$(printf 'src/auth/x\xe2\x82y.py') ;;
    ed_a080) name=$(printf 'src/auth/s\xed\xa0\x80.py') ;;
    *) name=$(printf "src/auth/k\\x$b.py") ;;
  esac
  echo x > "$name"
  names+=("$name")
done
git add -A
GIT_AUTHOR_NAME=Pat GIT_AUTHOR_EMAIL=pat@acme.test GIT_COMMITTER_NAME=Pat GIT_COMMITTER_EMAIL=pat@acme.test \
  git commit -qm "Paths with bytes"
[ "$(git diff-tree --no-commit-id -r --name-only -z HEAD | tr -cd '\0' | wc -c)" = 9 ] && pass "git took all nine paths" || fail "git paths"

utf8_ok() { python3 -c 'import sys; sys.stdin.buffer.read().decode("utf-8")' < "$1"; }
for format in json sarif github markdown text; do
  "$LANEGUARD" check --format "$format" "$base..HEAD" > "$WORK/out.$format" 2> "$WORK/err.$format"; rc=$?
  [ "$rc" = 1 ] && pass "check --format $format: blocked (exit 1), not an internal error" \
    || { fail "check --format $format: exit $rc"; sed 's/^/  | /' "$WORK/err.$format" >&2; }
  utf8_ok "$WORK/out.$format" && pass "... its output is valid UTF-8" || fail "check --format $format: invalid UTF-8"
done
for format in json sarif; do
  python3 -c 'import json, sys; json.load(open(sys.argv[1], encoding="utf-8"))' "$WORK/out.$format" \
    && pass "... the $format output parses" || fail "$format does not parse"
done
# The same replacement everywhere: F5 -> one U+FFFD; E2 82 (a truncated sequence) -> one; ED A0 80
# and F5 80 80 -> three (F5 starts nothing; the JSON report took it for a 3-byte lead and failed).
# SARIF carries paths as percent-encoded URIs: decode them for the comparison.
python3 - "$WORK/out.sarif" > "$WORK/out.sarif-paths" <<'PY'
import json, sys, urllib.parse
def walk(v):
    if isinstance(v, dict):
        for k, x in v.items():
            if k == "uri": print(urllib.parse.unquote(x))
            else: walk(x)
    elif isinstance(v, list):
        for x in v: walk(x)
walk(json.load(open(sys.argv[1], encoding="utf-8")))
PY
cp "$WORK/out.sarif-paths" "$WORK/out.sarif"
for format in json sarif github markdown text; do
  if [ "$format" = text ]; then  # lists the first five paths
    grep -qF "$(printf 'src/auth/k\xef\xbf\xbd.py')" "$WORK/out.text" && pass "text shows the same replacement" \
      || fail "text: replacement differs"
    continue
  fi
  grep -qF "$(printf 'src/auth/k\xef\xbf\xbd.py')" "$WORK/out.$format" \
    && grep -qF "$(printf 'x\xef\xbf\xbdy.py')" "$WORK/out.$format" \
    && grep -qF "$(printf 's\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd.py')" "$WORK/out.$format" \
    && grep -qF "$(printf 't\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd.py')" "$WORK/out.$format" \
    && pass "$format shows the paths with the same replacement" || fail "$format: replacement differs"
done

"$LANEGUARD" explain --format json "${names[@]}" > "$WORK/explain.json" 2> "$WORK/explain.err"; rc=$?
[ "$rc" = 0 ] && python3 -c 'import json, sys; json.load(open(sys.argv[1], encoding="utf-8"))' "$WORK/explain.json" \
  && pass "explain --format json on non-UTF-8 paths: valid JSON, exit 0" \
  || { fail "explain --format json: exit $rc"; cat "$WORK/explain.err" >&2; }
finish
