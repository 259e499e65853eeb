// The output options several commands share, git's way: `--color[=WHEN]` / `--no-color` (WHEN:
// auto, always, never; decided by report/color.h from the flag, git's color.ui, NO_COLOR, TERM and
// whether the stream is a terminal) and `-q, --quiet`. An adapter: it reads git config and the
// environment.
#pragma once
#include <CLI/CLI.hpp>
#include <string>

namespace laneguard {

struct OutputOptions {
  std::string color;      // --color=WHEN as given ("" when absent; `--color` alone is "always")
  bool no_color = false;  // --no-color
  bool quiet = false;     // -q, --quiet
};

void add_color_options(CLI::App* cmd, OutputOptions& o);
// `what`: what --quiet keeps, for the help text ("only blocking findings", "only errors").
void add_quiet_option(CLI::App* cmd, OutputOptions& o, const std::string& what);

// Whether to colour what goes to `fd` (STDOUT_FILENO, STDERR_FILENO). Reads git's color.ui from the
// repository of the current directory (else the user's and system's git config) by asking git,
// so `git -c color.ui=...` passed down to a hook counts. A bad --color value: UsageError.
bool want_color(const OutputOptions& o, int fd);

}  // namespace laneguard
