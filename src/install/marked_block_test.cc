#include "install/marked_block.h"

#include <doctest/doctest.h>

#include "util/error.h"

using namespace laneguard;
using namespace laneguard::install;

TEST_CASE("a marked block is found, removed exactly, and a begin marker without an end is refused") {
  std::string block = make_block("pre-commit", "a\n\nb\n", 4);
  CHECK(block == "    " + block_begin("pre-commit") + "\n    a\n\n    b\n    # <<< laneguard pre-commit\n");
  std::string text = "x:\n" + block + "y: 1\n";
  BlockSpan span = find_block(text, "pre-commit", "f");
  REQUIRE(span.found());
  CHECK(text.substr(span.begin, span.end - span.begin) == block);
  CHECK(remove_block(text, "pre-commit", "f") == "x:\ny: 1\n");
  // Another hook's tag, or a longer tag starting with this one, is not this block.
  CHECK_FALSE(find_block(text, "pre", "f").found());
  CHECK_FALSE(find_block(make_block("pre-commit-extra", "a\n"), "pre-commit", "f").found());
  CHECK_THROWS_AS(find_block("# >>> laneguard pre-push (x)\necho\n", "pre-push", "f"), GitError);
  // A closing line without an opening one is left alone (it is not laneguard's block).
  CHECK(remove_block("# <<< laneguard pre-push\n", "pre-push", "f") == "# <<< laneguard pre-push\n");
}

TEST_CASE("empty_of_content: blank lines and an interpreter line hold nothing of anyone's") {
  CHECK(empty_of_content(""));
  CHECK(empty_of_content("#!/bin/sh\n\n  \n"));
  CHECK_FALSE(empty_of_content("#!/bin/sh\nnpm test\n"));
  CHECK_FALSE(empty_of_content("\n#!/bin/sh\n"));  // only a first line is an interpreter line
  CHECK_FALSE(empty_of_content("# a comment someone wrote\n"));
}
