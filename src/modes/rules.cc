// laneguard rules [RULE...] [--format text|json]: every rule id, what it means and how to get a
// change through (the text SARIF carries); json for editors and CI annotations.
#include <algorithm>
#include <iostream>
#include <nlohmann/json.hpp>

#include "modes/modes.h"
#include "report/rule_catalog.h"
#include "util/error.h"

namespace laneguard {
namespace {

void print(const RuleInfo& r) {
  std::cout << r.id << "\n  " << r.short_description << "\n  when: " << r.full_description << "\n  fix: " << r.help
            << "\n\n";
}

int run_rules(const std::vector<std::string>& ids, const std::string& format) {
  if (format == "json") {
    nlohmann::json out = nlohmann::json::array();
    for (const RuleInfo& r : rule_catalog())
      if (ids.empty() || std::find(ids.begin(), ids.end(), r.id) != ids.end())
        out.push_back({{"id", r.id}, {"name", r.name}, {"summary", r.short_description},
                       {"description", r.full_description}, {"help", r.help}});
    std::cout << out.dump(2) << "\n";
    return out.size() >= ids.size() ? kExitOk : kExitUsage;
  }
  if (ids.empty()) {
    for (const RuleInfo& r : rule_catalog()) print(r);
    return kExitOk;
  }
  int status = kExitOk;
  for (const std::string& id : ids) {
    bool known = false;
    for (const RuleInfo& r : rule_catalog())
      if (r.id == id) {
        print(r);
        known = true;
      }
    if (!known) {
      std::cerr << "laneguard rules: unknown rule '" << id << "' (laneguard rules lists them all)\n";
      status = kExitUsage;
    }
  }
  return status;
}

}  // namespace

void register_rules(CLI::App& app, int& exit_code) {
  auto ids = std::make_shared<std::vector<std::string>>();
  CLI::App* cmd = app.add_subcommand("rules", "Every rule id, what it means and how to get a change through");
  auto format = std::make_shared<std::string>("text");
  cmd->add_option("rule", *ids, "Show only these rules");
  cmd->add_option("--format", *format, "text or json")->check(CLI::IsMember({"text", "json"}));
  cmd->callback([ids, format, &exit_code] { exit_code = run_rules(*ids, *format); });
}

}  // namespace laneguard
