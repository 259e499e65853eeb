// Which tool owns a repository's hooks: none (laneguard installs plain git hooks), husky, lefthook
// or the pre-commit framework. Each of the three rewrites the hooks git runs, so laneguard
// integrates the way that tool expects instead (install/husky.h, install/lefthook.h,
// install/pre_commit_framework.h).
#pragma once
#include <string>
#include <string_view>

namespace laneguard::install {

enum class Manager { kAuto, kNone, kHusky, kLefthook, kPreCommit };

// "auto", "none", "husky", "lefthook", "pre-commit"; anything else: UsageError.
Manager parse_manager(std::string_view name);
std::string manager_name(Manager m);

struct Detection {
  Manager manager = Manager::kNone;
  std::string why;        // for a person: "core.hooksPath is husky's .husky/_"
  std::string husky_dir;  // husky: the directory of the user's scripts (.husky)
  bool active = false;    // husky: git runs husky's hooks already (core.hooksPath points at them)
};

// What owns the hooks in the working tree `top` whose hooks git runs from `hooks_dir`: first what the
// hooks there are (written by pre-commit, husky's core.hooksPath, written by lefthook), then the
// tools' configs in `top` (.pre-commit-config.yaml, lefthook.yml and its kin, a .husky directory).
Detection detect_manager(const std::string& top, const std::string& hooks_dir);

// `forced` (not kAuto) with what detection knows about it (husky's directory, whether it is active).
Detection forced_manager(Manager forced, const std::string& top, const std::string& hooks_dir);

}  // namespace laneguard::install
