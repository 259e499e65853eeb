// What each rule means, for reports that describe their rules (SARIF's rules[], Markdown's hints).
#pragma once
#include <string>
#include <vector>

namespace laneguard {

struct RuleInfo {
  std::string id;
  std::string name;               // PascalCase, as SARIF tools show it
  std::string short_description;  // one sentence
  std::string full_description;   // when it fires
  std::string help;               // how to get a change through
};

// Every rule laneguard reports (SPEC section 3, plus ci's stale-approval). An unknown id gets a
// generic entry so every finding can be described.
const std::vector<RuleInfo>& rule_catalog();
RuleInfo rule_info(const std::string& id);

}  // namespace laneguard
