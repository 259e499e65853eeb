#include "local/message.h"

#include <string>

namespace laneguard::local {

namespace {

constexpr std::string_view kCutLine = "------------------------ >8 ------------------------\n";

// git's isspace: space, tab, newline, carriage return.
bool git_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

}  // namespace

std::string strip_space(std::string_view text, std::optional<char> comment) {
  std::string out;
  out.reserve(text.size() + 1);
  std::size_t empties = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t eol = text.find('\n', i);
    std::size_t len = eol == std::string_view::npos ? text.size() - i : eol - i + 1;
    std::string_view line = text.substr(i, len);
    i += len;
    if (comment && !line.empty() && line.front() == *comment) continue;
    std::size_t keep = line.size();
    while (keep > 0 && git_space(line[keep - 1])) --keep;
    if (keep == 0) {
      ++empties;
      continue;
    }
    if (empties > 0 && !out.empty()) out += '\n';
    empties = 0;
    out.append(line.substr(0, keep));
    out += '\n';
  }
  return out;
}

std::string_view cut_at_scissors(std::string_view text, char comment) {
  std::string pattern = "\n";
  pattern += comment;
  pattern += ' ';
  pattern += kCutLine;
  if (text.substr(0, pattern.size() - 1) == std::string_view(pattern).substr(1)) return text.substr(0, 0);
  std::size_t at = text.find(pattern);
  if (at == std::string_view::npos) return text;
  return text.substr(0, at + 1);
}

namespace {

// core.commentChar=auto: git picked the first of these not starting a line of the message; its own
// comment lines (the scissors line, "Please enter the commit message") reveal which.
char detect_auto_comment(std::string_view raw) {
  static constexpr std::string_view kCandidates = "#;@!$%^&|:";
  for (char c : kCandidates) {
    std::string scissors = std::string(1, c) + " " + std::string(kCutLine);
    std::string please = std::string(1, c) + " Please enter the commit message";
    for (const std::string& needle : {scissors, please}) {
      std::size_t at = raw.find(needle);
      if (at != std::string_view::npos && (at == 0 || raw[at - 1] == '\n')) return c;
    }
  }
  return '#';
}

}  // namespace

MessageCleanup cleanup_for(const std::optional<std::string>& commit_cleanup,
                           const std::optional<std::string>& comment_char, bool editor_used, std::string_view raw) {
  MessageCleanup c;
  if (comment_char && !comment_char->empty()) {
    c.comment = *comment_char == "auto" ? detect_auto_comment(raw) : comment_char->front();
  }
  std::string mode = commit_cleanup.value_or("default");
  if (mode == "verbatim") c.mode = Cleanup::verbatim;
  else if (mode == "whitespace") c.mode = Cleanup::whitespace;
  else if (mode == "scissors") c.mode = editor_used ? Cleanup::scissors : Cleanup::whitespace;
  else if (mode == "strip") c.mode = Cleanup::strip;
  else c.mode = editor_used ? Cleanup::strip : Cleanup::whitespace;  // "default" and unknown values
  c.cut_at_scissors = editor_used || c.mode == Cleanup::scissors;
  return c;
}

std::string clean_message(std::string_view raw, const MessageCleanup& cleanup) {
  std::string_view text = cleanup.cut_at_scissors ? cut_at_scissors(raw, cleanup.comment) : raw;
  switch (cleanup.mode) {
    case Cleanup::verbatim: return std::string(text);
    case Cleanup::strip: return strip_space(text, cleanup.comment);
    case Cleanup::whitespace:
    case Cleanup::scissors: return strip_space(text, std::nullopt);
  }
  return std::string(text);
}

}  // namespace laneguard::local
