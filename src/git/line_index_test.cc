#include "git/line_index.h"

#include <doctest/doctest.h>

#include <algorithm>

using namespace laneguard::git;

TEST_CASE("promotion lines: blank lines, braces, comments and imports are trivial") {
  for (const char* line : {"", "   ", "}", "  });", "end", "fi", "// a comment about the cart", "# heading",
                           "/* block", " * middle of a block", "*/", "import React from 'react';",
                           "from datetime import date", "#include <vector>", "using namespace std;", "package main",
                           "use std::io;", "<!-- note -->", "\t\t-- sql comment"})
    CHECK_MESSAGE(is_trivial_line(line), line);
  for (const char* line : {"total = price * quantity;", "return cart.items.filter(x => x.ok);", "*ptr = value;",
                           "users = load_users()", "fromage = 1", "imported_count += 1", "def checkout(cart):"})
    CHECK_MESSAGE(!is_trivial_line(line), line);
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
