#include "report/output.h"

#include <git2.h>
#include <unistd.h>

#include <cstdlib>
#include <optional>

#include "git/git_process.h"
#include "git/handle.h"
#include "report/color.h"
#include "util/error.h"

namespace laneguard {
namespace {

std::optional<std::string> env(const char* name) {
  const char* v = std::getenv(name);
  return v ? std::optional<std::string>(v) : std::nullopt;
}

// libgit2's reading of git's configuration (the repository's, ~/.gitconfig, /etc/gitconfig).
std::optional<std::string> color_ui_from_libgit2() {
  git_config* raw = nullptr;
  git_repository* repo = nullptr;
  if (git_repository_open_ext(&repo, ".", GIT_REPOSITORY_OPEN_FROM_ENV, nullptr) == 0) {
    git::RepositoryPtr owned(repo);
    if (git_repository_config_snapshot(&raw, repo) != 0) raw = nullptr;
  }
  if (!raw) {
    git_config* defaults = nullptr;
    if (git_config_open_default(&defaults) == 0) {
      git::ConfigPtr owned(defaults);
      if (git_config_snapshot(&raw, defaults) != 0) raw = nullptr;
    }
  }
  git_error_clear();
  if (!raw) return std::nullopt;
  git::ConfigPtr config(raw);
  const char* value = nullptr;
  std::optional<std::string> out;
  if (git_config_get_string(&value, config.get(), "color.ui") == 0) out = value ? value : "";
  git_error_clear();
  return out;
}

// color.ui as git itself reads it: `git -c color.ui=...` passed down to a hook
// (GIT_CONFIG_PARAMETERS), GIT_CONFIG_COUNT/KEY_n/VALUE_n, GIT_CONFIG_GLOBAL, GIT_CONFIG_NOSYSTEM,
// includes: libgit2 1.5 reads none of those environment variables, so git is asked (about a
// millisecond, and only when the output may be coloured). Without git: libgit2's reading.
std::optional<std::string> color_ui() {
  try {
    git::GitProcess git({"config", "--get", "color.ui"});
    std::string line, value;
    bool got = git.next_line(value);
    while (git.next_line(line)) {
    }
    int status = git.wait();
    if (status == 0 && got) return value;
    if (status == 1) return std::nullopt;  // not set
  } catch (const Error&) {
  }
  return color_ui_from_libgit2();
}

}  // namespace

void add_color_options(CLI::App* cmd, OutputOptions& o) {
  cmd->add_flag("--color{always}", o.color, "Colour: --color=auto|always|never (alone: always); default git's color.ui, "
                                            "else auto (a terminal, NO_COLOR unset)");
  cmd->add_flag("--no-color", o.no_color, "No colour (same as --color=never)");
}

void add_quiet_option(CLI::App* cmd, OutputOptions& o, const std::string& what) {
  cmd->add_flag("-q,--quiet", o.quiet, "Quiet: print " + what);
}

bool want_color(const OutputOptions& o, int fd) {
  ColorFacts facts;
  if (o.no_color) {
    facts.flag = ColorWhen::never;
  } else if (!o.color.empty()) {
    facts.flag = parse_color_flag(o.color);
    if (!facts.flag) throw UsageError("--color takes auto, always or never, not '" + o.color + "'");
  }
  if (!facts.flag) facts.color_ui = color_ui();
  facts.no_color = env("NO_COLOR");
  facts.term = env("TERM");
  facts.terminal = ::isatty(fd) == 1;
  return decide_color(facts);
}

}  // namespace laneguard
