#include "server/introducer_store.h"

#include <string_view>

#include "server/append_file.h"
#include "util/error.h"

namespace laneguard::server {
namespace {

// Pushers are hosting account names; keep a line one line and three fields whatever they hold.
std::string sanitize(std::string_view pusher) {
  std::string out;
  for (char c : pusher) out += (c == ' ' || c == '\n' || c == '\r' || c == '\t') ? '_' : c;
  return out.empty() ? "-" : out;
}

}  // namespace

std::string IntroducerStore::default_path(const std::string& git_dir) {
  return resolve_against(git_dir, "laneguard/introducers");
}

std::unordered_map<std::string, std::string> IntroducerStore::lookup(
    const std::unordered_set<std::string>& ids) const {
  std::unordered_map<std::string, std::string> found;
  if (ids.empty()) return found;
  std::string text = read_locked(path_);
  std::string_view rest(text);
  while (!rest.empty()) {
    std::size_t nl = rest.find('\n');
    if (nl == std::string_view::npos) break;  // an incomplete last line is not a record
    std::string_view line = rest.substr(0, nl);
    rest.remove_prefix(nl + 1);
    std::size_t sp = line.find(' ');
    if (sp == std::string_view::npos) continue;
    std::string id(line.substr(0, sp));
    if (!ids.count(id) || found.count(id)) continue;  // the first record wins
    std::string_view who = line.substr(sp + 1);
    who = who.substr(0, who.find(' '));
    found.emplace(std::move(id), std::string(who));
  }
  return found;
}

std::size_t IntroducerStore::record(const std::vector<std::string>& ids, const std::string& pusher,
                                    std::time_t when) const {
  std::unordered_set<std::string> wanted(ids.begin(), ids.end());
  auto known = lookup(wanted);
  std::string who = sanitize(pusher);
  std::string text;
  std::size_t n = 0;
  std::unordered_set<std::string> written;
  for (const auto& id : ids) {
    if (known.count(id) || !written.insert(id).second) continue;
    text += id + " " + who + " " + std::to_string(static_cast<long long>(when)) + "\n";
    ++n;
  }
  if (!text.empty()) append_durably(path_, text);
  return n;
}

}  // namespace laneguard::server
