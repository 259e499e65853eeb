#!/bin/bash
# Server gate, paths that escape a pattern, as real pushes: Unicode case variants and NFC/NFD
# spellings that macOS and Windows checkouts treat as the protected name, symlinks and submodules
# where a directory pattern protects a directory, and .gitattributes/.gitmodules in the default
# agreement's shared area.
source "$(dirname "$0")/server_lib.sh"
PAT="Pat <pat@acme.test>" ERIN="Erin <erin@acme.test>"
AGREEMENT_EXTRA=$'[[protected]]\nname = "billing"\npaths = ["billing/"]\nowners = ["engineering"]\n\n[[protected]]\nname = "customer data"\npaths = ["donn\u00e9es/**"]\nowners = ["engineering"]\n\n[[protected]]\nname = "prototype data"\npaths = ["prototypes/donn\u00e9es/**", "prototypes/x86/"]\nowners = ["engineering"]'
setup_server
git -C "$SERVER" config receive.fsckObjects false  # some names below are odd on purpose

# A control: an unprotected path passes.
commit_as "$PAT" "Prototype" prototypes/ok.py
push_as pat origin main
expect_accept "control: a PM's prototype"

# U+017F (long s) folds to "s" on case-insensitive file systems: ſrc/auth/ is src/auth/ there.
reset_work
commit_as "$PAT" "Login tweak, spelled with a long s" "$(printf 's\xc5\xbfrc/auth/login.py' | cut -c2-)"
push_as pat origin main
expect_reject "ſrc/auth/login.py is protected like src/auth/login.py" self-approval
reset_work
commit_as "$PAT" "Login tweak with a Kelvin sign" "$(printf 'src/auth/\xe2\x84\xaaeys.py')"
push_as pat origin main
expect_reject "src/auth/Keys.py with U+212A is still under src/auth/" self-approval
reset_work
commit_as "$PAT" "Login tweak with an ignorable code point" "$(printf 'src/au\xe2\x80\x8cth/login.py')"
push_as pat origin main
expect_reject "src/au<U+200C>th/ is src/auth/ on HFS+" self-approval
# NFD "données/" against a pattern written in NFC.
reset_work
commit_as "$PAT" "Customer export, NFD name" "$(printf 'donne\xcc\x81es/export.csv')"
push_as pat origin main
expect_reject "an NFD spelling of données/ is protected by the NFC pattern" self-approval
reset_work
commit_as "$PAT" "Customer export, NFC name" "$(printf 'donn\xc3\xa9es/export.csv')"
push_as pat origin main
expect_reject "... and the NFC spelling" self-approval

# Bytes that are not UTF-8. Inside a protected directory they stay inside it, in any case.
reset_work
commit_as "$PAT" "Login helper with a stray byte" "$(printf 'src/auth/\x87x.py')"
push_as pat origin main
expect_reject "src/auth/<0x87>x.py is under src/auth/" self-approval
reset_work
commit_as "$PAT" "Login helper, upper case, stray bytes" "$(printf 'SRC/Auth/\x92\x87x.py')"
push_as pat origin main
expect_reject "SRC/Auth/<0x92 0x87>x.py is under src/auth/ on a case-insensitive checkout" self-approval
# Git for Windows checks an invalid byte out as U+00A0..U+00FF (0xA0..0xFF) or as two hex digits
# (0x80..0x9F): a Latin-1 "données" is the protected directory there, and "x<0x86>" is "x86". In
# the PM's own lane nothing else would stop these.
reset_work
commit_as "$PAT" "Prototype export, Latin-1 name" "$(printf 'prototypes/donn\xe9es/export.csv')"
push_as pat origin main
expect_reject "prototypes/donn<0xE9>es/ is prototypes/données/ on a Windows checkout" self-approval
expect_output "... in the prototype data area" "remote: .*\[prototype data\]"
reset_work
commit_as "$PAT" "Prototype export, Latin-1 upper case" "$(printf 'prototypes/DONN\xc9ES/export.csv')"
push_as pat origin main
expect_reject "prototypes/DONN<0xC9>ES/ is DONNÉES/, données/ on a Windows checkout" self-approval
reset_work
commit_as "$PAT" "Prototype boot code, spelled with a stray byte" "$(printf 'prototypes/x\x86/boot.S')"
push_as pat origin main
expect_reject "prototypes/x<0x86>/ is prototypes/x86/ on a Windows checkout" self-approval
reset_work
commit_as "$PAT" "Prototype notes, another stray byte" "$(printf 'prototypes/x\x87/notes.txt')"
push_as pat origin main
expect_accept "control: prototypes/x<0x87>/ is x87/ there, not protected"
reset_work
commit_as "$PAT" "Prototype export, Latin-1 in a file name" "$(printf 'prototypes/caf\xe9.csv')"
push_as pat origin main
expect_accept "control: an unprotected Latin-1 name passes"

# A directory pattern covers a symlink and a submodule at that path.
reset_work
ln -s /etc "$WORK/billing"
git -C "$WORK" add billing
GIT_AUTHOR_NAME=Pat GIT_AUTHOR_EMAIL=pat@acme.test GIT_COMMITTER_NAME=Pat GIT_COMMITTER_EMAIL=pat@acme.test \
  git -C "$WORK" commit -q -m "billing as a symlink"
push_as pat origin main
expect_reject "billing/ protects a symlink named billing" self-approval
expect_output "... in the billing area" "remote: .*\[billing\]"
reset_work
sub=$(git -C "$WORK" rev-parse HEAD)
git -C "$WORK" update-index --add --cacheinfo "160000,$sub,billing"
GIT_AUTHOR_NAME=Pat GIT_AUTHOR_EMAIL=pat@acme.test GIT_COMMITTER_NAME=Pat GIT_COMMITTER_EMAIL=pat@acme.test \
  git -C "$WORK" commit -q -m "billing as a submodule"
push_as pat origin main
expect_reject "billing/ protects a submodule named billing" self-approval
reset_work
commit_as "$PAT" "A regular file named billing" prototypes/billing
push_as pat origin main
expect_accept "control: a regular file named billing is not the directory billing/"

# The default agreement (no .laneguard.toml on the server): .gitattributes and .gitmodules are shared.
DEF=$TMP/default.git
git init -q --bare -b main "$DEF"
git init -q -b main "$TMP/def-work"
(cd "$TMP/def-work" && echo hi > README.md && git add -A && git commit -qm init && git remote add origin "$DEF" && git push -q origin main)
"$LANEGUARD" install --server "$DEF" >/dev/null
for f in .gitattributes .gitmodules sub/.gitattributes; do
  mkdir -p "$TMP/def-work/$(dirname "$f")"
  echo "* filter=evil" > "$TMP/def-work/$f"
  git -C "$TMP/def-work" add "$f"
  git -C "$TMP/def-work" commit -qm "Add $f"
  set +e; OUT=$(cd "$TMP/def-work" && LANEGUARD_PUSHER=pat git push origin main 2>&1); RC=$?; set -e
  expect_reject "default agreement: $f is in the shared area" missing-approval
  expect_output "... named" "remote: .*\[shared agreements\]"
  git -C "$TMP/def-work" reset -q --hard HEAD~1
done
echo more >> "$TMP/def-work/README.md"
git -C "$TMP/def-work" commit -qam "Readme"
set +e; OUT=$(cd "$TMP/def-work" && LANEGUARD_PUSHER=pat git push origin main 2>&1); RC=$?; set -e
expect_accept "control: the default agreement lets a README change through"
finish
