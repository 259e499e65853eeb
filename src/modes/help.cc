// `laneguard help [COMMAND]` and `laneguard version`, the version text (`--version` prints the same),
// and the answer to a command that does not exist: "unknown command 'bogus'" rather than CLI11's
// "A subcommand is required".
#include <git2.h>

#include <iostream>
#include <string>

#include "modes/modes.h"
#include "util/error.h"

namespace laneguard {

const char* build_commit();  // generated at build time (build/generated/build_info.cc)

std::string version_text() {
  int major = 0, minor = 0, rev = 0;
  git_libgit2_version(&major, &minor, &rev);
  return std::string("laneguard ") + LANEGUARD_VERSION + " (commit " + build_commit() + ", libgit2 " +
         std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(rev) + ")";
}

void register_help(CLI::App& app, int& exit_code) {
  CLI::App* help = app.add_subcommand("help", "Show the commands, or one command's options: laneguard help COMMAND");
  auto topic = std::make_shared<std::string>();
  help->add_option("command", *topic, "The command to explain");
  help->callback([&app, &exit_code, topic] {
    if (topic->empty()) {
      // app.help() would describe the selected subcommand (help itself): ask the formatter.
      std::cout << app.get_formatter()->make_help(&app, "laneguard", CLI::AppFormatMode::Normal);
      return;
    }
    for (const CLI::App* sub : app.get_subcommands({})) {
      if (sub->get_name() == *topic) {
        std::cout << sub->help("laneguard");
        return;
      }
    }
    std::cerr << "laneguard: unknown command '" << *topic << "'\nhint: `laneguard help` lists the commands\n";
    exit_code = kExitUsage;
  });
  CLI::App* version = app.add_subcommand("version", "Show the version, the commit it was built from and libgit2's version");
  version->callback([] { std::cout << version_text() << "\n"; });
}

std::optional<int> reject_unknown_command(const CLI::App& app, const std::vector<std::string>& args) {
  for (std::size_t i = 1; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg.empty() || arg[0] == '-') continue;  // options before the command (--version, --help)
    for (const CLI::App* sub : app.get_subcommands({}))
      if (sub->get_name() == arg) return std::nullopt;
    std::cerr << "laneguard: unknown command '" << arg << "'\nhint: `laneguard help` lists the commands\n";
    return kExitUsage;
  }
  return std::nullopt;
}

}  // namespace laneguard
