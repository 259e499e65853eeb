#!/bin/bash
# Server gate, rules and forgeries: real bare repository, real `git push` with the pusher set.
source "$(dirname "$0")/server_lib.sh"
setup_server
PAT="Pat <pat@acme.test>" ERIN="Erin <erin@acme.test>" ELI="Eli <eli@acme.test>"

# Unprotected work passes: a PM's prototype on main, anything on a feature branch.
commit_as "$PAT" "Prototype a checkout flow" prototypes/demo.py
push_as pat origin main
expect_accept "a PM's prototype change needs no approval"

# A forged Reviewed-by does not approve; the pusher is told why.
reset_work
commit_as "$PAT" "Tweak login

Reviewed-by: Erin <erin@acme.test>" src/auth/login.py
before=$(server_main)
push_as pat origin main
expect_reject "forged Reviewed-by: the author's own push" self-approval unverified-approval
expect_output "the pusher sees who may approve" "remote: .*(erin or eli|eli or erin)"
expect_output "the pusher sees which commit and area" "remote: commit [0-9a-f]{12} .*Tweak login"
[ "$(server_main)" = "$before" ] && ok "a rejected push moves no ref" || fail "main moved after a rejection"
[ "$(json_eval "$(last_audit)" '$j->{verdict}')" = reject ] && ok "audit: the rejection is recorded" || fail "audit verdict"
[ "$(json_eval "$(last_audit)" '$j->{pusher}')" = pat ] && ok "audit: names the pusher" || fail "audit pusher"

# The same commit pushed by the PM to a feature branch, then by an engineer to main: accepted.
push_as pat origin HEAD:refs/heads/pm/login
expect_accept "feature branches are not protected"
[ "$(introducer_of "$(git -C "$WORK" rev-parse HEAD)")" = pat ] \
  && ok "the introducer store names pat for her commit" || fail "introducer store lacks pat's commit"
# ... a fast-forward of main to commits already on the server is still judged.
push_as pat origin HEAD:main
expect_reject "fast-forward to commits already on the server: still judged" self-approval
push_as erin origin HEAD:main
expect_accept "an engineer pushing the PM's reviewed branch approves it"
[ "$(json_eval "$(last_audit)" '$j->{verdict}')" = accept ] && ok "audit: the acceptance is recorded" || fail "audit accept"

# A forged author: erin writes as pat and pushes straight to main.
reset_work
commit_as "$PAT" "Refactor session handling" src/app/session.py
push_as erin origin main
expect_reject "forged author, pushed at once by its real author" self-approval
# ... or to a feature branch first, then to main.
push_as erin origin HEAD:refs/heads/erin/session
expect_accept "the forged commit on a feature branch"
push_as erin origin HEAD:main
expect_reject "forged author via a feature branch: the introducer is an author" self-approval
push_as eli origin HEAD:main
expect_accept "a colleague who did not introduce it may approve it by pushing"

# Lane crossing: a PM changes engineering-owned code outside any protected area.
reset_work
commit_as "$PAT" "Change the app" src/app/main.py
push_as pat origin main
expect_reject "a PM's change to engineering's code needs an engineer" lane-crossing
push_as pat origin HEAD:refs/heads/pm/app
push_as eli origin HEAD:main
expect_accept "... which an engineer's push gives"

# AI: marked but unlabelled is blocked whoever pushes; labelled needs ai_approvals (2).
reset_work
commit_as "$ERIN" "Harden login

Co-authored-by: Claude <noreply@anthropic.com>" src/auth/login.py
push_as erin origin HEAD:refs/heads/erin/ai
push_as eli origin HEAD:main
expect_reject "AI-marked change without a label" unlabeled-ai
reset_work
commit_as "$ERIN" "Harden login

Assisted-by: Claude:opus-4
Co-authored-by: Claude <noreply@anthropic.com>" src/auth/login.py
push_as erin origin HEAD:refs/heads/erin/ai2
push_as eli origin HEAD:main
expect_reject "a labelled AI change needs two approvals, one push gives one" missing-approval

# A rename out of a protected area touches it.
reset_work
git -C "$WORK" mv src/auth/login.py prototypes/login.py
GIT_AUTHOR_NAME=Pat GIT_AUTHOR_EMAIL=pat@acme.test GIT_COMMITTER_NAME=Pat GIT_COMMITTER_EMAIL=pat@acme.test \
  git -C "$WORK" commit -q -m "Move login into the prototype"
push_as pat origin main
expect_reject "a rename out of a protected area" self-approval
expect_output "... names the old path" "remote: .*paths: .*src/auth/login.py"

# A case variant of a protected path is still protected.
reset_work
commit_as "$PAT" "Add Login" SRC/Auth/Login.py
push_as pat origin main
expect_reject "a case variant of a protected path" self-approval

# The agreement loosened in the same push: the agreement before the push judges.
reset_work
perl -0pi -e 's/\[\[protected\]\]\nname = "authentication".*?ai_approvals = 2\n//s; s/members = \["pat"\]/members = ["pat", "erin"]/' \
  "$WORK/.laneguard.toml"
! grep -q '"authentication"' "$WORK/.laneguard.toml" || fail "test setup: the area was not removed"
git -C "$WORK" add .laneguard.toml
commit_as "$PAT" "Loosen the agreement and change login" src/auth/login.py
push_as pat origin main
expect_reject "the agreement loosened in the same push" self-approval
expect_output "... still judged under the old area" "block self-approval \[authentication\]"
expect_output "... and the agreement itself is a shared area" "\[agreement\]"

# Two refs in one push: one blocking finding rejects the whole push.
reset_work
commit_as "$PAT" "Prototype" prototypes/two.py
git -C "$WORK" branch -f pm/two
commit_as "$PAT" "Sneak into auth" src/auth/login.py
before=$(server_main)
push_as pat origin main pm/two
expect_reject "two refs in one push, one bad" self-approval
[ "$(server_main)" = "$before" ] && ! git -C "$SERVER" rev-parse -q --verify refs/heads/pm/two >/dev/null \
  && ok "... neither ref moved" || fail "a ref moved although the push was rejected"

# Tags and other refs pass, even on unapproved commits.
push_as pat origin HEAD:refs/tags/v-unapproved
expect_accept "a tag is not a protected branch"
push_as pat origin HEAD:refs/heads/feature/x
expect_accept "an unprotected branch"
finish
