#!/bin/bash
# Hostile agreement text (issue "Reliability", defects 2 and 10): a 50,000-part table header or
# dotted key (a stack overflow inside toml++ before), a file over 1 MiB, non-ASCII outside strings
# (undefined behaviour in toml++ 3.3), invalid UTF-8. `lint` refuses each with file:line:col and
# exit 2; on the server, such an agreement on the default branch makes pushes fail closed with that
# message instead of crashing the hook on every push.
source "$(dirname "$0")/server_lib.sh"

python3 - "$TMP" <<'PY'
import sys
d = sys.argv[1]
open(d + '/deep_header.toml', 'w').write('version = 1\n[' + '.'.join(['a'] * 50000) + ']\n')
open(d + '/deep_dotted.toml', 'w').write('version = 1\n' + '.'.join(['a'] * 50000) + ' = 1\n')
open(d + '/deep_array.toml', 'w').write('version = 1\nx = ' + '[' * 100000 + ']' * 100000 + '\n')
open(d + '/fe7f.toml', 'wb').write(b'version = 1\n\xef\xb9\xbf = 1\n')
open(d + '/bad_utf8.toml', 'wb').write(b'version = 1\n[agreement]\nname = "x\xff"\n')
open(d + '/big.toml', 'w').write('version = 1\n' + ''.join('# %07d padding padding padding padding\n' % i for i in range(30000)))
PY

lint_refuses() {  # lint_refuses FILE EXPECTED-REGEX
  set +e
  out=$("$LANEGUARD" lint "$TMP/$1" 2>&1)
  rc=$?
  set -e
  if [ "$rc" = 2 ] && grep -Eq "$2" <<<"$out"; then ok "lint refuses $1: ${out:0:150}"
  else fail "lint $1: exit $rc, $out"; fi
}
lint_refuses deep_header.toml "deep_header.toml:2:65: .*more than 32 dotted parts"
lint_refuses deep_dotted.toml "deep_dotted.toml:2:64: .*more than 32 dotted parts"
lint_refuses deep_array.toml "deep_array.toml:2:37: .*nest more than 32 deep"
lint_refuses fe7f.toml "fe7f.toml:2:1: .*U\+FE7F stands outside a quoted string or comment"
lint_refuses bad_utf8.toml "bad_utf8.toml:3:10: .*invalid UTF-8 \(byte 0xFF\)"
lint_refuses big.toml "big.toml: .*1260012 bytes; the limit is 1 MiB"
set +e
out=$(head -c 2000000 /dev/zero | tr '\0' '#' | "$LANEGUARD" lint /dev/stdin 2>&1); rc=$?
set -e
[ "$rc" = 2 ] && grep -q "limit is 1 MiB" <<<"$out" && ok "a pipe over 1 MiB is refused too" || fail "pipe: $rc $out"

# The server: the default branch (HEAD) carries the deep agreement; every push to main used to
# crash the hook (SIGSEGV). Now it fails closed with the position.
setup_server
git -C "$WORK" checkout -q -b config
cp "$TMP/deep_header.toml" "$WORK/.laneguard.toml"
git -C "$WORK" commit -qam "A broken agreement on another branch"
push_as pat origin config
git -C "$SERVER" symbolic-ref HEAD refs/heads/config   # an administrator makes it the default branch
git -C "$WORK" checkout -q main
commit_as "Pat <pat@acme.test>" "Prototype" prototypes/x.py
push_as pat origin main
expect_reject "main is judged by the default branch's current agreement too: broken, it fails closed" agreement-error
expect_output "... naming the file, line and column" "remote: .*HEAD:.laneguard.toml:2:65: .*dotted parts"
expect_no_output "... without crashing" "Segmentation|signal|core dumped"
push_as pat origin HEAD:refs/heads/release/9
[ "$RC" != 0 ] && ok "a new protected branch, judged by the broken default-branch agreement, is refused" \
  || fail "accepted with a broken agreement"
expect_output "... naming the file, line and column" "remote: .*laneguard.toml:2:65: .*dotted parts"
expect_no_output "... without crashing" "Segmentation|signal|core dumped"
finish
