// husky: laneguard's hooks as a marked block in husky's own scripts, .husky/HOOK. husky 9 points
// core.hooksPath at .husky/_ and rewrites everything in it on every `husky` run (npm's `prepare`),
// so a hook installed there is lost; .husky/HOOK is the user's, which .husky/_/HOOK runs (`sh -e`,
// the hook's arguments and stdin) and husky never rewrites.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "install/git_hooks.h"

namespace laneguard::install {

// The shell lines for one hook: the binary recorded in `git config laneguard.binary` (LANEGUARD_BIN
// in the environment wins; else `laneguard` on PATH), skipped with a note when there is none; its
// failure stops the hook. pre-push buffers git's ref lines and gives the rest of the script the same.
std::string husky_lines(const HookKind& kind);

// `script` with laneguard's block for `kind`: replaced where it is, else first (after a `#!` line
// and husky 4-8's `. .../husky.sh` line), so that the rest of the script runs after laneguard.
std::string with_husky_block(std::string_view script, const HookKind& kind, std::string_view file);

// Writes the block into HUSKY_DIR/HOOK for each kind (a missing script is created: `#!/bin/sh` and
// the block, executable); uninstall removes the block, and the script when nothing else is left.
std::vector<InstallStep> install_husky(const std::string& husky_dir, const std::vector<HookKind>& kinds);
std::vector<InstallStep> uninstall_husky(const std::string& husky_dir, const std::vector<HookKind>& kinds);

}  // namespace laneguard::install
