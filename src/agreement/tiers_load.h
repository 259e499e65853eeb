// Reading the `[[tier]]` tables of the agreement (agreement/tiers.h), called by the agreement loader
// after the lanes are read. Every error is an AgreementError at file:line:col.
#pragma once
#include <toml++/toml.h>

#include <string>

#include "agreement/agreement.h"

namespace laneguard {

// `node` is the root's "tier" entry (nullptr when the file has none).
void load_tiers(const toml::node* node, Agreement& agreement, const std::string& source);

}  // namespace laneguard
