#!/usr/bin/env bash
# Builds a GitHub Enterprise Server pre-receive hook environment for laneguard: a gzip'd tarball of
# a chroot holding /bin/sh, git, laneguard (the self-contained build), ssh-keygen for signed
# approvals, and what those need (their shared libraries, /tmp, /dev/null, /etc/passwd).
#
#   packaging/ghes/build-hook-env.sh [--laneguard BIN] [--output FILE] [--hook-uid UID]...
#
#   --laneguard BIN   the static binary (default: build/static/laneguard; build it with
#                     `./install.sh --static` or `cmake --build build --target laneguard-static`)
#   --output FILE     the tarball to write (default: laneguard-hook-env.tar.gz)
#   --hook-uid UID    a uid the hooks run as, listed in /etc/passwd (ssh-keygen refuses to run for a
#                     uid without an entry); repeat for several; root (0) is always listed
#   --no-ssh-keygen   leave ssh-keygen out (signatures then approve nothing)
#
# Upload the result with `ghe-hook-env-create laneguard FILE` (docs/server.md says every step).
# sh, git and ssh-keygen come from this machine, with the libraries ldd names for them: build on
# the same architecture as the appliance (x86-64).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
laneguard="$here/build/static/laneguard"
output=laneguard-hook-env.tar.gz
uids=()
ssh_keygen=1
usage() { sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; }
while [ $# -gt 0 ]; do
  case "$1" in
    --laneguard) laneguard=${2:?--laneguard needs a file}; shift ;;
    --output) output=${2:?--output needs a file}; shift ;;
    --hook-uid) uids+=("${2:?--hook-uid needs a number}"); shift ;;
    --no-ssh-keygen) ssh_keygen=0 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "build-hook-env.sh: unknown option '$1'" >&2; usage >&2; exit 2 ;;
  esac
  shift
done

die() { echo "build-hook-env.sh: $*" >&2; exit 3; }
[ -x "$laneguard" ] || die "no laneguard binary at $laneguard (build it: ./install.sh --static)"
if ldd "$laneguard" >/dev/null 2>&1; then
  die "$laneguard needs shared libraries; use the self-contained build (build/static/laneguard)"
fi
for uid in "${uids[@]}"; do
  case "$uid" in ''|*[!0-9]*) echo "build-hook-env.sh: --hook-uid '$uid' is not a number" >&2; exit 2 ;; esac
done

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT

# copy PROGRAM [AS]: the program (at its own path, or at AS) and each library ldd names for it.
copy() {
  local prog=$1 dest=${2:-$1} lib
  [ -x "$prog" ] || die "$prog is missing on this machine"
  mkdir -p "$stage$(dirname "$dest")"
  cp -L "$prog" "$stage$dest"
  for lib in $(ldd "$prog" 2>/dev/null | grep -oE '/[^ ]+' || true); do
    mkdir -p "$stage$(dirname "$lib")"
    [ -e "$stage$lib" ] || cp -L "$lib" "$stage$lib"
  done
}

copy "$(readlink -f /bin/sh)" /bin/sh
copy "$(command -v git)" /usr/bin/git
[ "$ssh_keygen" = 1 ] && copy "$(command -v ssh-keygen)" /usr/bin/ssh-keygen
mkdir -p "$stage/usr/local/bin"
install -m 755 "$laneguard" "$stage/usr/local/bin/laneguard"

# What the programs expect of a system: a writable /tmp (laneguard writes signatures there for
# ssh-keygen), /dev/null, and a passwd entry for the hook's user (ssh-keygen exits without one).
mkdir -p "$stage/tmp" "$stage/dev" "$stage/etc" "$stage/proc"
chmod 1777 "$stage/tmp"
{
  echo "root:x:0:0:root:/root:/bin/sh"
  for uid in "${uids[@]}"; do [ "$uid" = 0 ] || echo "hook$uid:x:$uid:$uid:laneguard hook:/tmp:/bin/sh"; done
} > "$stage/etc/passwd"
{
  echo "root:x:0:"
  for uid in "${uids[@]}"; do [ "$uid" = 0 ] || echo "hook$uid:x:$uid:"; done
} > "$stage/etc/group"
if [ "$(id -u)" = 0 ]; then
  mknod -m 666 "$stage/dev/null" c 1 3
else
  echo "build-hook-env.sh: not root: no /dev/null device in the tarball (GHES mounts /dev; a plain chroot needs one)" >&2
fi

# GHES wants the chroot's own paths at the top of the archive (./bin/sh), owned by root.
tar --numeric-owner --owner=0 --group=0 -C "$stage" -czf "$output" .
echo "wrote $output ($(du -k "$output" | cut -f1) KiB): /bin/sh, git $(git --version | cut -d' ' -f3), $("$laneguard" --version | head -1)$([ "$ssh_keygen" = 1 ] && echo ", ssh-keygen")"
