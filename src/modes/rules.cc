// laneguard rules [RULE...]: every rule id, what it means and how to get a change through.
#include <iostream>

#include "modes/modes.h"
#include "report/rule_catalog.h"
#include "util/error.h"

namespace laneguard {
namespace {

void print(const RuleInfo& r) {
  std::cout << r.id << "\n  " << r.short_description << "\n  when: " << r.full_description << "\n  fix: " << r.help
            << "\n\n";
}

int run_rules(const std::vector<std::string>& ids) {
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
  cmd->add_option("rule", *ids, "Show only these rules");
  cmd->callback([ids, &exit_code] { exit_code = run_rules(*ids); });
}

}  // namespace laneguard
