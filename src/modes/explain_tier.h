// What `laneguard explain PATH` says about the tier a path is in (agreement/tiers.h): its review,
// its definition of done item by item, and its size limits.
#pragma once
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>

#include "agreement/agreement.h"

namespace laneguard {

void explain_tier_text(std::ostream& out, const Agreement& agreement, const std::string& path);
// null when the path is in no tier.
nlohmann::json explain_tier_json(const Agreement& agreement, const std::string& path);

}  // namespace laneguard
