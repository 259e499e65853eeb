// laneguard: enforce a team's working agreement at commit, push and pull-request time.
#include <CLI/CLI.hpp>
#include <iostream>

#include "git/handle.h"
#include "modes/modes.h"
#include "util/error.h"

int main(int argc, char** argv) {
  laneguard::git::Library libgit2;
  CLI::App app{"laneguard: enforce the working agreement between the product and engineering lanes"};
  app.set_version_flag("--version", std::string("laneguard ") + LANEGUARD_VERSION);
  app.require_subcommand(1);
  int exit_code = 0;
  laneguard::register_check(app, exit_code);
  laneguard::register_lint(app, exit_code);
  laneguard::register_explain(app, exit_code);
  laneguard::register_init(app, exit_code);
  laneguard::register_pre_receive(app, exit_code);
  laneguard::register_post_receive(app, exit_code);
  laneguard::register_pre_commit(app, exit_code);
  laneguard::register_commit_msg(app, exit_code);
  laneguard::register_pre_push(app, exit_code);
  laneguard::register_install(app, exit_code);
  laneguard::register_ci(app, exit_code);
  try {
    app.parse(argc, argv);
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
