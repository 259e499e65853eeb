// --format text: findings grouped by commit, readable in a terminal; colour only when asked (a tty).
#include <map>

#include "report/report.h"

namespace laneguard {
namespace {

struct Style {
  bool on;
  std::string red() const { return on ? "\033[31m" : ""; }
  std::string yellow() const { return on ? "\033[33m" : ""; }
  std::string cyan() const { return on ? "\033[36m" : ""; }
  std::string bold() const { return on ? "\033[1m" : ""; }
  std::string dim() const { return on ? "\033[2m" : ""; }
  std::string reset() const { return on ? "\033[0m" : ""; }
};

std::string short_id(const std::string& id) {
  bool hex = id.size() == 40 && id.find_first_not_of("0123456789abcdef") == std::string::npos;
  return hex ? id.substr(0, 12) : id;
}

}  // namespace

void write_text(std::ostream& out, const Report& report, const ReportOptions& options) {
  Style st{options.color};
  std::string title = options.title.empty() ? "laneguard" : options.title;
  std::size_t blocking = 0, warnings = 0;
  for (const Finding& f : report.findings) {
    if (f.severity == Severity::block) ++blocking;
    else if (f.severity == Severity::warn) ++warnings;
  }

  // Group by commit, keeping the order in which commits first appear.
  std::vector<std::string> order;
  std::map<std::string, std::vector<const Finding*>> by_commit;
  for (const Finding& f : report.findings) {
    if (!by_commit.count(f.commit)) order.push_back(f.commit);
    by_commit[f.commit].push_back(&f);
  }
  std::map<std::string, std::string> titles(report.titles.begin(), report.titles.end());

  for (const std::string& commit : order) {
    out << st.bold() << (commit.empty() ? std::string("(push)") : (commit.size() == 40 ? "commit " : "") + short_id(commit))
        << st.reset();
    if (auto t = titles.find(commit); t != titles.end()) out << "  " << t->second;
    out << "\n";
    for (const Finding* f : by_commit[commit]) {
      std::string colour = f->severity == Severity::block  ? st.red()
                           : f->severity == Severity::warn ? st.yellow()
                                                            : st.cyan();
      out << "  " << colour << severity_name(f->severity) << st.reset() << " " << st.bold() << f->rule << st.reset();
      if (!f->area.empty()) out << " [" << f->area << "]";
      out << "\n";
      if (!f->paths.empty()) {
        out << "    paths: ";
        for (std::size_t i = 0; i < f->paths.size(); ++i) {
          if (i == 5) { out << " (+" << f->paths.size() - 5 << " more)"; break; }
          out << (i ? ", " : "") << f->paths[i];
        }
        out << "\n";
      }
      out << "    " << f->message << "\n";
      if (!f->fix.empty()) out << "    " << st.dim() << "fix: " << st.reset() << f->fix << "\n";
    }
    out << "\n";
  }

  out << title << ": " << report.commits << " commit" << (report.commits == 1 ? "" : "s") << ", " << report.paths
      << " path" << (report.paths == 1 ? "" : "s") << " judged; ";
  if (blocking)
    out << st.red() << st.bold() << "blocked" << st.reset() << " (" << blocking << " blocking finding"
        << (blocking == 1 ? "" : "s");
  else
    out << "ok (" << "no blocking findings";
  if (warnings) out << ", " << warnings << " warning" << (warnings == 1 ? "" : "s");
  out << ")\n";
  if (!options.hint.empty()) out << options.hint << "\n";
}

}  // namespace laneguard
