// lefthook: laneguard's commands in lefthook's local config (lefthook-local.yml, merged over
// lefthook.yml by lefthook and meant to stay out of git), then `lefthook install`, which writes the
// hooks lefthook runs them from. lefthook regenerates those hooks from its config, so a hook laneguard
// wrote there itself would be lost.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "install/git_hooks.h"

namespace laneguard::install {

// The `laneguard:` command for one hook, as YAML lines at indentation 0: the binary recorded in
// `git config laneguard.binary` (LANEGUARD_BIN wins; else `laneguard` on PATH), with lefthook's `{1}`
// `{2}` for the hook's arguments, and git's stdin for pre-push.
std::string lefthook_command(const HookKind& kind);

// `yaml` with laneguard's command for each kind, each in its own marked block: replaced where it is,
// else under the hook's `commands:` (added when the hook has none), else a new top-level hook key.
// A config whose hook key this line-based edit cannot follow (a flow mapping, an anchor or alias on
// it): UsageError with the lines to add by hand.
std::string with_lefthook_commands(std::string_view yaml, const std::vector<HookKind>& kinds, std::string_view file);
std::string without_lefthook_commands(std::string_view yaml, const std::vector<HookKind>& kinds, std::string_view file);

// The local config in the working tree's root `top`: an existing lefthook-local.{yml,yaml} (dotted or
// not), else .lefthook-local.yml beside a dotted .lefthook.* config, else lefthook-local.yml. A local
// config in another format (toml, json): UsageError with the lines to add.
std::string lefthook_local_config(const std::string& top, const std::vector<HookKind>& kinds);

struct LefthookResult {
  std::vector<InstallStep> steps;
  std::vector<std::string> notes;  // for a person: what lefthook did, or what to run
};

// Writes (or cleans) the local config, then runs `lefthook install` in `top` (node_modules/.bin/lefthook,
// else lefthook on PATH); without lefthook, says what to run. lefthook failing: GitError.
LefthookResult install_lefthook(const std::string& top, const std::vector<HookKind>& kinds);
LefthookResult uninstall_lefthook(const std::string& top, const std::vector<HookKind>& kinds);

}  // namespace laneguard::install
