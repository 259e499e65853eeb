#!/bin/sh
# Writes laneguard's man page with help2man: the top-level --help and --version, a COMMANDS section
# made of every subcommand's own --help, and the hand-written sections of laneguard.h2m.
#   packaging/man/make-man.sh LANEGUARD-BINARY OUTPUT
set -eu
bin=$1
out=$2
here=$(cd "$(dirname "$0")" && pwd)
command -v help2man >/dev/null || { echo "make-man.sh: help2man is not installed (apt-get install help2man)" >&2; exit 3; }
include=$(mktemp)
trap 'rm -f "$include"' EXIT
# roff-safe: backslashes doubled, a leading . or ' neutralised.
roff() { sed -e 's/\\/\\\\/g' -e "s/^\\([.']\\)/\\\\\\&\\1/"; }
{
  echo "[COMMANDS]"
  "$bin" --help | sed -n '/^Subcommands:/,$p' | sed -n 's/^  \([a-z][a-z-]*\) .*/\1/p' | while read -r cmd; do
    echo ".SS \"laneguard $cmd\""
    echo ".nf"
    "$bin" "$cmd" --help | sed '1{/^Usage:/!d;}' | roff
    echo ".fi"
  done
  echo
  cat "$here/laneguard.h2m"
} > "$include"
version=$("$bin" --version | sed -n "1s/^laneguard \([^ ]*\).*/\1/p")
help2man --no-info --section=1 --include="$include" --output="$out" --version-string="$version" \
  --name="enforce a team's working agreement at commit, push and pull-request time" "$bin"
