// The pre-commit framework (pre-commit.com): `pre-commit install` writes the hooks from
// .pre-commit-config.yaml and replaces what is there, so laneguard writes no hook and does not edit
// the user's config either; it prints the `repo: local` entry to add.
#pragma once
#include <string>
#include <string_view>

namespace laneguard::install {

// True when the config already has one of laneguard's hooks (`id: laneguard...`).
bool pre_commit_config_has_laneguard(std::string_view config);

// The installed framework's version ("3.0.4", from `pre-commit --version`), empty when there is none.
std::string pre_commit_version();

// The entry for `repos:` (YAML lines at indentation 2): laneguard's three hooks, language: system,
// with the stage names `version` knows (before 3.2: commit, push; empty: today's names).
std::string pre_commit_local_entry(const std::string& version);

// The command that installs the framework's hooks for laneguard's three hook types.
inline constexpr const char* kPreCommitInstall =
    "pre-commit install --hook-type pre-commit --hook-type commit-msg --hook-type pre-push";

}  // namespace laneguard::install
