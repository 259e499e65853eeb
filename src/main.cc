// laneguard: enforce a team's working agreement at commit, push and pull-request time.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cerrno>
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

#include "git/handle.h"
#include "modes/modes.h"
#include "util/allocator.h"
#include "util/error.h"

namespace {

// `laneguard -C DIR ... COMMAND`: like git, each -C changes directory (relative to the previous
// one; an empty DIR changes nothing) before anything else runs. Returns false when a -C cannot
// be applied (the message is printed).
bool apply_directory_options(std::vector<std::string>& args) {
  size_t i = 1;
  while (i < args.size() && args[i] == "-C") {
    if (i + 1 >= args.size()) {
      std::cerr << "laneguard: -C needs a directory (laneguard -C DIR COMMAND ...)\n";
      return false;
    }
    const std::string& dir = args[i + 1];
    if (!dir.empty() && ::chdir(dir.c_str()) != 0) {
      std::cerr << "laneguard: cannot change to '" << dir << "': " << std::strerror(errno) << "\n";
      return false;
    }
    args.erase(args.begin() + static_cast<long>(i), args.begin() + static_cast<long>(i) + 2);
  }
  return true;
}

// `check` passes everything from `--` on to git rev-list (paths limit the commits); CLI11 would
// swallow the `--`, so it is cut off here.
std::vector<std::string> check_paths(std::vector<std::string>& args) {
  if (args.size() < 2 || args[1] != "check") return {};
  for (size_t i = 2; i < args.size(); ++i)
    if (args[i] == "--") {
      std::vector<std::string> tail(args.begin() + static_cast<long>(i), args.end());
      args.resize(i);
      return tail;
    }
  return {};
}

// Help text as git writes it: `--color[=WHEN]` (CLI11 would show the flag as `--color{always}`).
struct HelpFormatter : CLI::Formatter {
  std::string make_option_name(const CLI::Option* opt, bool positional) const override {
    if (!positional && opt->get_lnames() == std::vector<std::string>{"color"}) return "--color[=WHEN]";
    return CLI::Formatter::make_option_name(opt, positional);
  }
};

}  // namespace

int main(int argc, char** argv) {
  laneguard::bound_allocator_caches();
  laneguard::git::Library libgit2;
  std::vector<std::string> args(argv, argv + argc);
  if (!apply_directory_options(args)) return laneguard::kExitUsage;
  std::vector<std::string> check_tail = check_paths(args);
  CLI::App app{"laneguard: enforce the working agreement between the product and engineering lanes"};
  app.set_version_flag("--version", laneguard::version_text());
  app.name("laneguard");
  app.formatter(std::make_shared<HelpFormatter>());
  app.require_subcommand(1);
  app.footer("Global option (before COMMAND): -C DIR  run as if started in DIR (like git -C)");
  int exit_code = 0;
  laneguard::register_check(app, exit_code, check_tail);
  laneguard::register_lint(app, exit_code);
  laneguard::register_explain(app, exit_code);
  laneguard::register_init(app, exit_code);
  laneguard::register_pre_receive(app, exit_code);
  laneguard::register_post_receive(app, exit_code);
  laneguard::register_reconcile(app, exit_code);
  laneguard::register_pre_commit(app, exit_code);
  laneguard::register_commit_msg(app, exit_code);
  laneguard::register_pre_push(app, exit_code);
  laneguard::register_install(app, exit_code);
  laneguard::register_ci(app, exit_code);
  laneguard::register_report(app, exit_code);
  laneguard::register_rules(app, exit_code);
  laneguard::register_approve(app, exit_code);
  laneguard::register_help(app, exit_code);
  if (auto rc = laneguard::reject_unknown_command(app, args)) return *rc;
  try {
    std::vector<std::string> reversed(args.rbegin(), args.rend() - 1);  // CLI11 takes them reversed, without argv[0]
    app.parse(reversed);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? 0 : laneguard::kExitUsage;
  } catch (const laneguard::Error& e) {
    std::cerr << "laneguard: " << e.what() << "\n";
    return e.exit_code;
  } catch (const std::exception& e) {
    std::cerr << "laneguard: internal error: " << e.what() << "\n";
    return laneguard::kExitGit;
  }
  return exit_code;
}
