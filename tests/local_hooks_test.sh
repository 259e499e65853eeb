#!/bin/bash
# pre-commit and commit-msg through real `git commit` after `laneguard install`.
. "$(dirname "$0")/local_lib.sh"
R="$WORK/repo"
new_repo "$R" && cd "$R"
expect_status 0 "laneguard install" -- "$LANEGUARD" install
expect_in "$WORK/out" ".git/hooks/pre-commit: installed" "install names the pre-commit hook"
expect_in .git/hooks/pre-commit "LANEGUARD_BIN=\${LANEGUARD_BIN:-$LANEGUARD}" "the hook carries the binary's absolute path"

# A change to a protected area by pat: a warning of what it will need; the commit goes ahead.
echo v2 >> src/auth/login.py && git add src/auth/login.py
expect_status 0 "pre-commit warns but lets the commit through" -- env PATH=/usr/bin:/bin git commit -m "Tweak login"
expect_in "$WORK/err" "warn missing-approval [authentication]" "pre-commit names the area"
expect_in "$WORK/err" "Before this lands on main it needs 1 approval from engineering (erin or eli)" "pre-commit says whose approval"
expect_in "$WORK/err" "If AI helped with this change, label it" "pre-commit says AI help must be labelled"
expect_in "$WORK/err" "Warnings only" "pre-commit says the commit goes ahead"
[ "$(git log -1 --format=%s)" = "Tweak login" ] && pass "the commit was made" || fail "the commit was not made"

# A prototype change: nothing to say.
echo more >> prototypes/demo.py && git add -A
expect_status 0 "prototype commit" -- git commit -m "Prototype"
expect_not_in "$WORK/err" "laneguard" "no output for a change the agreement does not protect"

# commit-msg: AI markers without a label are rejected with the exact trailer.
echo v3 >> src/auth/login.py && git add -A
expect_status 1 "commit-msg rejects unlabelled AI help" -- git commit -m "AI login" -m "Co-authored-by: Claude Opus 4.5 <noreply@anthropic.com>"
expect_in "$WORK/err" "block unlabeled-ai [authentication]" "the finding is unlabeled-ai"
expect_in "$WORK/err" "\`Assisted-by: Claude:opus-4.5\`" "the exact trailer to add"
expect_in "$WORK/err" "git commit --no-verify" "the message says how to skip"
expect_in "$WORK/err" "the server will still judge" "and that the server still judges"
[ "$(git log -1 --format=%s)" = "Prototype" ] && pass "no commit was made" || fail "a commit was made"

# With the label the commit goes through.
expect_status 0 "labelled AI help passes" -- git commit -m "AI login" -m "Co-authored-by: Claude Opus 4.5 <noreply@anthropic.com>
Assisted-by: Claude:opus-4.5"
expect_not_in "$WORK/err" "unlabeled-ai" "no unlabeled-ai once labelled"

# The message is read as git stores it: a marker in a comment line or below the scissors is not a marker.
echo v4 >> src/auth/login.py && git add -A
cat > "$WORK/editor" <<'SH'
#!/bin/sh
{ echo "Edited subject"; echo; echo "# Co-authored-by: Claude <noreply@anthropic.com>"; cat "$1"; } > "$1.new" && mv "$1.new" "$1"
SH
chmod +x "$WORK/editor"
expect_status 0 "a commented marker is not a marker" -- env GIT_EDITOR="$WORK/editor" git commit -v
expect_not_in "$WORK/err" "unlabeled-ai" "comment lines are dropped like git does"
[ "$(git log -1 --format=%s)" = "Edited subject" ] && pass "edited commit made" || fail "edited commit not made"
# ...but the same line typed with -m (no editor: git keeps '#' lines) is.
echo v5 >> src/auth/login.py && git add -A
expect_status 1 "with -m a '#' line is kept by git, so it is a marker" -- git commit -m "Hash" -m "Co-authored-by: Claude <noreply@anthropic.com>" -m "# Generated with [Claude Code]"
expect_in "$WORK/err" "unlabeled-ai" "the footer in a kept line counts"

# A partial commit (git commit PATH) is judged on its temporary index only.
git reset -q --hard
echo staged >> src/auth/login.py && git add src/auth/login.py && echo proto >> prototypes/demo.py
expect_status 0 "partial commit of a prototype" -- git commit -m "Only the prototype" prototypes/demo.py
expect_not_in "$WORK/err" "authentication" "the staged protected file is not part of the partial commit"
git diff --cached --name-only > "$WORK/still"
expect_in "$WORK/still" "src/auth/login.py" "the protected change is still staged"
# git commit -a includes it.
expect_status 0 "commit -a" -- git commit -a -m "Everything"
expect_in "$WORK/err" "missing-approval" "commit -a is judged on everything it commits"

# Skipping.
echo v6 >> src/auth/login.py
expect_status 0 "LANEGUARD_SKIP=1" -- env LANEGUARD_SKIP=1 git commit -a -m "Skip" -m "Co-authored-by: Claude <noreply@anthropic.com>"
expect_in "$WORK/err" "skipped (LANEGUARD_SKIP=1); the server will still judge" "skipping says the server still judges"
echo v7 >> src/auth/login.py
expect_status 0 "--no-verify" -- git commit --no-verify -a -m "No verify" -m "Co-authored-by: Claude <noreply@anthropic.com>"

# [local] mode = "block": a blocking finding stops the commit; approvals given in the message count.
printf '\n[local]\nmode = "block"\n' >> .laneguard.toml && git -c user.email=erin@acme.test commit -qm "Block mode" --no-verify .laneguard.toml
echo v8 >> src/auth/login.py && git add -A
expect_status 1 "block mode: missing approval blocks at commit-msg" -- git commit -m "Needs review"
expect_in "$WORK/err" "block missing-approval" "the approval finding blocks"
expect_status 0 "block mode: with erin's approval it passes" -- git commit -m "Reviewed" -m "Reviewed-by: Erin <erin@acme.test>"
echo v9 >> src/auth/login.py && git add -A
expect_status 1 "self-approval does not count" -- git commit -m "Self" -m "Reviewed-by: Pat <pat@acme.test>"
expect_in "$WORK/err" "self-approval" "self-approval is named"

# A staged agreement that does not load is caught before it is committed.
echo 'version = ' >> .laneguard.toml && git add .laneguard.toml
expect_status 1 "an invalid staged agreement blocks" -- git commit -m "Break the agreement" -m "Reviewed-by: Erin <erin@acme.test>"
expect_in "$WORK/err" "agreement-error" "the lint finding"
expect_in "$WORK/err" ".laneguard.toml (staged)" "names the staged file"

# An invalid agreement in the working tree (not staged): the hook cannot judge, says why and how to skip.
git reset -q .laneguard.toml && git checkout -q .laneguard.toml && echo "bogus = 1" >> .laneguard.toml
echo v10 >> src/auth/login.py
expect_status 1 "an invalid working-tree agreement stops the commit (git exits 1 whatever the hook returns)" -- git commit -m "x" src/auth/login.py
expect_in "$WORK/err" "agreement-error" "agreement-error named"
expect_in "$WORK/err" ".laneguard.toml:" "with the file and line"
expect_in "$WORK/err" "git commit --no-verify" "and how to go ahead"
finish
