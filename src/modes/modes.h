// Each command is a small file (modes/NAME.cc) that wires an adapter to the evaluator and a
// report. main.cc only registers them.
#pragma once
#include <CLI/CLI.hpp>
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
void register_pre_commit(CLI::App& app, int& exit_code);
void register_commit_msg(CLI::App& app, int& exit_code);
void register_pre_push(CLI::App& app, int& exit_code);
void register_install(CLI::App& app, int& exit_code);
void register_ci(CLI::App& app, int& exit_code);
void register_rules(CLI::App& app, int& exit_code);

}  // namespace laneguard
