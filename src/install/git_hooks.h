// Installing laneguard's git hooks without clobbering anyone's: a hook already in place is moved to
// HOOK.laneguard-chained and the installed hook runs it first, with the same arguments and the same
// stdin, stopping on its failure. Idempotent; uninstalling restores the original. A HOOK.laneguard-chained
// left beside a hook that something rewrote since (a hook manager) does not stop a reinstall: the
// hook there now is chained, the stale copy dropped when identical, else kept as .old and said.
#pragma once
#include <functional>
#include <string>
#include <string_view>
#include <vector>


namespace laneguard::install {

struct HookKind {
  std::string name;          // "pre-commit"
  bool reads_stdin = false;  // pre-push, pre-receive, post-receive: buffered and replayed to both
  bool can_stop = true;      // post-receive cannot stop anything: a chained failure is reported only
  bool server = false;       // pre-receive, post-receive: the binary's path is fixed (kFixedBinLine)
};

std::vector<HookKind> local_hooks();   // pre-commit, commit-msg, pre-push
std::vector<HookKind> server_hooks();  // pre-receive, post-receive

inline constexpr const char* kChainedSuffix = ".laneguard-chained";
// Every local laneguard shim carries this line; the installer writes the binary's path into it, and
// LANEGUARD_BIN in the environment still wins (a developer's own choice on her own machine).
inline constexpr std::string_view kBinLine = "LANEGUARD_BIN=${LANEGUARD_BIN:-laneguard}";
// A server shim carries this line instead: the path is fixed, never read from the environment, which
// on a server over ssh can be the pusher's (`SetEnv`, `AcceptEnv`).
inline constexpr std::string_view kFixedBinLine = "LANEGUARD_BIN=laneguard";

// True when a hook file is laneguard's (an installed hook or a shim copied by hand).
bool is_laneguard_hook(std::string_view content);

// The hook to install: the shim with `binary` written into its LANEGUARD_BIN line and the chaining
// preamble after its first line. Throws GitError when the shim has no LANEGUARD_BIN line.
std::string render_hook(std::string_view shim, const HookKind& kind, const std::string& binary);

// The shim for a hook: hooks/NAME from $LANEGUARD_HOOKS_DIR, beside the binary's installation
// (../share/laneguard/hooks, ../hooks), else the built-in one.
std::string shim_for(const HookKind& kind, const std::string& binary);

struct InstallStep {
  std::string hook;  // path of the hook file
  std::string what;  // for a person: "installed", "unchanged", "installed; the previous hook runs first (...)"
};

std::vector<InstallStep> install_hooks(const std::string& dir, const std::vector<HookKind>& kinds,
                                       const std::string& binary,
                                       const std::function<std::string(const HookKind&)>& shim = {});
std::vector<InstallStep> uninstall_hooks(const std::string& dir, const std::vector<HookKind>& kinds);

// Before a hook manager runs laneguard instead: laneguard's own hooks in `dir` are uninstalled (the
// chained hook moved back), and a stale HOOK.laneguard-chained beside a hook rewritten since is
// dropped when identical, else kept as .old; a chained hook whose hook is gone is moved back. Steps
// only for what changed.
std::vector<InstallStep> release_hooks(const std::string& dir, const std::vector<HookKind>& kinds);

// The running binary's absolute path (/proc/self/exe).
std::string running_binary();

}  // namespace laneguard::install
