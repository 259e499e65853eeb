#include "git/line_index.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <random>
#include <set>
#include <string>
#include <string_view>
#include <vector>

using namespace laneguard::git;

TEST_CASE("promotion lines: blank lines, braces, comments and imports are trivial") {
  for (const char* line : {"", "   ", "}", "  });", "end", "fi", "// a comment about the cart", "# heading",
                           "/* block", " * middle of a block", "*/", "import React from 'react';",
                           "from datetime import date", "#include <vector>", "using namespace std;", "package main",
                           "use std::io;", "<!-- note -->", "\t\t-- sql comment", "\"\"\" docstring words",
                           "''' docstring words", "* bullet words", "*\tbullet words", "require 'checkout'",
                           "extern crate serde;", "@import url(theme.css);", "library(dplyr)", "use(strict_mode)"})
    CHECK_MESSAGE(is_trivial_line(line), line);
  for (const char* line : {"total = price * quantity;", "return cart.items.filter(x => x.ok);", "*ptr = value;",
                           "users = load_users()", "fromage = 1", "imported_count += 1", "def checkout(cart):",
                           "libraryPath = x", "required = true", "\"quoted value here\"", "-x_value_one", "<div class=a>",
                           "@Override public", "extern int counter;", "packages = []", "user = load()"})
    CHECK_MESSAGE(!is_trivial_line(line), line);
}

namespace {
// is_trivial_line as it was first written (every marker and keyword tried in turn): the reference.
bool trivial_reference(std::string_view line) {
  auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f'; };
  auto starts = [](std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; };
  auto keyword = [&](std::string_view s, std::string_view w) {
    return starts(s, w) && (s.size() == w.size() || blank(s[w.size()]) || s[w.size()] == '{' || s[w.size()] == '(' ||
                            s[w.size()] == '"' || s[w.size()] == '\'');
  };
  std::size_t b = 0;
  while (b < line.size() && blank(line[b])) ++b;
  std::string_view s = line.substr(b);
  int alnum = 0;
  for (char c : s)
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || static_cast<unsigned char>(c) >= 0x80)
      if (++alnum >= 4) break;
  if (alnum < 4) return true;
  for (std::string_view c : {"//", "#", "/*", "<!--", "--", "\"\"\"", "'''"})
    if (starts(s, c)) return true;
  if (s == "*" || starts(s, "* ") || starts(s, "*/") || starts(s, "*\t")) return true;
  for (std::string_view w : {"import", "using", "package", "use", "require", "extern crate", "@import", "library"})
    if (keyword(s, w)) return true;
  return keyword(s, "from") && s.find(" import ") != std::string_view::npos;
}
}  // namespace

TEST_CASE("promotion lines: is_trivial_line agrees with trying every marker and keyword in turn") {
  std::mt19937 rng(7);
  const std::vector<std::string> heads = {"//", "#", "/*", "/", "<!--", "<!-", "--", "-", "\"\"\"", "\"\"", "'''", "''",
                                          "*", "* ", "*/", "*\t", "**", "import", "imports", "using", "use", "user",
                                          "package", "require", "extern crate", "extern", "@import", "@", "library",
                                          "from", "fro", "file", "x", "", " ", "\t"};
  const std::vector<std::string> tails = {"", " ", "{", "(", "\"", "'", "\t", "x", "_", " import ", "abcd", "ab",
                                          " a.b import c", "\xc3\xa9t\xc3\xa9", "1234", ";", "}"};
  int trivial = 0;
  for (int i = 0; i < 20000; ++i) {
    std::string line = std::string(rng() % 3, ' ') + heads[rng() % heads.size()];
    for (int k = static_cast<int>(rng() % 4); k > 0; --k) line += tails[rng() % tails.size()];
    bool ours = is_trivial_line(line);
    trivial += ours;
    if (ours != trivial_reference(line)) {
      FAIL_CHECK("differs on '" << line << "'");
      break;
    }
  }
  CHECK(trivial > 2000);
  CHECK(trivial < 18000);
}

TEST_CASE("promotion lines: whitespace changes nothing, other characters do") {
  CHECK(normalised_line_hash("total = price * quantity;") == normalised_line_hash("  total=price*quantity;\r"));
  CHECK(normalised_line_hash("total = price * quantity;") == normalised_line_hash("\ttotal =  price *\tquantity ;"));
  CHECK(normalised_line_hash("total = price * quantity;") != normalised_line_hash("total = price * quantity"));
  CHECK(normalised_line_hash("total = price * quantity;") != normalised_line_hash("Total = price * quantity;"));
}

TEST_CASE("promotion lines: only non-trivial lines are kept, with their line numbers") {
  TextLines l = text_lines("import x\n\nfunction total(cart) {\n  return cart.sum();\n}\n// done\nlast_line = 1");
  REQUIRE(l.hashes.size() == 3);
  CHECK(l.numbers == std::vector<std::uint32_t>{3, 4, 7});
  CHECK(l.hashes[1] == normalised_line_hash("return cart.sum();"));
  CHECK(text_lines(std::string("bin\0ary content here\n", 22)).hashes.empty());
}

TEST_CASE("promotion lines: the index finds each place a line stands and stops at boilerplate") {
  LineIndex index;
  TextLines a = text_lines("alpha = 1\nbeta = 2\ngamma = 3\n");
  TextLines b = text_lines("gamma = 3\ndelta = 4\n");
  CHECK(index.add(a) == 0);
  CHECK(index.add(b) == 1);
  std::vector<std::pair<std::uint32_t, std::uint32_t>> at;
  index.each(normalised_line_hash("gamma = 3"), [&](const LineIndex::Posting& p) { at.emplace_back(p.file, p.line); });
  std::sort(at.begin(), at.end());
  CHECK(at == std::vector<std::pair<std::uint32_t, std::uint32_t>>{{0, 2}, {1, 0}});
  CHECK(index.count(normalised_line_hash("nothing = 0")) == 0);
  for (std::uint32_t i = 0; i <= LineIndex::kCommon; ++i) index.add(text_lines("licence_line = true\n"));
  CHECK(index.common(normalised_line_hash("licence_line = true")));
  int seen = 0;
  index.each(normalised_line_hash("licence_line = true"), [&](const LineIndex::Posting&) { ++seen; });
  CHECK(seen == 0);
  CHECK_FALSE(index.common(normalised_line_hash("gamma = 3")));
}

TEST_CASE("promotion lines: dropping and restoring files keeps every other place, in order, and every count") {
  std::mt19937 rng(5);
  // 300 files of lines drawn from a small vocabulary, so lines are shared and some are boilerplate.
  std::vector<TextLines> files;
  for (int f = 0; f < 300; ++f) {
    std::string text;
    for (int l = 0, n = 3 + static_cast<int>(rng() % 20); l < n; ++l)
      text += "value_" + std::to_string(rng() % 90) + " = compute(" + std::to_string(rng() % 3) + ");\n";
    files.push_back(text_lines(text));
  }
  LineIndex whole, pruned;
  for (const TextLines& t : files) {
    whole.add(t);
    pruned.add(t);
  }
  std::set<std::uint32_t> dropped, restored;
  for (int round = 0; round < 6; ++round) {
    std::vector<std::uint32_t> drop;
    for (std::uint32_t f = 0; f < files.size(); ++f)
      if (!dropped.count(f) && rng() % 4 == 0) drop.push_back(f);
    pruned.drop(drop);
    for (std::uint32_t f : drop) {
      dropped.insert(f);
      CHECK(pruned.dropped(f));
      CHECK(pruned.file(f).hashes.empty());
    }
    for (std::uint32_t f : std::set<std::uint32_t>(dropped))
      if (rng() % 5 == 0) {
        pruned.restore(f, files[f]);
        dropped.erase(f);
        restored.insert(f);
        CHECK_FALSE(pruned.dropped(f));
      }
    for (int v = 0; v < 90; ++v)
      for (int k = 0; k < 3; ++k) {
        std::uint64_t h = normalised_line_hash("value_" + std::to_string(v) + " = compute(" + std::to_string(k) + ");");
        CAPTURE(v);
        CHECK(pruned.count(h) == whole.count(h));
        CHECK(pruned.common(h) == whole.common(h));
        std::vector<std::pair<std::uint32_t, std::uint32_t>> want, got, want_all, got_all;
        whole.each(h, [&](const LineIndex::Posting& p) {
          if (dropped.count(p.file)) return;
          want_all.emplace_back(p.file, p.line);
          if (!restored.count(p.file)) want.emplace_back(p.file, p.line);
        });
        pruned.each(h, [&](const LineIndex::Posting& p) {
          got_all.emplace_back(p.file, p.line);
          if (!restored.count(p.file)) got.emplace_back(p.file, p.line);
        });
        CHECK(got == want);  // the same places, in the same order
        std::sort(want_all.begin(), want_all.end());
        std::sort(got_all.begin(), got_all.end());
        CHECK(got_all == want_all);  // a restored file's places are back
      }
  }
  CHECK(pruned.places() < whole.places());
}
