// The JSON writer against nlohmann's dump, byte for byte: the same members, random strings with
// every kind of byte (quotes, backslashes, control characters, DEL, valid and invalid UTF-8), pretty
// at any margin and compact. And write_json/write_jsonl against the nlohmann documents the report
// was built from before the writer existed.
#include "report/json_writer.h"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <random>
#include <sstream>

#include "report/ai_verdicts.h"
#include "report/report.h"

namespace laneguard {
namespace {

using nlohmann::json;

std::string dump(const json& j, int indent) { return j.dump(indent, ' ', false, json::error_handler_t::replace); }

// The pre-writer layout: a pretty document with every line after the first indented by `margin`.
std::string with_margin(const std::string& text, const std::string& margin) {
  std::string out;
  for (char c : text) {
    out += c;
    if (c == '\n') out += margin;
  }
  return out;
}

std::string random_string(std::mt19937& rng) {
  static const std::vector<std::string> pieces = {
      "a",      "src/auth/login.py", "\"",     "\\",       "\n",           "\t",           "\x01", "\x1f", "\x7f",
      " ",      "\xc3\xa9",          "\xe2\x82\xac", "\xf0\x9f\x98\x80", "\xc3", "\xff",         "\xf5\x80", "\xed\xa0\x80",
      "\xe2\x82", "/",               "\b\f\r", "</script>", "\xef\xbf\xbd", "\x80"};
  std::uniform_int_distribution<size_t> len(0, 8), pick(0, pieces.size() - 1);
  std::string s;
  for (size_t i = len(rng); i > 0; --i) s += pieces[pick(rng)];
  return s;
}

std::vector<std::string> random_strings(std::mt19937& rng) {
  std::vector<std::string> v(std::uniform_int_distribution<size_t>(0, 3)(rng));
  for (auto& s : v) s = random_string(rng);
  return v;
}

}  // namespace

TEST_CASE("json writer: byte-identical to nlohmann dump for random strings, arrays, booleans and nulls") {
  std::mt19937 rng(20261202);
  for (int round = 0; round < 3000; ++round) {
    std::string a = random_string(rng), b = random_string(rng);
    std::vector<std::string> list = random_strings(rng);
    bool flag = round % 2 == 0, null_first = round % 3 == 0;
    json doc = {{"b", b}, {"c", list}, {"d", flag}};
    doc["a"] = null_first ? json(nullptr) : json(a);
    for (int indent : {-1, 2, 4}) {
      for (std::string margin : {std::string(), std::string("    ")}) {
        if (indent < 0 && !margin.empty()) continue;
        std::string out;
        JsonObjectWriter w(out, indent, margin);
        if (null_first) w.member_null("a");
        else w.member("a", a);
        w.member("b", b);
        w.member("c", list);
        w.member("d", flag);
        w.end();
        std::string want = indent < 0 ? dump(doc, -1) : with_margin(dump(doc, indent), margin);
        CAPTURE(round);
        CAPTURE(indent);
        REQUIRE(out == want);
      }
    }
    std::string lit;
    append_json_string(lit, a);
    REQUIRE(lit == dump(json(a), -1));
  }
  // Plain runs of every length up to 40 with one byte that needs care at every offset (the
  // writer skips plain bytes eight at a time).
  for (const std::string& special : std::vector<std::string>{"\"", "\\", "\n", std::string(1, '\0'), "\x1f", "\x7f", "\xc3\xa9", "\xff", " "}) {
    for (std::size_t n = 0; n <= 40; ++n)
      for (std::size_t at = 0; at <= n; ++at) {
        std::string text = std::string(n, 'a');
        text.insert(at, special);
        std::string lit;
        append_json_string(lit, text);
        CAPTURE(n);
        CAPTURE(at);
        REQUIRE(lit == dump(json(text), -1));
      }
  }
  // AI verdicts, written with the writer, against their nlohmann object dumped.
  for (int round = 0; round < 500; ++round) {
    AiVerdict v;
    v.commit = random_string(rng);
    v.verdict = random_string(rng);
    v.labels = random_strings(rng);
    for (std::size_t n = std::uniform_int_distribution<std::size_t>(0, 3)(rng); n > 0; --n)
      v.evidence.push_back({random_string(rng), random_string(rng), random_string(rng), random_string(rng), random_strings(rng)});
    std::string out = "x";
    append_ai_verdict_json(out, v);
    CAPTURE(round);
    REQUIRE(out == "x" + dump(ai_verdict_json(v), -1));
  }
  std::string empty;
  JsonObjectWriter(empty, 2).end();
  CHECK(empty == dump(json::object(), 2));
}

TEST_CASE("json writer: write_json and write_jsonl are what the nlohmann documents gave") {
  std::mt19937 rng(7);
  Report report;
  for (int i = 0; i < 40; ++i) {
    Finding f;
    f.rule = i % 2 ? "missing-approval" : "unlabeled-ai";
    f.severity = i % 3 ? Severity::block : Severity::warn;
    f.commit = random_string(rng);
    f.area = i % 4 ? random_string(rng) : "";
    f.paths = random_strings(rng);
    // Findings and areas larger than the stream's 64 KiB chunk (a commit of 50,000 files) are
    // written in several pieces: the document is the same.
    if (i == 20 || i == 21)
      for (int k = 0; k < 3000; ++k) f.paths.push_back("src/a/very/deep/directory/of/files/file-" + std::to_string(k));
    f.people = random_strings(rng);
    f.message = random_string(rng);
    f.fix = random_string(rng);
    report.findings.push_back(f);
    AreaStatus a;
    a.change = random_string(rng);
    a.area = random_string(rng);
    a.paths = i == 20 ? f.paths : random_strings(rng);
    a.requirement = random_string(rng);
    a.approved_by = random_strings(rng);
    a.approved_how = random_strings(rng);
    a.discarded = random_strings(rng);
    a.missing = random_string(rng);
    a.satisfied = i % 2 == 0;
    report.areas.push_back(a);
  }
  report.commits = 40;
  report.paths = 7;
  auto finding_json = [](const Finding& f) {
    return json{{"rule", f.rule},
                {"severity", severity_name(f.severity)},
                {"commit", f.commit},
                {"area", f.area.empty() ? json(nullptr) : json(f.area)},
                {"paths", f.paths},
                {"people", f.people},
                {"message", f.message},
                {"fix", f.fix}};
  };
  auto area_json = [](const AreaStatus& a) {
    return json{{"change", a.change},       {"area", a.area},
                {"paths", a.paths},         {"requirement", a.requirement},
                {"approved_by", a.approved_by}, {"approved_how", a.approved_how},
                {"discarded", a.discarded}, {"missing", a.missing},
                {"satisfied", a.satisfied}};
  };
  // The report's own strings are made valid UTF-8 before they are written (report.cc): compare with
  // what nlohmann gives for the same text, reading the written document back.
  std::ostringstream got;
  write_json(got, report);
  json back = json::parse(got.str());
  REQUIRE(back["findings"].size() == report.findings.size());
  REQUIRE(back["areas"].size() == report.areas.size());
  std::string want = "{\n  \"findings\": [\n";
  for (size_t i = 0; i < report.findings.size(); ++i)
    want += (i ? ",\n    " : "    ") + with_margin(dump(finding_json(report.findings[i]), 2), "    ");
  want += "\n  ],\n  \"areas\": [\n";
  for (size_t i = 0; i < report.areas.size(); ++i)
    want += (i ? ",\n    " : "    ") + with_margin(dump(area_json(report.areas[i]), 2), "    ");
  want += "\n  ],\n  \"ai\": [],\n  \"stats\": {\n    \"commits\": 40,\n    \"paths\": 7\n  },\n  \"verdict\": \"block\"\n}\n";
  CHECK(got.str() == want);

  std::ostringstream lines;
  write_jsonl(lines, report);
  std::string want_lines;
  for (const Finding& f : report.findings) want_lines += dump(finding_json(f), -1) + "\n";
  CHECK(lines.str() == want_lines);
}

}  // namespace laneguard
