#!/bin/bash
# laneguard ci report formats on one real pull request: json (SPEC section 5), sarif (SARIF 2.1.0 for
# GitHub code scanning), github (workflow commands), markdown (a step summary / MR note).
source "$(dirname "$0")/ci_lib.sh"

setup_repo
commit_as "$PAT" "Add login, the, form" "src/auth/login form.py" prototypes/p.py
push_pr
FIRST=$HEAD_SHA
commit_as "$PAT" "Fix session

Co-Authored-By: Claude <noreply@anthropic.com>" src/auth/session.py
push_pr
github_event 21 pat
review pat APPROVED
review eli APPROVED "$FIRST"
write_reviews
for format in json sarif github markdown text; do
  run_github --format "$format"
  eval "OUT_$format=\$OUT RC_$format=\$RC"
  [ "$RC" = 1 ] && ok "--format $format: exit 1 (blocked)" || fail "--format $format: exit $RC, stderr: $ERR"
done

# json: exactly the SPEC's document.
check_json() {
  json_eval "$OUT_json" "$1" >/dev/null 2>&1 && [ "$(json_eval "$OUT_json" "$1")" = "${2:-1}" ] && ok "json: $3" || fail "json: $3: $OUT_json"
}
check_json '$j->{verdict}' block "verdict block"
check_json 'join " ", map { $_->{rule} } @{$j->{findings}}' "unlabeled-ai self-approval stale-approval" "the rules"
check_json '(grep { !(exists $_->{rule} && exists $_->{severity} && exists $_->{commit} && exists $_->{area} && ref $_->{paths} eq "ARRAY" && ref $_->{people} eq "ARRAY" && length $_->{message} && exists $_->{fix}) } @{$j->{findings}}) ? 0 : 1' 1 "every finding has rule, severity, commit, area, paths, people, message, fix"
check_json '$j->{findings}[1]{commit}' "pull request #21" "approval findings name the pull request"
check_json '$j->{findings}[0]{commit}' "$HEAD_SHA" "per-commit findings name the commit"
check_json '$j->{stats}{commits} . " " . $j->{stats}{paths}' "2 3" "stats: commits and paths"

# sarif: the fields SARIF 2.1.0 requires and GitHub code scanning reads.
S=$OUT_sarif
json_eval "$S" '$j->{version} eq "2.1.0" && $j->{"\$schema"} =~ /sarif-2\.1\.0/ ? 1 : 0' | grep -qx 1 && ok "sarif: version and \$schema" || fail "sarif header: $S"
json_eval "$S" 'my $d = $j->{runs}[0]{tool}{driver}; ($d->{name} eq "laneguard" && length $d->{version} && !exists $d->{informationUri}) ? 1 : 0' \
  | grep -qx 1 && ok "sarif: tool.driver name and version, no made-up informationUri" || fail "sarif driver: $S"
json_eval "$S" 'my $r = $j->{runs}[0]{tool}{driver}{rules}; (@$r == 3 && !grep { !(length $_->{id} && length $_->{shortDescription}{text} && length $_->{fullDescription}{text} && length $_->{help}{text}) } @$r) ? 1 : 0' \
  | grep -qx 1 && ok "sarif: rules with id, descriptions and help" || fail "sarif rules: $S"
json_eval "$S" 'my $ok = 1; my %ids = map { $_->{id} => 1 } @{$j->{runs}[0]{tool}{driver}{rules}}; for my $r (@{$j->{runs}[0]{results}}) { $ok = 0 unless $ids{$r->{ruleId}} && $r->{level} =~ /^(error|warning|note)$/ && length $r->{message}{text} && ref $r->{partialFingerprints} eq "HASH" } $ok' \
  | grep -qx 1 && ok "sarif: results with a known ruleId, level, message and fingerprints" || fail "sarif results: $S"
json_eval "$S" 'join " ", map { $_->{locations}[0]{physicalLocation}{artifactLocation}{uri} // "-" } @{$j->{runs}[0]{results}}' \
  | grep -qx "src/auth/session.py src/auth/login%20form.py src/auth/session.py .laneguard.toml" \
  && ok "sarif: one result per path, URIs encoded, the pathless notice on the agreement file" \
  || fail "sarif locations: $(json_eval "$S" 'join " ", map { $_->{locations}[0]{physicalLocation}{artifactLocation}{uri} // "-" } @{$j->{runs}[0]{results}}')"
json_eval "$S" 'join " ", map { $_->{level} } @{$j->{runs}[0]{results}}' | grep -qx "error error error note" && ok "sarif: levels from severities" || fail "sarif levels"

# github: workflow commands.
echo "$OUT_github" | grep -qx '::error file=src/auth/session.py,title=laneguard unlabeled-ai (authentication)::.*' \
  && ok "github: ::error with file and title" || fail "github: $OUT_github"
echo "$OUT_github" | grep -q '^::error file=src/auth/login form.py,title=laneguard self-approval (authentication)::.*Fix: ' \
  && ok "github: the self-approval annotation carries its fix" || fail "github self-approval: $OUT_github"
echo "$OUT_github" | grep -q '^::notice title=laneguard stale-approval::eli' && ok "github: the stale approval as a notice" || fail "github notice"
[ "$(echo "$OUT_github" | grep -c '^::')" = 5 ] && ok "github: 3 annotations and one group, nothing else is a command" || fail "github command count: $OUT_github"

# markdown: a heading with the verdict, the table, the findings with fixes.
M=$OUT_markdown
echo "$M" | head -1 | grep -qx '## ❌ blocked: laneguard ci: pull request \\#21' && ok "markdown: heading with the verdict" || fail "markdown heading: $M"
echo "$M" | grep -qx '| area | requirement | approved by | missing |' && ok "markdown: the table header" || fail "markdown table"
echo "$M" | grep -q '^| authentication<br>.*| [^|]*engineering[^|]* | nobody<br>not counted: pat (an author of the change), eli (approved .*stale) | ❌ 2 more approvals from engineering |$' \
  && ok "markdown: the area row with requirement, who was not counted and what is missing" || fail "markdown row: $M"
echo "$M" | grep -q '^  - \*\*fix:\*\* ' && ok "markdown: findings with fixes" || fail "markdown fixes"

# --summary appends the Markdown report (to $GITHUB_STEP_SUMMARY) whatever --format prints.
echo "# earlier step" > "$TMP/summary.md"
run_github --format github --summary "$TMP/summary.md"
head -1 "$TMP/summary.md" | grep -qx "# earlier step" && grep -q '^| area | requirement' "$TMP/summary.md" \
  && ok "--summary appends the Markdown report" || fail "summary: $(cat "$TMP/summary.md")"
echo "$OUT" | grep -q '^::error' && ok "... while stdout keeps the chosen format" || fail "stdout with --summary"

finish
