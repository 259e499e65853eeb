// --format json: exactly one JSON document (SPEC section 5), written incrementally: the findings
// as they are found, then the area statuses (spooled to an unlinked temporary file meanwhile, so
// memory does not grow with them), the totals and the verdict. --format jsonl: one finding per
// line, the same object as in the document, written as found.
#include <cstdio>

#include "report/ai_verdicts.h"
#include "report/json_writer.h"
#include "report/report.h"
#include "report/stream.h"
#include "util/error.h"

namespace laneguard {
namespace {

// A finding as an object: `margin` deep in the document (pretty, two spaces a level), or compact
// when indent < 0. Keys in nlohmann's (sorted) order: output is byte-identical to dumping a
// nlohmann document of the same members (report/json_writer_test.cc).
void append_finding(std::string& out, const Finding& f, int indent, std::string_view margin) {
  JsonObjectWriter o(out, indent, margin);
  if (f.area.empty()) o.member_null("area");
  else o.member("area", f.area);
  o.member("commit", f.commit);
  o.member("fix", f.fix);
  o.member("message", f.message);
  o.member("paths", f.paths);
  o.member("people", f.people);
  o.member("rule", f.rule);
  o.member("severity", severity_name(f.severity));
  o.end();
}

void append_area(std::string& out, const AreaStatus& a, int indent, std::string_view margin) {
  JsonObjectWriter o(out, indent, margin);
  o.member("approved_by", a.approved_by);
  o.member("approved_how", a.approved_how);
  o.member("area", a.area);
  o.member("change", a.change);
  o.member("discarded", a.discarded);
  o.member("missing", a.missing);
  o.member("paths", a.paths);
  o.member("requirement", a.requirement);
  o.member("satisfied", a.satisfied);
  o.end();
}

// An element of a top-level member's array: four spaces in, two a level below that.
constexpr std::string_view kElementMargin = "    ";
// A part's text is handed on once it is this long.
constexpr std::size_t kChunk = std::size_t(1) << 16;

// Hands `text` to `sink` and empties it once it is longer than a chunk (with `all`: whatever it
// holds), so a part's buffer never holds more than a chunk and one finding.
template <class Sink>
void hand_on(std::string& text, Sink&& sink, bool all = false) {
  if (text.empty() || (!all && text.size() <= kChunk)) return;
  sink(text);
  text.clear();
}

void write_text(std::ostream& out, const std::string& text) { out.write(text.data(), static_cast<std::streamsize>(text.size())); }

// Text written now and read back once at the end: an unlinked temporary file (memory only when
// no temporary file can be made).
class Spool {
 public:
  Spool() : file_(std::tmpfile()) {}
  ~Spool() {
    if (file_) std::fclose(file_);
  }
  Spool(const Spool&) = delete;
  Spool& operator=(const Spool&) = delete;

  void write(const std::string& text) {
    if (file_ && std::fwrite(text.data(), 1, text.size(), file_) != text.size()) {
      throw GitError("writing the report's temporary file failed");
    }
    if (!file_) memory_ += text;
  }
  void copy_to(std::ostream& out) {
    if (!file_) {
      out << memory_;
      return;
    }
    if (std::fflush(file_) != 0 || std::fseek(file_, 0, SEEK_SET) != 0) throw GitError("reading the report's temporary file failed");
    char buf[1 << 16];
    for (size_t n; (n = std::fread(buf, 1, sizeof buf, file_)) > 0;) out.write(buf, static_cast<std::streamsize>(n));
    if (std::ferror(file_)) throw GitError("reading the report's temporary file failed");
  }

 private:
  std::FILE* file_;
  std::string memory_;
};

class JsonStream : public ReportStream {
 public:
  explicit JsonStream(std::ostream& out) : out_(out) { out_ << "{\n  \"findings\": "; }

 protected:
  void write_part(const Report& part) override {
    // Written a finding at a time once the text is large: a commit of 50,000 files has findings of
    // a megabyte each, and the buffer is never more than one of them.
    auto to_out = [&](const std::string& text) { write_text(out_, text); };
    auto to_areas = [&](const std::string& text) { areas_.write(text); };
    buffer_.clear();
    for (const Finding& f : part.findings) {
      buffer_ += findings_++ ? ",\n" : "[\n";
      buffer_ += kElementMargin;
      append_finding(buffer_, f, 2, kElementMargin);
      hand_on(buffer_, to_out);
    }
    hand_on(buffer_, to_out, true);
    if (!part.findings.empty()) out_.flush();
    for (const AreaStatus& a : part.areas) {
      buffer_ += areas_count_++ ? ",\n" : "[\n";
      buffer_ += kElementMargin;
      append_area(buffer_, a, 2, kElementMargin);
      hand_on(buffer_, to_areas);
    }
    hand_on(buffer_, to_areas, true);
    for (const AiVerdict& v : part.ai) {
      if (!shown(v)) continue;
      buffer_ += ai_count_++ ? ",\n" : "[\n";
      buffer_ += kElementMargin;
      append_ai_verdict_json(buffer_, v);
    }
    if (!buffer_.empty()) ai_.write(buffer_);
  }

  void write_end(std::size_t commits, std::size_t paths) override {
    out_ << (findings_ ? "\n  ],\n" : "[],\n") << "  \"areas\": ";
    if (areas_count_) {
      areas_.copy_to(out_);
      out_ << "\n  ],\n";
    } else {
      out_ << "[],\n";
    }
    // The AI verdicts other than "unknown" (docs/ai.md): a commit not listed showed no AI evidence and no label.
    out_ << "  \"ai\": ";
    if (ai_count_) {
      ai_.copy_to(out_);
      out_ << "\n  ],\n";
    } else {
      out_ << "[],\n";
    }
    out_ << "  \"stats\": {\n    \"commits\": " << commits << ",\n    \"paths\": " << paths << "\n  },\n"
         << "  \"verdict\": \"" << (blocks() ? "block" : "allow") << "\"\n}\n";
    out_.flush();
  }

 private:
  std::ostream& out_;
  std::size_t findings_ = 0, areas_count_ = 0, ai_count_ = 0;
  Spool areas_, ai_;
  std::string buffer_;  // one part's text, reused
};

class JsonLinesStream : public ReportStream {
 public:
  explicit JsonLinesStream(std::ostream& out) : out_(out) {}

 protected:
  void write_part(const Report& part) override {
    if (part.findings.empty()) return;
    auto to_out = [&](const std::string& text) { write_text(out_, text); };
    buffer_.clear();
    for (const Finding& f : part.findings) {
      append_finding(buffer_, f, -1, {});
      buffer_ += '\n';
      hand_on(buffer_, to_out);
    }
    hand_on(buffer_, to_out, true);
    out_.flush();
  }
  void write_end(std::size_t, std::size_t) override { out_.flush(); }

 private:
  std::ostream& out_;
  std::string buffer_;
};

}  // namespace

std::unique_ptr<ReportStream> make_json_stream(std::ostream& out) { return std::make_unique<JsonStream>(out); }
std::unique_ptr<ReportStream> make_jsonl_stream(std::ostream& out) { return std::make_unique<JsonLinesStream>(out); }

void write_json(std::ostream& out, const Report& report) {
  JsonStream s(out);
  s.add(report);
  s.finish(report.commits, report.paths);
}

void write_jsonl(std::ostream& out, const Report& report) {
  JsonLinesStream s(out);
  s.add(report);
  s.finish(report.commits, report.paths);
}

}  // namespace laneguard
