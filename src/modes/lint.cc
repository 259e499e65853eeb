// `laneguard lint [FILE]`: validate an agreement and print what a person should look at.
#include <iostream>
#include <optional>
#include <string>

#include "agreement/agreement.h"
#include "git/worktree_agreement.h"
#include "modes/modes.h"
#include "util/error.h"

namespace laneguard {

namespace {

std::string count(size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

}  // namespace

void register_lint(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand(
      "lint", "Validate an agreement (default: .laneguard.toml at the repository root, else the embedded default)");
  auto file = std::make_shared<std::string>();
  auto strict = std::make_shared<bool>(false);
  cmd->add_option("FILE", *file, "The agreement file to check");
  cmd->add_flag("--strict", *strict, "Exit 1 when there are notes, not only on errors");
  cmd->callback([&exit_code, file, strict] {
    std::optional<std::string> path;
    if (!file->empty()) path = *file;
    else if (auto found = worktree_agreement_path()) path = *found;
    else
      std::cout << "no " << kAgreementFileName
                << " at the repository root: linting the embedded default agreement (`laneguard init` writes it)\n";
    Agreement a;
    try {
      a = path ? load_agreement_file(*path) : load_default_agreement();
    } catch (const AgreementError& e) {
      std::cerr << AgreementError::format(e.file, e.line, e.column, "error: " + e.detail) << "\n";
      exit_code = kExitUsage;
      return;
    }
    auto notes = lint_notes(a);
    std::size_t own_areas = 0;
    for (const auto& area : a.areas) own_areas += area.builtin.empty() ? 1 : 0;
    std::cout << a.source << ": ok (" << count(a.people.size(), "person", "people") << ", "
              << count(a.lanes.size(), "lane", "lanes") << ", "
              << count(own_areas, "protected area", "protected areas") << ")\n";
    for (const auto& area : a.areas)
      if (!area.builtin.empty())
        std::cout << "protected area \"" << area.name << "\" (" << area.paths.front().text() << ", approvals from "
                  << [&] {
                       std::string who;
                       for (const auto& o : area.owners) who += (who.empty() ? "" : " and ") + o;
                       return who;
                     }()
                  << "): added by laneguard: " << area.builtin << "\n";
    for (const auto& n : notes)
      std::cout << AgreementError::format(a.source, n.pos.line, n.pos.column, "note: " + n.message) << "\n";
    exit_code = (*strict && !notes.empty()) ? kExitBlocked : kExitOk;
  });
}

}  // namespace laneguard
