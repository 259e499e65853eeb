#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "local/index_file.h"
#include "util/error.h"

using namespace laneguard::local;

namespace {
struct TempFile {
  std::string path;
  TempFile() {
    char buf[] = "/tmp/lg-index-test-XXXXXX";
    int fd = ::mkstemp(buf);
    ::close(fd);
    path = buf;
  }
  ~TempFile() { std::filesystem::remove(path); }
};
std::string be32(std::uint32_t v) {
  return {static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8), static_cast<char>(v)};
}
// An index file with `count` declared entries (none present) and a TREE extension holding `tree`.
std::string index_with_tree(const std::string& tree, std::uint32_t count = 0) {
  std::string out = "DIRC" + be32(2) + be32(count);
  out += "TREE" + be32(static_cast<std::uint32_t>(tree.size())) + tree;
  out += std::string(20, '\0');  // the trailing checksum (not verified by the reader)
  return out;
}
void write(const std::string& path, const std::string& data) { std::ofstream(path, std::ios::binary) << data; }
}  // namespace

TEST_CASE("index reader: a 200,000-level cache tree is read and freed without recursion") {
  // parse_cache_tree recursed once per level: SIGSEGV at 200,000 levels.
  const int kDepth = 200000;
  std::string tree = std::string(1, '\0') + "-1 1\n";
  for (int i = 1; i < kDepth; ++i) tree += std::string("a") + '\0' + "-1 1\n";
  tree += std::string("a") + '\0' + "-1 0\n";
  TempFile f;
  write(f.path, index_with_tree(tree));
  auto index = IndexFile::read(f.path);
  REQUIRE(index);
  const CacheTreeNode* node = index->cache_tree();
  REQUIRE(node);
  int depth = 0;
  while (!node->children.empty()) {
    node = &node->children.front();
    ++depth;
  }
  CHECK(depth == kDepth);
  CHECK(node->name == "a");
}

TEST_CASE("index reader: counts the file cannot hold are corruption, not allocations") {
  TempFile f;
  // 4 billion declared entries: the reader reserved them (bad_alloc / length_error escaped).
  write(f.path, index_with_tree(std::string(1, '\0') + "-1 0\n", 0xFFFFFFFFu));
  CHECK_THROWS_AS(IndexFile::read(f.path), laneguard::GitError);
  // A cache tree claiming 10^11 subtrees, or a count that overflows a long: ignored (no cache tree).
  for (const char* bad : {"-1 99999999999\n", "-1 99999999999999999999999\n", "99999999999999999999 0\n"}) {
    write(f.path, index_with_tree(std::string(1, '\0') + bad));
    auto index = IndexFile::read(f.path);
    REQUIRE(index);
    CHECK(index->cache_tree() == nullptr);
  }
}
