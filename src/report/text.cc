// --format text: findings grouped by commit, readable in a terminal; colour only when asked.
// Streamed: each part's findings are printed as soon as it is added, the totals at the end.
// Quiet: the blocking findings, the summary and the hint (how to get through), or nothing.
#include <map>

#include "report/ai_verdicts.h"
#include "report/report.h"
#include "report/stream.h"

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

class TextStream : public ReportStream {
 public:
  TextStream(std::ostream& out, const ReportOptions& options) : out_(out), options_(options), st_{options.color} {}

 protected:
  void write_part(const Report& part) override {
    // Group by commit, keeping the order in which commits first appear.
    std::vector<std::string> order;
    std::map<std::string, std::vector<const Finding*>> by_commit;
    for (const Finding& f : part.findings) {
      if (options_.quiet && f.severity != Severity::block) continue;
      if (!by_commit.count(f.commit)) order.push_back(f.commit);
      by_commit[f.commit].push_back(&f);
    }
    std::map<std::string, std::string> titles(part.titles.begin(), part.titles.end());
    std::map<std::string_view, std::vector<const AiVerdict*>> ai;  // in the order given, per commit
    for (const AiVerdict& v : part.ai)
      if (by_commit.count(v.commit)) ai[v.commit].push_back(&v);
    for (const std::string& commit : order) {
      out_ << st_.bold() << (commit.empty() ? std::string("(push)") : (commit.size() == 40 ? "commit " : "") + short_id(commit))
           << st_.reset();
      if (auto t = titles.find(commit); t != titles.end()) out_ << "  " << t->second;
      out_ << "\n";
      for (const Finding* f : by_commit[commit]) finding(*f);
      if (auto a = ai.find(commit); a != ai.end())
        for (const AiVerdict* v : a->second)
          if (shown(*v)) out_ << "  " << st_.dim() << ai_verdict_line(*v) << st_.reset() << "\n";
      out_ << "\n";
    }
  }

  void write_end(std::size_t commits, std::size_t paths) override {
    if (options_.quiet && !blocking()) return;
    std::string title = options_.title.empty() ? "laneguard" : options_.title;
    out_ << title << ": " << commits << " commit" << (commits == 1 ? "" : "s") << ", " << paths << " path"
         << (paths == 1 ? "" : "s") << " judged; ";
    if (blocking())
      out_ << st_.red() << st_.bold() << "blocked" << st_.reset() << " (" << blocking() << " blocking finding"
           << (blocking() == 1 ? "" : "s");
    else
      out_ << "ok (" << "no blocking findings";
    if (warnings()) out_ << ", " << warnings() << " warning" << (warnings() == 1 ? "" : "s");
    out_ << ")\n";
    if (!options_.hint.empty()) out_ << options_.hint << "\n";
  }

 private:
  void finding(const Finding& f) {
    std::string colour = f.severity == Severity::block  ? st_.red()
                         : f.severity == Severity::warn ? st_.yellow()
                                                        : st_.cyan();
    out_ << "  " << colour << severity_name(f.severity) << st_.reset() << " " << st_.bold() << f.rule << st_.reset();
    if (!f.area.empty()) out_ << " [" << f.area << "]";
    out_ << "\n";
    if (!f.paths.empty()) {
      out_ << "    paths: ";
      for (std::size_t i = 0; i < f.paths.size(); ++i) {
        if (i == 5) { out_ << " (+" << f.paths.size() - 5 << " more)"; break; }
        out_ << (i ? ", " : "") << f.paths[i];
      }
      out_ << "\n";
    }
    out_ << "    " << f.message << "\n";
    if (!f.fix.empty()) out_ << "    " << st_.dim() << "fix: " << st_.reset() << f.fix << "\n";
  }

  std::ostream& out_;
  ReportOptions options_;
  Style st_;
};

}  // namespace

std::unique_ptr<ReportStream> make_text_stream(std::ostream& out, const ReportOptions& options) {
  return std::make_unique<TextStream>(out, options);
}

void write_text(std::ostream& out, const Report& report, const ReportOptions& options) {
  TextStream s(out, options);
  s.add(report);
  s.finish(report.commits, report.paths);
}

}  // namespace laneguard
