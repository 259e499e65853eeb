// AI markers (SPEC section 2): what AI tools leave on a commit and a pull request, from the built-in
// table (data/ai-markers.txt, facts/ai_marker_table.h), extended by the agreement's [ai]
// marker_emails / marker_names / marker_text.
//
// Only the forms the tools write count: their identities, their footer lines, their subject
// prefix and their trailers. A person who mentions Claude in prose, or GitHub's web-flow
// committer `GitHub <noreply@github.com>`, is not a marker.
#include "facts/ai_markers.h"

#include <algorithm>
#include <unordered_set>

#include "agreement/agreement.h"
#include "facts/ai_marker_table.h"
#include "facts/trailers.h"

namespace laneguard {
namespace {

bool ends_with_ci(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && iequals(s.substr(s.size() - suffix.size()), suffix);
}

bool starts_with_ci(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && iequals(s.substr(0, prefix.size()), prefix);
}

bool contains_ci(std::string_view haystack, std::string_view needle) {
  return !needle.empty() && lower(haystack).find(lower(needle)) != std::string::npos;
}

bool identity_matches(const MarkerEntry& m, const Identity& who) {
  switch (m.kind) {
    case MarkerKind::email: return !who.email.empty() && iequals(who.email, m.value);
    case MarkerKind::email_suffix: return ends_with_ci(who.email, m.value);
    case MarkerKind::name_suffix: return ends_with_ci(who.name, m.value);
    case MarkerKind::username: return !who.username.empty() && iequals(who.username, m.value);
    default: return false;
  }
}

// The built-in marker an identity matches, or nullptr.
const MarkerEntry* identity_marker(const Identity& who) {
  for (const MarkerEntry& m : builtin_markers())
    if (identity_matches(m, who)) return &m;
  return nullptr;
}

// A footer line: the phrase starts the line once leading decoration is skipped (spaces, an
// emoji or other non-ASCII symbol, a list bullet), so prose that mentions it mid-sentence
// does not count.
bool footer_line_starts_with(std::string_view line, std::string_view phrase) {
  std::size_t i = 0;
  while (i < line.size()) {
    auto c = static_cast<unsigned char>(line[i]);
    if (c == ' ' || c == '\t' || c >= 0x80 || c == '-' || c == '*' || c == '>') {
      ++i;
      continue;
    }
    break;
  }
  return starts_with_ci(line.substr(i), phrase);
}

std::vector<std::string_view> lines_of(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    std::size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    if (nl == std::string_view::npos) break;
    text.remove_prefix(nl + 1);
  }
  return lines;
}

// The evidence found, each once, in the order found (a set beside the list: 40,000 identical
// co-author trailers must not cost 40,000 list scans each).
struct Found {
  std::vector<AiEvidence> list;
  std::unordered_set<std::string> seen;
};
void add_once(Found& out, std::string source, std::string text, std::string tool, std::string model = {}) {
  if (!out.seen.insert(text).second) return;
  AiEvidence e;
  e.source = std::move(source);
  e.text = std::move(text);
  e.tool = std::move(tool);
  e.model = std::move(model);
  out.list.push_back(std::move(e));
}

// The model an AI identity's name gives: "Claude Opus 4.5" -> "opus-4.5", "aider (gpt-4o)" ->
// "gpt-4o"; "Claude", "Jane (aider)", "claude[bot]" -> "".
std::string model_in_name(const std::string& name, const std::string& tool) {
  std::string model;
  if (auto open = name.find('('); open != std::string::npos) {
    auto close = name.find(')', open);
    model = name.substr(open + 1, close == std::string::npos ? std::string::npos : close - open - 1);
    if (iequals(model, tool)) model.clear();  // "Pat (aider)": aider wrote as Pat
  } else if (starts_with_ci(name, tool + " ")) {
    model = name.substr(tool.size() + 1);
  }
  model = lower(trim(model));
  for (char& c : model)
    if (c == ' ') c = '-';
  return model;
}

}  // namespace

bool is_ai_identity(const Identity& identity, const AiSettings& settings) {
  if (identity_marker(identity)) return true;
  for (const std::string& email : settings.marker_emails)
    if (!identity.email.empty() && iequals(identity.email, email)) return true;
  for (const std::string& name : settings.marker_names)
    if (contains_ci(identity.name, name)) return true;
  return false;
}

std::string ai_tool_of(const Identity& identity) {
  const MarkerEntry* m = identity_marker(identity);
  return m ? m->tool : std::string();
}

bool is_ai_approver(const Identity& identity, const AiSettings& settings) {
  // AI reviewers: they review pull requests and never author commits, so they are not markers.
  for (const MarkerEntry& m : builtin_markers()) {
    if (m.kind != MarkerKind::reviewer) continue;
    if (!identity.username.empty() && iequals(identity.username, m.value)) return true;
    if (ends_with_ci(identity.email, "+" + m.value + "@users.noreply.github.com")) return true;
  }
  // A GitHub App acts for a program, never for a person: `dependabot[bot]`, `some-ai[bot]`.
  if (ends_with_ci(identity.username, "[bot]")) return true;
  if (ends_with_ci(identity.email, "[bot]@users.noreply.github.com")) return true;
  return is_ai_identity(identity, settings);
}

std::string named_ai_tool(std::string_view value, const AiSettings& settings) {
  std::string_view v = trim(value);
  if (v.empty() || v.find('<') != std::string_view::npos) return {};  // an identity: is_ai_approver decides
  for (const MarkerEntry& m : builtin_markers()) {
    if (m.kind != MarkerKind::tool_name || !starts_with_ci(v, m.value)) continue;
    // The name alone, or followed by what names a model or version: "Claude:opus-4", "Claude Opus 4.5",
    // "Copilot (gpt-4.1)", "Codex/o3". "Claudette" and "Cursor-Jones" are other words.
    if (v.size() == m.value.size()) return m.tool.empty() ? m.value : m.tool;
    char next = v[m.value.size()];
    if (next == ':' || next == ' ' || next == '\t' || next == '(' || next == '/' || next == ',')
      return m.tool.empty() ? m.value : m.tool;
  }
  for (const std::string& name : settings.marker_names)
    if (contains_ci(v, name)) return name;
  return {};
}

bool names_ai_tool(std::string_view value, const AiSettings& settings) {
  return !named_ai_tool(value, settings).empty();
}

bool label_names_a_person(std::string_view value, const AiSettings& settings) {
  auto who = parse_identity(value);
  if (!who || who->email.find('@') == std::string::npos) return false;
  return !is_ai_identity(*who, settings);
}

std::vector<AiEvidence> find_ai_evidence(const Identity& author, const Identity& committer,
                                         const std::vector<Identity>& co_authors, std::string_view message,
                                         const AiSettings& settings) {
  Found found;
  auto check_identity = [&](std::string_view role, const Identity& who) {
    if (who.empty() || !is_ai_identity(who, settings)) return;
    std::string tool = ai_tool_of(who);
    add_once(found, "marker", std::string(role) + " \"" + who.display() + "\"", tool,
             tool.empty() ? std::string() : model_in_name(who.name, tool));
  };
  check_identity("author", author);
  check_identity("committer", committer);
  for (const Identity& co : co_authors) check_identity("co-author", co);

  std::vector<std::string_view> lines = lines_of(message);
  std::vector<Trailer> trailers;
  bool trailers_read = false;
  for (const MarkerEntry& m : builtin_markers()) {
    switch (m.kind) {
      case MarkerKind::footer:
        for (std::string_view line : lines)
          if (footer_line_starts_with(line, m.value))
            add_once(found, "marker", "message footer \"" + m.value + "\"", m.tool);
        break;
      case MarkerKind::subject_prefix: {
        std::string_view subject = lines.empty() ? std::string_view() : lines.front();
        if (starts_with_ci(subject, m.value))
          add_once(found, "marker", "subject prefix \"" + m.value + "\"", m.tool);
        break;
      }
      case MarkerKind::trailer_key:
        if (!trailers_read) trailers = parse_trailers(message), trailers_read = true;
        for (const Trailer& t : trailers)
          if (trailer_key_is(t, m.value))
            add_once(found, "marker", "trailer \"" + t.key + ": " + t.value + "\"", m.tool);
        break;
      default: break;
    }
  }
  for (const std::string& text : settings.marker_text)
    if (contains_ci(message, text))
      add_once(found, "marker", "message text \"" + text + "\"", "");
  return std::move(found.list);
}

std::vector<std::string> find_ai_markers(const Identity& author, const Identity& committer,
                                         const std::vector<Identity>& co_authors,
                                         std::string_view message, const AiSettings& settings) {
  std::vector<std::string> out;
  for (AiEvidence& e : find_ai_evidence(author, committer, co_authors, message, settings))
    out.push_back(std::move(e.text));
  return out;
}

std::vector<AiEvidence> find_pull_request_ai_evidence(const Identity& opener, std::string_view head_branch,
                                                      std::string_view description, const AiSettings& settings) {
  Found found;
  if (!opener.empty() && is_ai_identity(opener, settings))
    add_once(found, "pull request", "opened by \"" + opener.display() + "\"", ai_tool_of(opener));
  for (const MarkerEntry& m : builtin_markers())
    if (m.kind == MarkerKind::branch_prefix && starts_with_ci(head_branch, m.value))
      add_once(found, "pull request", "head branch \"" + std::string(head_branch) + "\"", m.tool);
  std::vector<std::string_view> lines = lines_of(description);
  for (const MarkerEntry& m : builtin_markers()) {
    if (m.kind != MarkerKind::footer) continue;
    for (std::string_view line : lines)
      if (footer_line_starts_with(line, m.value))
        add_once(found, "pull request", "description footer \"" + m.value + "\"", m.tool);
  }
  for (const std::string& text : settings.marker_text)
    if (contains_ci(description, text))
      add_once(found, "pull request", "description text \"" + text + "\"", "");
  return std::move(found.list);
}

}  // namespace laneguard
