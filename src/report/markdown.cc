// --format markdown: for $GITHUB_STEP_SUMMARY or a merge request note. A heading with the verdict,
// a table | area | requirement | approved by | missing |, then the findings with their fixes.
// Everything that comes from the repository (paths, names, messages) is escaped: it renders as
// text, never as Markdown or HTML.
#include <algorithm>

#include "report/report.h"

namespace laneguard {
namespace {

// Text with Markdown and HTML specials escaped; line breaks become spaces.
std::string text(const std::string& s) {
  static const std::string specials = "\\`*_[]<>|#~!";
  std::string out;
  for (char c : s) {
    if (c == '\r' || c == '\n') {
      out += ' ';
    } else if (c == '&') {
      out += "&amp;";
    } else {
      if (specials.find(c) != std::string::npos) out += '\\';
      out += c;
    }
  }
  return out;
}

// A code span that holds any text (a fence longer than any run of backticks inside).
std::string code(const std::string& s) {
  std::string clean;
  for (char c : s) clean += (c == '\r' || c == '\n') ? ' ' : c;
  std::size_t longest = 0, run = 0;
  for (char c : clean) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  std::string fence(longest + 1, '`');
  bool pad = !clean.empty() && (clean.front() == '`' || clean.back() == '`');
  return fence + (pad ? " " : "") + clean + (pad ? " " : "") + fence;
}

// In a table cell a pipe ends the cell even inside a code span: GFM wants it escaped there too.
std::string cell(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '|' && (i == 0 || s[i - 1] != '\\')) out += '\\';
    out += s[i];
  }
  return out;
}

// Prose from the evaluator (messages, fixes) quotes commands and trailers in `backticks`: keep
// those as code spans (safe: nothing renders inside them), escape the rest.
std::string prose(const std::string& s) {
  std::string out;
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t open = s.find('`', i);
    std::size_t close = open == std::string::npos ? std::string::npos : s.find('`', open + 1);
    if (close == std::string::npos) {
      out += text(s.substr(i));
      break;
    }
    out += text(s.substr(i, open - i)) + code(s.substr(open + 1, close - open - 1));
    i = close + 1;
  }
  return out;
}

std::string join_text(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + text(items[i]);
  return out;
}

std::string paths_list(const std::vector<std::string>& paths, std::size_t limit) {
  std::string out;
  for (std::size_t i = 0; i < paths.size() && i < limit; ++i) out += (i ? ", " : "") + code(paths[i]);
  if (paths.size() > limit) out += " and " + std::to_string(paths.size() - limit) + " more";
  return out;
}

const char* icon(Severity severity) {
  switch (severity) {
    case Severity::block: return "🛑";
    case Severity::warn: return "⚠️";
    case Severity::notice: return "ℹ️";
  }
  return "";
}

}  // namespace

void write_markdown(std::ostream& out, const Report& report, const ReportOptions& options) {
  std::size_t blocking = 0, warnings = 0, notices = 0;
  for (const Finding& finding : report.findings) {
    if (finding.severity == Severity::block) ++blocking;
    else if (finding.severity == Severity::warn) ++warnings;
    else ++notices;
  }
  std::string verdict = blocking ? "❌ blocked" : warnings ? "⚠️ passes with warnings" : "✅ passes";
  std::string title = options.title.empty() ? "laneguard" : options.title;
  out << "## " << verdict << ": " << text(title) << "\n\n";
  out << report.commits << " commit" << (report.commits == 1 ? "" : "s") << " and " << report.paths << " path"
      << (report.paths == 1 ? "" : "s") << " judged; " << blocking << " blocking, " << warnings << " warning"
      << (warnings == 1 ? "" : "s") << ", " << notices << " notice" << (notices == 1 ? "" : "s") << ".\n\n";

  if (!report.areas.empty()) {
    out << "| area | requirement | approved by | missing |\n";
    out << "| --- | --- | --- | --- |\n";
    for (const AreaStatus& area : report.areas) {
      std::string name = text(area.area);
      if (!area.paths.empty()) name += "<br>" + paths_list(area.paths, 3);
      if (options.area_changes && !area.change.empty()) name += "<br>in " + text(area.change);
      std::vector<std::string> who = area.approved_by;
      for (std::size_t i = 0; i < who.size() && i < area.approved_how.size(); ++i)
        if (!area.approved_how[i].empty()) who[i] += " (" + area.approved_how[i] + ")";
      std::string approved = who.empty() ? "nobody" : join_text(who);
      if (!area.discarded.empty()) approved += "<br>not counted: " + join_text(area.discarded);
      std::string missing = area.satisfied ? "✅ nothing" : "❌ " + text(area.missing.empty() ? "unmet" : area.missing);
      out << "| " << cell(name) << " | " << cell(text(area.requirement)) << " | " << cell(approved) << " | "
          << cell(missing) << " |\n";
    }
    out << "\n";
  } else {
    out << "No protected area is touched.\n\n";
  }

  if (report.findings.empty()) {
    out << "No findings.\n";
    return;
  }
  out << "### Findings\n\n";
  for (const Finding& finding : report.findings) {
    out << "- " << icon(finding.severity) << " **" << severity_name(finding.severity) << "** " << code(finding.rule);
    if (!finding.area.empty()) out << " in **" << text(finding.area) << "**";
    out << ": " << prose(finding.message) << "\n";
    if (!finding.paths.empty()) out << "  - paths: " << paths_list(finding.paths, 10) << "\n";
    if (!finding.people.empty()) out << "  - people: " << join_text(finding.people) << "\n";
    if (!finding.commit.empty()) out << "  - in: " << code(finding.commit) << "\n";
    if (!finding.fix.empty()) out << "  - **fix:** " << prose(finding.fix) << "\n";
  }
}

}  // namespace laneguard
