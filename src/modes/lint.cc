// `laneguard lint [FILE] [--format text|json] [--strict] [--quiet] [--color=WHEN]`: validate an
// agreement and print what a person should look at: the error that makes it invalid, or notes.
#include <unistd.h>

#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "agreement/agreement.h"
#include "git/worktree_agreement.h"
#include "modes/modes.h"
#include "report/output.h"
#include "util/error.h"

namespace laneguard {

namespace {

struct LintOptions {
  std::string file;
  std::string format = "text";
  bool strict = false;
  OutputOptions out;
};

std::string count(size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::string owners_of(const ProtectedArea& area) {
  std::string who;
  for (const auto& o : area.owners) who += (who.empty() ? "" : " and ") + o;
  return who;
}

Agreement load(const std::optional<std::string>& path, const LintOptions& opt) {
  if (!path) return load_default_agreement();
  return opt.file.empty() ? load_agreement_file(*path) : load_named_agreement(*path, "named on the command line");
}

nlohmann::json diagnostic(const char* severity, const std::string& file, int line, int column, const std::string& message) {
  nlohmann::json d{{"severity", severity}, {"file", file}, {"message", message}};
  if (line > 0) d["line"] = line;  // absent when the problem is the file itself (unreadable, too large)
  if (column > 0) d["column"] = column;
  return d;
}

// --format json: one document, {"file", "valid", "diagnostics": [{severity, file, line, column,
// message}], "stats", "builtin_areas"} (docs/reference.md).
int lint_json(const std::optional<std::string>& path, const LintOptions& opt) {
  nlohmann::json out;
  out["file"] = path ? *path : std::string("<embedded default>");
  out["diagnostics"] = nlohmann::json::array();
  Agreement a;
  try {
    a = load(path, opt);
  } catch (const AgreementError& e) {
    out["valid"] = false;
    out["diagnostics"].push_back(diagnostic("error", e.file, e.line, e.column, e.detail));
    std::cout << out.dump(2) << "\n";
    return e.exit_code;
  }
  auto notes = lint_notes(a);
  out["valid"] = true;
  for (const auto& n : notes) out["diagnostics"].push_back(diagnostic("note", a.source, n.pos.line, n.pos.column, n.message));
  std::size_t own_areas = 0;
  out["builtin_areas"] = nlohmann::json::array();
  for (const auto& area : a.areas) {
    if (area.builtin.empty()) {
      ++own_areas;
      continue;
    }
    out["builtin_areas"].push_back({{"name", area.name}, {"paths", nlohmann::json::array({area.paths.front().text()})},
                                    {"owners", area.owners}, {"why", area.builtin}});
  }
  out["stats"] = {{"people", a.people.size()}, {"lanes", a.lanes.size()}, {"areas", own_areas}, {"tiers", a.tiers.size()}};
  std::cout << out.dump(2) << "\n";
  return (opt.strict && !notes.empty()) ? kExitBlocked : kExitOk;
}

int lint_text(const std::optional<std::string>& path, const LintOptions& opt) {
  if (!path && !opt.out.quiet)
    std::cout << "no " << kAgreementFileName
              << " at the repository root: linting the embedded default agreement (`laneguard init` writes it)\n";
  Agreement a;
  try {
    a = load(path, opt);
  } catch (const AgreementError& e) {
    bool color = want_color(opt.out, STDERR_FILENO);
    std::string word = color ? "\033[1;31merror\033[0m: " : "error: ";
    std::cerr << AgreementError::format(e.file, e.line, e.column, word + e.detail) << "\n";
    return e.exit_code;
  }
  auto notes = lint_notes(a);
  bool color = want_color(opt.out, STDOUT_FILENO);
  if (!opt.out.quiet) {
    std::size_t own_areas = 0;
    for (const auto& area : a.areas) own_areas += area.builtin.empty() ? 1 : 0;
    std::cout << a.source << ": " << (color ? "\033[32mok\033[0m" : "ok") << " ("
              << count(a.people.size(), "person", "people") << ", " << count(a.lanes.size(), "lane", "lanes") << ", "
              << count(own_areas, "protected area", "protected areas")
              << (a.tiers.empty() ? "" : ", " + count(a.tiers.size(), "tier", "tiers")) << ")\n";
    for (const auto& area : a.areas)
      if (!area.builtin.empty())
        std::cout << "protected area \"" << area.name << "\" (" << area.paths.front().text() << ", approvals from "
                  << owners_of(area) << "): added by laneguard: " << area.builtin << "\n";
  }
  std::string word = color ? "\033[1;36mnote\033[0m: " : "note: ";
  for (const auto& n : notes) std::cout << AgreementError::format(a.source, n.pos.line, n.pos.column, word + n.message) << "\n";
  return (opt.strict && !notes.empty()) ? kExitBlocked : kExitOk;
}

}  // namespace

void register_lint(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand(
      "lint", "Validate an agreement (default: .laneguard.toml at the repository root, else the embedded default)");
  auto opt = std::make_shared<LintOptions>();
  cmd->add_option("FILE", opt->file, "The agreement file to check");
  cmd->add_flag("--strict", opt->strict, "Exit 1 when there are notes, not only on errors");
  cmd->add_option("--format", opt->format, "text, or json (one document: diagnostics with file, line and column)")
      ->capture_default_str();
  add_color_options(cmd, opt->out);
  add_quiet_option(cmd, opt->out, "only the error or the notes (nothing for a clean agreement)");
  cmd->callback([&exit_code, opt] {
    if (opt->format != "text" && opt->format != "json")
      throw UsageError("lint --format takes text or json, not '" + opt->format + "'");
    std::optional<std::string> path;
    if (!opt->file.empty()) path = opt->file;
    else if (auto found = worktree_agreement_path()) path = *found;
    exit_code = opt->format == "json" ? lint_json(path, *opt) : lint_text(path, *opt);
  });
}

}  // namespace laneguard
