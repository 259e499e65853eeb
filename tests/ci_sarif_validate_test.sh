#!/bin/bash
# laneguard ci --format sarif on real pull requests, validated the way GitHub code scanning judges an
# upload: the SARIF multitool (Microsoft's, the npm package @microsoft/sarif-multitool-linux) with its
# GitHub rules (GH1015/GH1017/GH2012: a location on every result, and the rest) and SARIF rules, and
# ajv against the SARIF 2.1.0 JSON schema that package ships. The tools are installed once with npm
# into $LANEGUARD_TEST_TOOLS (default ~/.cache/laneguard-test-tools); without npm and no copy the
# test is skipped (exit 77). A control proves the validator fails: the old, location-less result.
source "$(dirname "$0")/ci_lib.sh"

TOOLS=${LANEGUARD_TEST_TOOLS:-$HOME/.cache/laneguard-test-tools}/sarif-5.7.0
MULTITOOL_DIR="$TOOLS/node_modules/@microsoft/sarif-multitool-linux"
if [ ! -x "$MULTITOOL_DIR/Sarif.Multitool" ] || [ ! -d "$TOOLS/node_modules/ajv-formats" ]; then
  if ! command -v npm >/dev/null || ! command -v node >/dev/null; then
    echo "skipped: no npm/node to install the SARIF multitool and ajv"; exit 77
  fi
  mkdir -p "$TOOLS"
  if ! npm install --prefix "$TOOLS" --no-audit --no-fund --no-save \
      @microsoft/sarif-multitool-linux@5.7.0 ajv@8.20.0 ajv-formats@3.0.1 > "$TMP/npm.log" 2>&1; then
    cat "$TMP/npm.log" >&2
    echo "skipped: npm could not install the SARIF multitool"; exit 77
  fi
  chmod u+x "$MULTITOOL_DIR/Sarif.Multitool"   # its postinstall step, which npm may not run
fi
MULTITOOL="$MULTITOOL_DIR/Sarif.Multitool"
SCHEMA="$MULTITOOL_DIR/sarif-2.1.0.json"

# validate NAME FILE: the multitool's GitHub and SARIF rules and the schema; sets VERDICT to the
# rule ids it reports (errors and warnings), "schema" when ajv refuses the file.
validate() {
  local name=$1 file=$2
  "$MULTITOOL" validate --rule-kind "Gh;Sarif" -j "$SCHEMA" "$file" -o "$TMP/$name.validation.sarif" \
    --log ForceOverwrite > "$TMP/$name.validation.log" 2>&1 || { cat "$TMP/$name.validation.log" >&2; VERDICT="multitool failed"; return; }
  # Its own report is SARIF too: one result per problem it found.
  VERDICT=$(jq -r '[.runs[0].results[].ruleId] | unique | join(" ")' "$TMP/$name.validation.sarif")
  if ! NODE_PATH="$TOOLS/node_modules" node "$TESTS_DIR/sarif_schema_check.js" "$SCHEMA" "$file" > "$TMP/$name.schema.log"; then
    VERDICT="$VERDICT schema"
  fi
}
# SARIF2005 (a warning: the tool has no informationUri) is the one report accepted: laneguard has
# no public web page, and a made-up URI is worse than none (docs/ci.md says so).
expect_valid() {
  local name=$1 file=$2 description=$3
  validate "$name" "$file"
  if [ "$VERDICT" = "" ] || [ "$VERDICT" = "SARIF2005" ]; then
    ok "$description: valid for GitHub and SARIF 2.1.0"
  else
    fail "$description: $VERDICT: $(grep -E 'error|warning' "$TMP/$name.validation.log") $(cat "$TMP/$name.schema.log")"
  fi
}

# A blocked pull request: findings on paths (one with a space in its name), a stale approval (no path).
setup_repo
commit_as "$PAT" "Add login" "src/auth/login form.py"
push_pr
FIRST=$HEAD_SHA
commit_as "$PAT" "Fix session

Co-Authored-By: $CLAUDE" src/auth/session.py
push_pr
github_event 31 pat
review eli APPROVED "$FIRST"
review pat APPROVED
run_github --format sarif
[ "$RC" = 1 ] && ok "blocked: exit 1" || fail "blocked: exit $RC: $ERR"
echo "$OUT" > "$TMP/blocked.sarif"
expect_valid blocked "$TMP/blocked.sarif" "a blocked pull request with a stale approval"
[ "$(jq -r '[.runs[0].results[] | .locations[0].physicalLocation.artifactLocation.uri] | join(" ")' "$TMP/blocked.sarif")" \
  = "src/auth/session.py src/auth/login%20form.py src/auth/session.py .laneguard.toml" ] \
  && ok "... every result has a location: its paths, the stale approval on the agreement" \
  || fail "locations: $(jq -c '[.runs[0].results[].locations]' "$TMP/blocked.sarif")"
jq -e '[.runs[0].tool.driver.rules[] | select((.help.text | length) > 0 and (.help.markdown | length) > 0
        and (.fullDescription.text | length) > 0 and (has("helpUri") | not))] | length == 3' "$TMP/blocked.sarif" >/dev/null \
  && ok "... rules carry help.text, help.markdown and fullDescription, and no helpUri" || fail "rules: $(jq -c '.runs[0].tool.driver.rules' "$TMP/blocked.sarif")"
[ "$(jq -r '.runs[0].tool.driver.rules[] | select(.id == "stale-approval") | .fullDescription.text' "$TMP/blocked.sarif")" \
  = "$("$LANEGUARD" rules stale-approval --format json | jq -r '.[0].description')" ] \
  && ok "... the texts are laneguard rules' own" || fail "rule text differs from laneguard rules"

# The issue's case: an allowed pull request whose only finding is a stale approval (exit 0).
setup_repo
commit_as "$PAT" "Add login" src/auth/login.py
push_pr
FIRST=$HEAD_SHA
commit_as "$PAT" "Fix login" src/auth/login.py
push_pr
github_event 32 pat
review erin APPROVED "$FIRST"
review eli APPROVED
run_github --format sarif
[ "$RC" = 0 ] && ok "allowed with one stale approval: exit 0" || fail "allowed: exit $RC: $ERR"
echo "$OUT" > "$TMP/allowed.sarif"
expect_valid allowed "$TMP/allowed.sarif" "an allowed pull request whose one finding names no path"

# The control: the same document with the location taken away, as laneguard wrote it before, is
# refused with GitHub's rules; a result with a level SARIF does not know is refused by the schema.
jq 'del(.runs[0].results[0].locations)' "$TMP/allowed.sarif" > "$TMP/control.sarif"
validate control "$TMP/control.sarif"
case " $VERDICT " in
  *" GH1015 "*) ok "control: a result without locations fails GH1015 ($VERDICT)" ;;
  *) fail "control: the validator accepted a result without locations ($VERDICT)" ;;
esac
jq '.runs[0].results[0].level = "fatal"' "$TMP/allowed.sarif" > "$TMP/control2.sarif"
validate control2 "$TMP/control2.sarif"
case " $VERDICT " in
  *" schema "*) ok "control: the schema refuses an unknown level" ;;
  *) fail "control: the schema accepted level fatal ($VERDICT)" ;;
esac

# Nothing to report, a path that is not UTF-8, and an agreement given with --agreement.
setup_repo
commit_as "$PAT" "Add docs" docs/readme.md
push_pr
github_event 33 pat
run_github --format sarif
echo "$OUT" > "$TMP/empty.sarif"
[ "$RC" = 0 ] && [ "$(jq '.runs[0].results | length' "$TMP/empty.sarif")" = 0 ] && ok "nothing to report: no results" || fail "empty: exit $RC: $OUT"
expect_valid empty "$TMP/empty.sarif" "an empty report"

setup_repo
commit_as "$PAT" "Add session" "src/auth/caf$(printf '\351').py"
push_pr
cp "$WORK/.laneguard.toml" "$TMP/ci/team.toml"
github_event 34 pat
run_github --format sarif --agreement team.toml
echo "$OUT" > "$TMP/bytes.sarif"
expect_valid bytes "$TMP/bytes.sarif" "a path that is not UTF-8, judged with --agreement"
[ "$(jq -r '.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri' "$TMP/bytes.sarif")" = "src/auth/caf%EF%BF%BD.py" ] \
  && ok "... its URI is the U+FFFD form every format prints, percent-encoded" || fail "uri: $(jq -c '.runs[0].results' "$TMP/bytes.sarif")"

finish
