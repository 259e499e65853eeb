// The index reader (local/index_file.cc), which the pre-commit hook runs on .git/index: any file is
// either read (entries and cache-tree) or refused with a GitError ("the index ... is corrupt"), or
// left to libgit2 (nullopt). Issue 10 defects 1 and 8 (a 200,000-level TREE extension, counts that
// overflow or exhaust memory) are regression inputs in regressions/index/.
#include <cstdint>

#include "fuzz.h"
#include "local/index_file.h"
#include "util/error.h"

using namespace laneguard;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::string path = (fuzz::scratch_dir() / "index").string();
  fuzz::write_file(path, fuzz::bytes(data, size));
  try {
    auto index = local::IndexFile::read(path);
    if (!index) return 0;
    for (const auto& e : index->entries()) {
      fuzz::require(e.stage >= 0 && e.stage <= 3, "a stage is 0..3");
      (void)e.path.size();
    }
    // The cache-tree, walked without recursion (its depth is the file's to choose).
    std::vector<const local::CacheTreeNode*> stack;
    if (const auto* root = index->cache_tree()) stack.push_back(root);
    while (!stack.empty()) {
      const auto* node = stack.back();
      stack.pop_back();
      for (const auto& c : node->children) {
        fuzz::require(node->child(c.name) != nullptr, "a child is found by its name");
        stack.push_back(&c);
      }
    }
  } catch (const Error&) {
  }
  return 0;
}
