// --format json: exactly one JSON document (SPEC section 5), written incrementally: the findings
// as they are found, then the area statuses (spooled to an unlinked temporary file meanwhile, so
// memory does not grow with them), the totals and the verdict. --format jsonl: one finding per
// line, the same object as in the document, written as found.
#include <cstdio>
#include <nlohmann/json.hpp>

#include "report/report.h"
#include "report/stream.h"
#include "util/error.h"

namespace laneguard {
namespace {

nlohmann::json finding_json(const Finding& f) {
  return {{"rule", f.rule},
          {"severity", severity_name(f.severity)},
          {"commit", f.commit},
          {"area", f.area.empty() ? nlohmann::json(nullptr) : nlohmann::json(f.area)},
          {"paths", f.paths},
          {"people", f.people},
          {"message", f.message},
          {"fix", f.fix}};
}

nlohmann::json area_json(const AreaStatus& a) {
  return {{"change", a.change},
          {"area", a.area},
          {"paths", a.paths},
          {"requirement", a.requirement},
          {"approved_by", a.approved_by},
          {"approved_how", a.approved_how},
          {"discarded", a.discarded},
          {"missing", a.missing},
          {"satisfied", a.satisfied}};
}

std::string dump(const nlohmann::json& j, int indent) {
  return j.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

// `j` as an element of a top-level member's array: pretty-printed two levels deep.
std::string element(const nlohmann::json& j) {
  std::string text = dump(j, 2), out = "    ";
  out.reserve(text.size() + 64);
  for (char c : text) {
    out += c;
    if (c == '\n') out += "    ";
  }
  return out;
}

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
    for (const Finding& f : part.findings) {
      out_ << (findings_++ ? ",\n" : "[\n") << element(finding_json(f));
    }
    for (const AreaStatus& a : part.areas) {
      areas_.write((areas_count_++ ? ",\n" : "[\n") + element(area_json(a)));
    }
    if (!part.findings.empty()) out_.flush();
  }

  void write_end(std::size_t commits, std::size_t paths) override {
    out_ << (findings_ ? "\n  ],\n" : "[],\n") << "  \"areas\": ";
    if (areas_count_) {
      areas_.copy_to(out_);
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
  std::size_t findings_ = 0, areas_count_ = 0;
  Spool areas_;
};

class JsonLinesStream : public ReportStream {
 public:
  explicit JsonLinesStream(std::ostream& out) : out_(out) {}

 protected:
  void write_part(const Report& part) override {
    for (const Finding& f : part.findings) out_ << dump(finding_json(f), -1) << "\n";
    if (!part.findings.empty()) out_.flush();
  }
  void write_end(std::size_t, std::size_t) override { out_.flush(); }

 private:
  std::ostream& out_;
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
