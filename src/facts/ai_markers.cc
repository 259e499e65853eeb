// AI markers (SPEC section 2): one table of what AI tools leave on a commit, extended by the
// agreement's [ai] marker_emails / marker_names / marker_text.
//
// Only the forms the tools write count: their identities, their footer lines, their subject
// prefix and their trailers. A person who mentions Claude in prose, or GitHub's web-flow
// committer `GitHub <noreply@github.com>`, is not a marker.
#include "facts/ai_markers.h"

#include <algorithm>
#include <unordered_set>

#include "agreement/agreement.h"
#include "facts/trailers.h"

namespace laneguard {
namespace {

enum class MarkerKind {
  email,           // the identity's email, exactly (case-insensitive)
  email_suffix,    // the identity's email ends with this (case-insensitive)
  name_suffix,     // the identity's name ends with this (case-insensitive)
  username,        // the hosting account, exactly (case-insensitive)
  footer,          // a message line that begins (after an emoji or bullet) with this phrase
  subject_prefix,  // the message's first line begins with this
  trailer_key,     // a trailer with this key (case-insensitive)
  tool_name,       // what a tool is called in a trailer's value ("Reviewed-by: Claude:opus-4")
};

struct Marker {
  MarkerKind kind;
  std::string_view text;
};

// The built-in table. Sources: FIELD-NOTES "AI markers and trailers".
constexpr Marker kMarkers[] = {
    // Claude Code: "Co-Authored-By: Claude <noreply@anthropic.com>" (any model name).
    {MarkerKind::email, "noreply@anthropic.com"},
    // GitHub Copilot agent: "Copilot <198982749+Copilot@users.noreply.github.com>"; VS Code.
    {MarkerKind::email_suffix, "+copilot@users.noreply.github.com"},
    {MarkerKind::email, "copilot@users.noreply.github.com"},
    {MarkerKind::email, "copilot@github.com"},
    // aider: "Jane (aider) <jane@x>", "aider (gpt-4o) <aider@aider.chat>".
    {MarkerKind::name_suffix, " (aider)"},
    {MarkerKind::email, "aider@aider.chat"},
    // OpenAI Codex, Cursor, Qwen Coder.
    {MarkerKind::email, "noreply@openai.com"},
    {MarkerKind::email, "cursoragent@cursor.com"},
    {MarkerKind::email, "qwen-coder@alibabacloud.com"},
    // Agent bots as hosting accounts (PR authors, pushers) and as their noreply emails.
    {MarkerKind::username, "devin-ai-integration[bot]"},
    {MarkerKind::username, "google-labs-jules[bot]"},
    {MarkerKind::username, "claude[bot]"},
    {MarkerKind::username, "copilot-swe-agent[bot]"},
    // Copilot's coding agent opens its pull requests as the user `Copilot` (type "Bot", id 198982749).
    {MarkerKind::username, "Copilot"},
    {MarkerKind::email_suffix, "+devin-ai-integration[bot]@users.noreply.github.com"},
    {MarkerKind::email_suffix, "+google-labs-jules[bot]@users.noreply.github.com"},
    {MarkerKind::email_suffix, "+claude[bot]@users.noreply.github.com"},
    {MarkerKind::email_suffix, "+copilot-swe-agent[bot]@users.noreply.github.com"},
    // Message forms.
    {MarkerKind::footer, "Generated with [Claude Code]"},
    {MarkerKind::footer, "Generated with Claude Code"},
    {MarkerKind::footer, "Made with [Cursor]"},
    {MarkerKind::subject_prefix, "aider: "},
    {MarkerKind::trailer_key, "Claude-Session"},
    // Names by which people credit a tool in a trailer, as the kernel's `Assisted-by: AGENT:MODEL`
    // does: an approval trailer naming one is an AI's review.
    {MarkerKind::tool_name, "Claude Code"},
    {MarkerKind::tool_name, "Claude"},
    {MarkerKind::tool_name, "GitHub Copilot"},
    {MarkerKind::tool_name, "Copilot"},
    {MarkerKind::tool_name, "CodeRabbit"},
    {MarkerKind::tool_name, "coderabbitai"},
    {MarkerKind::tool_name, "Codex"},
    {MarkerKind::tool_name, "ChatGPT"},
    {MarkerKind::tool_name, "Cursor"},
    {MarkerKind::tool_name, "aider"},
    {MarkerKind::tool_name, "Devin"},
    {MarkerKind::tool_name, "Jules"},
    {MarkerKind::tool_name, "Gemini"},
    {MarkerKind::tool_name, "Qwen"},
    {MarkerKind::tool_name, "Qwen-Coder"},
};

bool ends_with_ci(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && iequals(s.substr(s.size() - suffix.size()), suffix);
}

bool starts_with_ci(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && iequals(s.substr(0, prefix.size()), prefix);
}

bool contains_ci(std::string_view haystack, std::string_view needle) {
  return !needle.empty() && lower(haystack).find(lower(needle)) != std::string::npos;
}

bool identity_matches(const Marker& m, const Identity& who) {
  switch (m.kind) {
    case MarkerKind::email: return !who.email.empty() && iequals(who.email, m.text);
    case MarkerKind::email_suffix: return ends_with_ci(who.email, m.text);
    case MarkerKind::name_suffix: return ends_with_ci(who.name, m.text);
    case MarkerKind::username: return !who.username.empty() && iequals(who.username, m.text);
    default: return false;
  }
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

// The markers found, each once, in the order found (a set beside the list: 40,000 identical
// co-author trailers must not cost 40,000 list scans each).
struct Found {
  std::vector<std::string> list;
  std::unordered_set<std::string> seen;
};
void add_once(Found& out, std::string marker) {
  if (out.seen.insert(marker).second) out.list.push_back(std::move(marker));
}

}  // namespace

bool is_ai_identity(const Identity& identity, const AiSettings& settings) {
  for (const Marker& m : kMarkers)
    if (identity_matches(m, identity)) return true;
  for (const std::string& email : settings.marker_emails)
    if (!identity.email.empty() && iequals(identity.email, email)) return true;
  for (const std::string& name : settings.marker_names)
    if (contains_ci(identity.name, name)) return true;
  return false;
}

bool is_ai_approver(const Identity& identity, const AiSettings& settings) {
  // AI reviewers: they review pull requests and never author commits, so they are not markers.
  static constexpr std::string_view kReviewers[] = {"coderabbitai[bot]", "copilot-pull-request-reviewer[bot]"};
  for (std::string_view r : kReviewers) {
    if (!identity.username.empty() && iequals(identity.username, r)) return true;
    if (ends_with_ci(identity.email, "+" + std::string(r) + "@users.noreply.github.com")) return true;
  }
  // A GitHub App acts for a program, never for a person: `dependabot[bot]`, `some-ai[bot]`.
  if (ends_with_ci(identity.username, "[bot]")) return true;
  if (ends_with_ci(identity.email, "[bot]@users.noreply.github.com")) return true;
  return is_ai_identity(identity, settings);
}

bool names_ai_tool(std::string_view value, const AiSettings& settings) {
  std::string_view v = trim(value);
  if (v.empty() || v.find('<') != std::string_view::npos) return false;  // an identity: is_ai_approver decides
  for (const Marker& m : kMarkers) {
    if (m.kind != MarkerKind::tool_name || !starts_with_ci(v, m.text)) continue;
    // The name alone, or followed by what names a model or version: "Claude:opus-4", "Claude Opus 4.5",
    // "Copilot (gpt-4.1)", "Codex/o3". "Claudette" and "Cursor-Jones" are other words.
    if (v.size() == m.text.size()) return true;
    char next = v[m.text.size()];
    if (next == ':' || next == ' ' || next == '\t' || next == '(' || next == '/' || next == ',') return true;
  }
  for (const std::string& name : settings.marker_names)
    if (contains_ci(v, name)) return true;
  return false;
}

bool label_names_a_person(std::string_view value, const AiSettings& settings) {
  auto who = parse_identity(value);
  if (!who || who->email.find('@') == std::string::npos) return false;
  return !is_ai_identity(*who, settings);
}

std::vector<std::string> find_ai_markers(const Identity& author, const Identity& committer,
                                         const std::vector<Identity>& co_authors,
                                         std::string_view message, const AiSettings& settings) {
  Found found;
  auto check_identity = [&](std::string_view role, const Identity& who) {
    if (!who.empty() && is_ai_identity(who, settings))
      add_once(found, std::string(role) + " \"" + who.display() + "\"");
  };
  check_identity("author", author);
  check_identity("committer", committer);
  for (const Identity& co : co_authors) check_identity("co-author", co);

  std::vector<std::string_view> lines = lines_of(message);
  std::vector<Trailer> trailers = parse_trailers(message);
  for (const Marker& m : kMarkers) {
    switch (m.kind) {
      case MarkerKind::footer:
        for (std::string_view line : lines)
          if (footer_line_starts_with(line, m.text))
            add_once(found, "message footer \"" + std::string(m.text) + "\"");
        break;
      case MarkerKind::subject_prefix: {
        std::string_view subject = lines.empty() ? std::string_view() : lines.front();
        if (starts_with_ci(subject, m.text))
          add_once(found, "subject prefix \"" + std::string(m.text) + "\"");
        break;
      }
      case MarkerKind::trailer_key:
        for (const Trailer& t : trailers)
          if (trailer_key_is(t, m.text))
            add_once(found, "trailer \"" + t.key + ": " + t.value + "\"");
        break;
      default: break;
    }
  }
  for (const std::string& text : settings.marker_text)
    if (contains_ci(message, text))
      add_once(found, "message text \"" + text + "\"");
  return std::move(found.list);
}

}  // namespace laneguard
