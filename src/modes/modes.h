// Each command is a small file (modes/NAME.cc) that wires an adapter to the evaluator and a
// report. main.cc only registers them.
#pragma once
#include <CLI/CLI.hpp>
#include <optional>
#include <string>
#include <vector>

namespace laneguard {

// Each registers a CLI11 subcommand whose callback sets `exit_code` (SPEC section 5 statuses).
// `check`: `after_dashdash` is the command line from `--` on (paths for git rev-list), cut off by
// main.cc because CLI11 does not keep it.
void register_check(CLI::App& app, int& exit_code, std::vector<std::string> after_dashdash);
void register_lint(CLI::App& app, int& exit_code);
void register_explain(CLI::App& app, int& exit_code);
void register_init(CLI::App& app, int& exit_code);
void register_pre_receive(CLI::App& app, int& exit_code);
void register_post_receive(CLI::App& app, int& exit_code);
void register_reconcile(CLI::App& app, int& exit_code);  // settle pending pushes (server)
void register_pre_commit(CLI::App& app, int& exit_code);
void register_commit_msg(CLI::App& app, int& exit_code);
void register_pre_push(CLI::App& app, int& exit_code);
void register_install(CLI::App& app, int& exit_code);
void register_ci(CLI::App& app, int& exit_code);
void register_report(CLI::App& app, int& exit_code);  // the agreement's effect as HTML or JSON
void register_rules(CLI::App& app, int& exit_code);
void register_approve(CLI::App& app, int& exit_code);
void register_help(CLI::App& app, int& exit_code);  // help [COMMAND], version (modes/help.cc)

// "laneguard X.Y.Z (commit C, libgit2 A.B.C)": what --version and `laneguard version` print.
std::string version_text();
// When the first word on the command line names no command: says so and returns exit status 2.
std::optional<int> reject_unknown_command(const CLI::App& app, const std::vector<std::string>& args);

}  // namespace laneguard
