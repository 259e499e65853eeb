#!/bin/bash
# laneguard pre-push through real `git push` into a bare repository.
. "$(dirname "$0")/local_lib.sh"
new_repo "$WORK/seed"
B="$WORK/origin.git"
git clone -q --bare "$WORK/seed" "$B"
git clone -q "$B" "$WORK/clone" && cd "$WORK/clone"
git config user.name Pat && git config user.email pat@acme.test
expect_status 0 "install" -- "$LANEGUARD" install
# A hook already there reads the same stdin as laneguard.
printf '#!/bin/sh\necho "$1 $2" > .git/push-args\ncat > .git/push-stdin\n' > .git/hooks/pre-push.laneguard-chained
chmod +x .git/hooks/pre-push.laneguard-chained

echo v2 >> src/auth/login.py && git commit -qam "Login tweak" --no-verify
expect_status 0 "push to a feature branch passes" -- git push -q origin HEAD:refs/heads/feature
expect_not_in "$WORK/err" "laneguard" "nothing said for a feature branch"
expect_in .git/push-stdin "refs/heads/feature" "the chained hook got the ref updates on stdin"
expect_in .git/push-args "origin $B" "the chained hook got the remote and URL"

expect_status 1 "push of an unapproved change to main is refused locally" -- git push origin HEAD:main
expect_in "$WORK/err" "block self-approval [authentication]" "the server's verdict: pat's own push of pat's commit is no approval"
expect_in "$WORK/err" "The server will refuse this push" "says the server would refuse it"
expect_in "$WORK/err" "git push --no-verify" "says how to skip"
[ "$(git -C "$B" rev-parse main)" = "$(git -C "$WORK/seed" rev-parse main)" ] && pass "main did not move" || fail "main moved"

# The agreement is the remote's: weakening the local copy changes nothing.
sed -i 's#paths = \["src/auth/\*\*"\]#paths = ["nothing/**"]#' .laneguard.toml
expect_status 1 "the local agreement cannot weaken the verdict" -- git push origin HEAD:main
expect_in "$WORK/err" "refs/remotes/origin/main:.laneguard.toml" "the remote-tracking branch's agreement is used"
git checkout -q .laneguard.toml

# Trailers are claims, as on the server: a Reviewed-by trailer alone does not let it through.
git commit -q --amend --no-verify -m "Login tweak" -m "Reviewed-by: Erin <erin@acme.test>"
expect_status 1 "an approval trailer alone does not pass pre-push" -- git push origin HEAD:main
expect_in "$WORK/err" "unverified-approval" "the trailer is named as an unverified claim"
# What the server counts: erin pushes pat's commit, which pat already pushed to a feature branch.
expect_status 0 "pat pushes the commit to a feature branch" -- git push -q origin HEAD:refs/heads/feature2
git config user.name Erin && git config user.email erin@acme.test
expect_status 0 "erin's push of pat's commit (introduced by pat) passes pre-push" -- git push -q origin HEAD:main
[ "$(git -C "$B" rev-parse main)" = "$(git rev-parse HEAD)" ] && pass "main moved" || fail "main did not move"
git config user.name Pat && git config user.email pat@acme.test

# Rewriting or deleting main.
git fetch -q origin
git commit -q --amend --no-verify -m "Rewritten" -m "Reviewed-by: Erin <erin@acme.test>"
expect_status 1 "force-pushing main is refused" -- git push --force origin HEAD:main
expect_in "$WORK/err" "non-fast-forward" "non-fast-forward named"
expect_status 1 "deleting main is refused" -- git push origin :main
expect_in "$WORK/err" "protected-ref-deletion" "protected-ref-deletion named"
expect_status 0 "deleting a feature branch is fine" -- git push -q origin :feature

# A new protected branch is judged against everything the remote already has.
git config user.email pat@acme.test
git checkout -q -b topic origin/main && echo p >> prototypes/demo.py && git commit -qam "Proto" --no-verify
expect_status 0 "a prototype change to main passes" -- git push -q origin topic:main
echo v9 >> src/auth/login.py && git commit -qam "Unreviewed" --no-verify
expect_status 0 "LANEGUARD_SKIP=1 lets it go (the server is the gate)" -- env LANEGUARD_SKIP=1 git push origin topic:main
expect_in "$WORK/err" "the server will still judge" "skipping says the server will still judge"
finish
