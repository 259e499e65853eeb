#include "report/report.h"

#include <cstdint>
#include <cstdio>

#include "report/stream.h"
#include "util/error.h"
#include "util/utf8.h"

namespace laneguard {

Format parse_format(std::string_view name) {
  if (name == "text") return Format::text;
  if (name == "json") return Format::json;
  if (name == "jsonl") return Format::jsonl;
  if (name == "codequality") return Format::codequality;
  if (name == "sarif") return Format::sarif;
  if (name == "github") return Format::github;
  if (name == "markdown") return Format::markdown;
  throw UsageError("unknown format '" + std::string(name) + "' (expected text, json, jsonl, sarif, github, markdown or codequality)");
}

namespace {

void make_valid(std::string& s) {
  if (valid_utf8_prefix(s) != s.size()) s = valid_utf8(s);  // valid text (the usual case) is not copied
}
void make_valid(std::vector<std::string>& v) {
  for (auto& s : v) make_valid(s);
}

// sarif, github and markdown write what is known only at the end (rules used, the areas table)
// ahead of the findings: the report is collected, then written whole.
class CollectedStream : public ReportStream {
 public:
  CollectedStream(std::ostream& out, Format format, const ReportOptions& options)
      : out_(out), format_(format), options_(options) {}

 protected:
  void write_part(const Report& part) override {
    for (const Finding& f : part.findings) report_.findings.push_back(f);
    for (const AreaStatus& a : part.areas) report_.areas.push_back(a);
    for (const AiVerdict& v : part.ai) report_.ai.push_back(v);
    for (const auto& t : part.titles) report_.titles.push_back(t);
    report_.agreement_path = part.agreement_path;
  }
  void write_end(std::size_t commits, std::size_t paths) override {
    report_.commits = commits;
    report_.paths = paths;
    switch (format_) {
      case Format::sarif: write_sarif(out_, report_); break;
      case Format::github: write_github(out_, report_); break;
      case Format::markdown: write_markdown(out_, report_, options_); break;
      case Format::codequality: write_codequality(out_, report_); break;
      default: break;
    }
    out_.flush();
  }

 private:
  std::ostream& out_;
  Format format_;
  ReportOptions options_;
  Report report_;
};

}  // namespace

// Paths, names and messages may hold any bytes a repository or pull request holds: every format
// shows them the same way, each invalid UTF-8 sequence as U+FFFD (util/utf8.h).
void make_printable(Report& r) {
  for (Finding& f : r.findings) {
    make_valid(f.commit);
    make_valid(f.area);
    make_valid(f.paths);
    make_valid(f.people);
    make_valid(f.message);
    make_valid(f.fix);
  }
  for (AreaStatus& a : r.areas) {
    make_valid(a.change);
    make_valid(a.area);
    make_valid(a.paths);
    make_valid(a.requirement);
    make_valid(a.approved_by);
    make_valid(a.discarded);
    make_valid(a.missing);
  }
  for (auto& [id, title] : r.titles) {
    make_valid(id);
    make_valid(title);
  }
}

// A stable fingerprint across pushes: the same rule, area, path and people is the same alert.
std::string finding_fingerprint(const Finding& finding, const std::string& path) {
  std::uint64_t hash = 1469598103934665603ULL;
  auto mix = [&hash](const std::string& s) {
    for (unsigned char c : s) {
      hash ^= c;
      hash *= 1099511628211ULL;
    }
    hash ^= 0xff;
    hash *= 1099511628211ULL;
  };
  mix(finding.rule);
  mix(finding.area);
  mix(path);
  for (const std::string& person : finding.people) mix(person);
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(hash));
  return buf;
}

void ReportStream::add(Report part) {
  if (finished_) throw std::logic_error("ReportStream::add after finish");
  make_printable(part);
  for (const Finding& f : part.findings) {
    if (f.severity == Severity::block) ++blocking_;
    else if (f.severity == Severity::warn) ++warnings_;
    else ++notices_;
  }
  write_part(part);
}

void ReportStream::finish(std::size_t commits, std::size_t paths) {
  if (finished_) return;
  finished_ = true;
  write_end(commits, paths);
}

std::unique_ptr<ReportStream> make_report_stream(std::ostream& out, Format format, const ReportOptions& options) {
  switch (format) {
    case Format::text: return make_text_stream(out, options);
    case Format::json: return make_json_stream(out);
    case Format::jsonl: return make_jsonl_stream(out);
    case Format::sarif:
    case Format::github:
    case Format::markdown:
    case Format::codequality: return std::make_unique<CollectedStream>(out, format, options);
  }
  return make_text_stream(out, options);
}

void write_report(std::ostream& out, const Report& report, Format format, const ReportOptions& options) {
  auto stream = make_report_stream(out, format, options);
  stream->add(report);
  stream->finish(report.commits, report.paths);
}

}  // namespace laneguard
