# Shared by the chroot tests (sourced after server_lib.sh): entering a directory as / and a server
# hook that runs laneguard inside such a directory, the way a hosting platform's hook sandbox does
# (GitHub Enterprise Server's hook environments are chroots): the hook sees the repository at its
# path inside the root and nothing of the host.
#
# Tests that need this exit 77 (ctest: skipped) with the reason when the machine cannot chroot.

# CHROOT: the command that enters a root. chroot(8) as root; unprivileged, a user namespace.
CHROOT=()
if [ "$(id -u)" = 0 ] && chroot / true 2>/dev/null; then
  CHROOT=("$(command -v chroot)")
elif command -v unshare >/dev/null && unshare -r chroot / true 2>/dev/null; then
  CHROOT=("$(command -v unshare)" -r "$(command -v chroot)")
else
  echo "SKIP: cannot chroot here (not root, and no unprivileged user namespaces for unshare -r)"
  exit 77
fi

# copy_with_libraries ROOT PROGRAM...: each program and every shared library ldd names for it,
# at the same paths under ROOT (the dynamic loader included).
copy_with_libraries() {
  local root=$1 prog lib
  shift
  for prog in "$@"; do
    mkdir -p "$root$(dirname "$prog")"
    cp -L "$prog" "$root$prog"
    for lib in $(ldd "$prog" 2>/dev/null | grep -oE '/[^ ]+' || true); do
      mkdir -p "$root$(dirname "$lib")"
      cp -L "$lib" "$root$lib"
    done
  done
}

# install_chroot_hook SERVER ROOT HOOK COMMAND...: SERVER's HOOK (pre-receive, post-receive) runs
# COMMAND inside ROOT with the hook's standard input, git's variables rewritten to paths inside ROOT
# (SERVER must lie under ROOT), and nothing else from the host's environment but the pusher.
install_chroot_hook() {
  local server=$1 root=$2 hook=$3
  shift 3
  cat > "$server/hooks/$hook" <<HOOK
#!/bin/sh
root='$root'
inside() { printf '%s' "\$1" | sed "s|\$root/|/|g"; }
exec env -i PATH=/usr/bin:/bin \\
  GIT_DIR="\$(inside "\$(cd "\${GIT_DIR:-.}" && pwd)")" \\
  GIT_QUARANTINE_PATH="\$(inside "\${GIT_QUARANTINE_PATH:-}")" \\
  GIT_OBJECT_DIRECTORY="\$(inside "\${GIT_OBJECT_DIRECTORY:-}")" \\
  GIT_ALTERNATE_OBJECT_DIRECTORIES="\$(inside "\${GIT_ALTERNATE_OBJECT_DIRECTORIES:-}")" \\
  LANEGUARD_PUSHER="\${LANEGUARD_PUSHER:-}" GITHUB_USER_LOGIN="\${GITHUB_USER_LOGIN:-}" \\
  ${CHROOT[*]} "\$root" $*
HOOK
  chmod +x "$server/hooks/$hook"
}
