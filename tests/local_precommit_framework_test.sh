#!/bin/bash
# Debian's `pre-commit` framework running laneguard's published .pre-commit-hooks.yaml.
. "$(dirname "$0")/local_lib.sh"
command -v pre-commit >/dev/null || { echo "pre-commit (the framework) is not installed: apt-get install pre-commit"; exit 1; }
export PRE_COMMIT_HOME="$WORK/pre-commit-cache" PATH="$(dirname "$LANEGUARD"):$PATH"
# The published hooks file, as a repository the framework can clone.
H="$WORK/hooks-repo"
git init -q "$H" && cp "$LANEGUARD_SOURCE_DIR/.pre-commit-hooks.yaml" "$H/" &&
  git -C "$H" add . && git -C "$H" -c user.name=R -c user.email=r@x commit -qm hooks
rev=$(git -C "$H" rev-parse HEAD)

B="$WORK/origin.git"
new_repo "$WORK/seed" && git clone -q --bare "$WORK/seed" "$B" && git clone -q "$B" "$WORK/r" && cd "$WORK/r"
git config user.name Pat && git config user.email pat@acme.test
cat > .pre-commit-config.yaml <<YAML
repos:
  - repo: $H
    rev: $rev
    hooks: [{id: laneguard}, {id: laneguard-commit-msg}, {id: laneguard-pre-push}]
YAML
git add .pre-commit-config.yaml && git commit -qm "Add pre-commit config"
expect_status 0 "pre-commit install" -- pre-commit install --hook-type pre-commit --hook-type commit-msg --hook-type pre-push

echo v2 >> src/auth/login.py && git add src/auth/login.py
expect_status 0 "framework: a warning, the commit goes ahead" -- git commit -m "Login tweak"
cat "$WORK/err" >> "$WORK/out"
expect_in "$WORK/out" "missing-approval [authentication]" "the framework shows laneguard's warning"
expect_in "$WORK/out" "erin or eli" "with whose approval"

echo v3 >> src/auth/login.py && git add src/auth/login.py
expect_status 1 "framework: unlabelled AI help is rejected" -- git commit -m "AI" -m "Co-authored-by: Claude <noreply@anthropic.com>"
cat "$WORK/err" >> "$WORK/out"
expect_in "$WORK/out" "unlabeled-ai" "the commit-msg hook names the rule"
expect_in "$WORK/out" "Assisted-by: Claude" "and the trailer to add"
git reset -q --hard HEAD

expect_status 1 "framework: pre-push gives the server's verdict" -- git push origin HEAD:main
cat "$WORK/err" >> "$WORK/out"
expect_in "$WORK/out" "block missing-approval" "pre-push blocks the unapproved change"
expect_status 0 "framework: a feature branch passes" -- git push -q origin HEAD:refs/heads/feature
finish
