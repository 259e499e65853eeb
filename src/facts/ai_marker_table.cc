#include "facts/ai_marker_table.h"

#include <stdexcept>

#include "util/text.h"

namespace laneguard {
namespace {

struct KindName {
  std::string_view name;
  MarkerKind kind;
};
constexpr KindName kKinds[] = {
    {"email", MarkerKind::email},           {"email_suffix", MarkerKind::email_suffix},
    {"name_suffix", MarkerKind::name_suffix}, {"username", MarkerKind::username},
    {"footer", MarkerKind::footer},         {"subject_prefix", MarkerKind::subject_prefix},
    {"trailer_key", MarkerKind::trailer_key}, {"tool_name", MarkerKind::tool_name},
    {"branch_prefix", MarkerKind::branch_prefix}, {"reviewer", MarkerKind::reviewer},
};

// The columns of one line, split at " | ". The value keeps a leading space when it has two (the
// name suffix " (aider)" is written `|  (aider)`): only one space of the separator is taken.
std::vector<std::string> columns_of(std::string_view line) {
  std::vector<std::string> out;
  while (true) {
    std::size_t bar = line.find(" | ");
    std::string_view col = line.substr(0, bar);
    out.emplace_back(col);
    if (bar == std::string_view::npos) break;
    line.remove_prefix(bar + 3);
  }
  return out;
}

std::string trim_right(std::string s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.pop_back();
  return s;
}
std::string trim_left(std::string s) {
  std::size_t i = 0;
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
  return s.substr(i);
}

}  // namespace

std::vector<MarkerEntry> parse_marker_table(std::string_view text) {
  std::vector<MarkerEntry> out;
  int number = 0;
  while (!text.empty()) {
    std::size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
    ++number;
    std::string_view t = trim(line);
    if (t.empty() || t.front() == '#') continue;
    std::vector<std::string> cols = columns_of(line);
    auto fail = [&](const std::string& why) {
      throw std::runtime_error("data/ai-markers.txt:" + std::to_string(number) + ": " + why);
    };
    if (cols.size() != 4) fail("expected `KIND | VALUE | TOOL | SOURCE`, found " + std::to_string(cols.size()) + " columns");
    MarkerEntry e;
    e.line = number;
    std::string kind = trim_right(cols[0]);
    bool known = false;
    for (const KindName& k : kKinds)
      if (k.name == kind) e.kind = k.kind, known = true;
    if (!known) fail("unknown kind `" + kind + "`");
    // The value: as written between the separators, less trailing padding; a name suffix keeps
    // its leading space (" (aider)").
    e.value = trim_right(cols[1]);
    if (e.kind != MarkerKind::name_suffix) e.value = trim_left(e.value);
    e.tool = trim_left(trim_right(cols[2]));
    if (e.tool == "-") e.tool.clear();
    e.source = trim_left(trim_right(cols[3]));
    if (trim(e.value).empty()) fail("empty value");
    if (e.source.empty()) fail("no source: say where the form was seen");
    if (e.tool.empty() && e.kind != MarkerKind::reviewer && e.kind != MarkerKind::tool_name)
      fail("no tool: a marker names the tool a label would name");
    out.push_back(std::move(e));
  }
  return out;
}

const std::vector<MarkerEntry>& builtin_markers() {
  static const std::vector<MarkerEntry> table = parse_marker_table(embedded_ai_markers());
  return table;
}

}  // namespace laneguard
