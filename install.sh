#!/usr/bin/env bash
# laneguard installer: installs missing build dependencies (Debian/Ubuntu, apt), builds Release,
# installs the binary and the hook shims, and shows laneguard working on the embedded default agreement.
#
#   ./install.sh                     dependencies, build, install to PREFIX, then the main job
#   ./install.sh --test              dependencies, build, and the whole test suite (what CI runs)
#   ./install.sh --sanitize          clang; build with ASan+UBSan (LeakSanitizer on) and the fuzz
#                                    targets in build-san/, and run the whole suite there (CI runs it too)
#   ./install.sh --prefix ~/.local   install under a user prefix (no root needed)
#   ./install.sh --server REPO       also install the server hooks into a bare repository
#   ./install.sh --hooks REPO        also install the local hooks into a working repository
#   ./install.sh --static            install the self-contained binary (no shared libraries at all)
#   ./install.sh --bin-only          build only the laneguard binary (no tests), install, nothing else
#   ./install.sh --no-deps           do not touch system packages
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
build_dir="$here/build"
if [ "$(id -u)" = 0 ]; then prefix=/usr/local; else prefix="$HOME/.local"; fi
mode=install
deps=1
server_repo=""
hooks_repo=""
jobs=$(nproc 2>/dev/null || echo 2)
static=0
bin_only=0

usage() { sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; }
while [ $# -gt 0 ]; do
  case "$1" in
    --test) mode=test ;;
    --sanitize) mode=sanitize; build_dir="$here/build-san" ;;
    --prefix) prefix=${2:?--prefix needs a directory}; shift ;;
    --prefix=*) prefix=${1#--prefix=} ;;
    --server) server_repo=${2:?--server needs a repository}; shift ;;
    --hooks) hooks_repo=${2:?--hooks needs a repository}; shift ;;
    --static) static=1 ;;
    --bin-only) bin_only=1 ;;
    --no-deps) deps=0 ;;
    --build-dir) build_dir=${2:?}; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "install.sh: unknown option '$1'" >&2; usage >&2; exit 2 ;;
  esac
  shift
done

say() { printf '==> %s\n' "$*"; }

# Debian packages: build dependencies (help2man writes the man page, libgoogle-perftools-dev brings
# tcmalloc, the allocator: CMakeLists.txt says why), plus what the test suite drives
# (git, ssh-keygen, pre-commit, sqlite3, dpkg-dev for the .deb test, zsh for its completion, rsync, curl
# and jq for the GitLab template run under gitlab-ci-local (jq also for the report test), chromium to
# render the report's page headless, nodejs and npm for the husky and lefthook tests, which install both
# from the npm registry).
packages=(git cmake g++ make pkg-config libgit2-dev zlib1g-dev libdeflate-dev libtomlplusplus-dev libcli11-dev doctest-dev
          nlohmann-json3-dev libsqlite3-dev openssh-client help2man libgoogle-perftools-dev)
[ "$mode" = test ] && packages+=(pre-commit sqlite3 dpkg-dev zsh rsync curl jq chromium)
# npm: Debian's nodejs and npm, unless a node that brings its own npm is installed already (the
# nodesource nodejs package conflicts with Debian's npm).
if [ "$mode" = test ] || [ "$mode" = sanitize ]; then command -v npm >/dev/null || packages+=(nodejs npm); fi
# The sanitizer and fuzzing build: clang, its sanitizer and libFuzzer runtimes, llvm-symbolizer.
[ "$mode" = sanitize ] && packages+=(pre-commit sqlite3 dpkg-dev zsh rsync curl jq chromium clang libclang-rt-14-dev llvm)

install_deps() {
  local missing=()
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && { say "dependencies present"; return; }
  if ! command -v apt-get >/dev/null; then
    echo "install.sh: missing packages (${missing[*]}) and no apt-get: install them by hand" >&2; exit 3
  fi
  local sudo=""
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null || { echo "install.sh: need root (or sudo) to install: ${missing[*]}" >&2; exit 3; }
    sudo=sudo
  fi
  say "installing ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}

[ "$deps" = 1 ] && install_deps

# ccache, where it is installed, keeps compiled objects between builds; paths are taken relative to
# this checkout (and the build directory is not hashed), so another clone of the same commit, CI's
# fresh one included, reuses them. LANEGUARD_CCACHE=0 builds without it.
launcher=()
if [ "${LANEGUARD_CCACHE:-1}" = 1 ] && command -v ccache >/dev/null; then
  launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  export CCACHE_BASEDIR="$here" CCACHE_NOHASHDIR=1
fi

if [ "$mode" = sanitize ]; then
  # Everything (library, binary, unit tests, fuzz targets) with -fsanitize=address,undefined; the e2e
  # tests get this build's binary (ctest passes LANEGUARD; hooks they install point at it), and a
  # `laneguard` on PATH is this one too. Every sanitizer report goes to a log file as well, so a
  # report from a process whose exit status a test does not look at still fails the run.
  say "building with AddressSanitizer + UndefinedBehaviorSanitizer (clang) in $build_dir"
  CXX=clang++ cmake -S "$here" -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DLANEGUARD_FUZZ=ON \
    -DLANEGUARD_SANITIZE=address,undefined -DLANEGUARD_STATIC=OFF "${launcher[@]}" >/dev/null
  cmake --build "$build_dir" -j "$jobs"
  # (grep reads all of nm's output: with -q it could stop early and pipefail would see nm's SIGPIPE)
  nm "$build_dir/laneguard" | grep __asan_init >/dev/null ||
    { echo "install.sh: $build_dir/laneguard is not sanitized" >&2; exit 3; }
  logs="$build_dir/sanitizer-reports"
  rm -rf "$logs" && mkdir -p "$logs" "$build_dir/bin"
  ln -sf "$build_dir/laneguard" "$build_dir/bin/laneguard"
  export PATH="$build_dir/bin:$PATH"
  # fast_unwind_on_malloc=0: full allocation stacks through libgit2 (built without frame pointers),
  # which the one suppression in tests/lsan.supp needs to recognise libgit2's leak.
  export ASAN_OPTIONS="detect_leaks=1:fast_unwind_on_malloc=0:abort_on_error=0:exitcode=86:log_path=$logs/asan"
  export LSAN_OPTIONS="suppressions=$here/tests/lsan.supp:print_suppressions=0:fast_unwind_on_malloc=0"
  export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:exitcode=87:log_path=$logs/ubsan"
  # The server's time budget for the e2e tests' hooks (tests/server_lib.sh): a sanitized hook runs
  # several times slower, and at the default 4.5 s a loaded 2-core machine rejected pushes "too large
  # to judge" in server_trust_test. The budget itself is tested in the plain suite and by the tests
  # that set laneguard.timeout.
  export LANEGUARD_TEST_HOOK_TIMEOUT=60
  say "running the test suite under the sanitizers"
  status=0
  # Every unit, fuzz and e2e test but one: deb_package_test packages the build with cpack and installs
  # it with dpkg; a .deb of the sanitized binary is nothing anyone ships, and cpack over build-san
  # ran past the test's 600 s limit (it runs in the plain suite of ./install.sh --test).
  ctest --test-dir "$build_dir" --output-on-failure -j "$jobs" -E '^e2e\.deb_package_test$' || status=$?
  if [ -n "$(ls -A "$logs")" ]; then
    echo "install.sh: sanitizer reports:" >&2
    for f in "$logs"/*; do echo "--- $f" >&2; cat "$f" >&2; done
    status=1
  fi
  exit "$status"
fi

say "building (Release) in $build_dir"
static_flag=()
[ "$static" = 1 ] && static_flag=(-DLANEGUARD_STATIC=ON)
cmake -S "$here" -B "$build_dir" -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX="$prefix" "${static_flag[@]}" "${launcher[@]}" >/dev/null
if [ "$bin_only" = 1 ]; then
  targets=(laneguard)
  [ "$static" = 1 ] && targets+=(laneguard-static)
  cmake --build "$build_dir" -j "$jobs" --target "${targets[@]}"
else
  cmake --build "$build_dir" -j "$jobs"
fi

if [ "$mode" = test ]; then
  say "running the test suite"
  ctest --test-dir "$build_dir" --output-on-failure -j "$jobs"
  exit $?
fi

say "installing into $prefix"
cmake --install "$build_dir" >/dev/null
bin="$prefix/bin/laneguard"
if [ "$static" = 1 ]; then
  say "the self-contained binary: $build_dir/static/laneguard (needs no shared library)"
  install -m 755 "$build_dir/static/laneguard" "$bin"
fi
"$bin" --version
[ "$bin_only" = 1 ] && exit 0

if [ -n "$server_repo" ]; then say "server hooks into $server_repo"; "$bin" install --server "$server_repo"; fi
if [ -n "$hooks_repo" ]; then say "local hooks into $hooks_repo"; (cd "$hooks_repo" && "$bin" install); fi

# The main job on the embedded default agreement: lint it, then judge this repository's history.
say "laneguard lint (the embedded default agreement)"
(cd "$here" && "$bin" lint)
say "laneguard check on this repository's history, under the embedded default agreement"
if git -C "$here" rev-parse --verify -q HEAD >/dev/null; then
  (cd "$here" && "$bin" check HEAD) && status=0 || status=$?
  [ "$status" -le 1 ] || exit "$status"
else
  say "(no history here to check)"
fi
case ":$PATH:" in *":$prefix/bin:"*) ;; *) say "add $prefix/bin to your PATH" ;; esac
