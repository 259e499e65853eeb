#include "server/ref_update.h"

#include <sstream>

#include "util/error.h"

namespace laneguard::server {
namespace {

bool is_hex_id(const std::string& s) {
  if (s.size() != 40 && s.size() != 64) return false;
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

}  // namespace

bool is_zero_id(const std::string& id) { return !id.empty() && id.find_first_not_of('0') == std::string::npos; }

bool RefUpdate::creates() const { return is_zero_id(old_id); }
bool RefUpdate::deletes() const { return is_zero_id(new_id); }

std::optional<std::string> RefUpdate::branch() const {
  static const std::string kPrefix = "refs/heads/";
  if (ref.compare(0, kPrefix.size(), kPrefix) != 0 || ref.size() == kPrefix.size()) return std::nullopt;
  return ref.substr(kPrefix.size());
}

std::vector<RefUpdate> parse_ref_updates(std::istream& in) {
  std::vector<RefUpdate> out;
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    std::istringstream fields(line);
    RefUpdate u;
    std::string extra;
    if (!(fields >> u.old_id >> u.new_id >> u.ref) || (fields >> extra) || !is_hex_id(u.old_id) ||
        !is_hex_id(u.new_id))
      throw UsageError("stdin line " + std::to_string(number) +
                       ": expected \"<old id> <new id> <ref>\", got \"" + line + "\"");
    // Both ids zero would be a creation and a deletion at once: git never sends it, and a gate that
    // took it for either would judge nothing. Refuse it (the push is rejected) rather than guess.
    if (u.creates() && u.deletes())
      throw UsageError("stdin line " + std::to_string(number) + ": both ids are zero in \"" + line +
                       "\" (an update creates a ref or deletes it, never both; git does not send this)");
    out.push_back(std::move(u));
  }
  return out;
}

}  // namespace laneguard::server
