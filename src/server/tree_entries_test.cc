#include "server/tree_entries.h"

#include <doctest/doctest.h>

using laneguard::server::bad_tree_entry;

TEST_CASE("tree entries git cannot check out") {
  CHECK_FALSE(bad_tree_entry("src/auth/login.py"));
  CHECK_FALSE(bad_tree_entry(".gitignore"));
  CHECK_FALSE(bad_tree_entry("docs/.github/x"));
  CHECK_FALSE(bad_tree_entry("a/.gitx"));
  CHECK_FALSE(bad_tree_entry("...hidden"));
  CHECK(bad_tree_entry(".git"));
  CHECK(bad_tree_entry(".git/config"));
  CHECK(bad_tree_entry("sub/.GIT/hooks/post-checkout"));
  CHECK(bad_tree_entry("sub/.git./x"));
  CHECK(bad_tree_entry("sub/.git  /x"));
  CHECK(bad_tree_entry("GIT~1/config"));
  CHECK(bad_tree_entry(".g\xe2\x80\x8cit/config"));  // U+200C, ignored by HFS+
  CHECK(bad_tree_entry(".git\xef\xbb\xbf/config"));  // U+FEFF
  CHECK(bad_tree_entry("./x"));
  CHECK(bad_tree_entry("a/../x"));
  CHECK(bad_tree_entry("a//x"));
  CHECK(bad_tree_entry("a/"));
  CHECK(bad_tree_entry(std::string_view("a\0b", 3)));
}
