// The pack reader and the tree differ on top (git/pack_reader.cc, git/tree_reader.cc, git/tree_diff.cc):
// the input is a pack index and its pack, `<idx length, 4 bytes little-endian><idx><pack>`. Every object
// the index lists is read (or refused: nullopt); the trees among them are diffed against the empty
// tree and against each other. Nothing may crash, over-read or allocate what the file cannot hold.
// Issue 10 defect 8 (fanout beyond the object count, declared sizes of 2^40 and 2^62) gave the
// regression inputs in regressions/pack/; tests/fuzz/make_seeds.sh builds the seeds from real
// repositories.
#include <git2.h>

#include <cstdint>
#include <cstring>

#include "fuzz.h"
#include "git/handle.h"
#include "git/pack_reader.h"
#include "git/tree_diff.h"
#include "git/tree_reader.h"
#include "util/error.h"

using namespace laneguard;

namespace {
constexpr size_t kMaxObjects = 512;  // objects read per input
constexpr size_t kMaxTrees = 16;     // trees diffed per input

struct Fixture {
  std::string packs;     // an object directory holding only the input's pack
  git_repository* repo;  // an empty bare repository: libgit2 never sees the input
  Fixture() {
    git_libgit2_init();
    auto dir = fuzz::scratch_dir();
    packs = (dir / "objects").string();
    std::filesystem::create_directories(dir / "objects" / "pack");
    if (git_repository_init(&repo, (dir / "repo.git").c_str(), 1) != 0) std::abort();
  }
};

uint32_t be32(const unsigned char* p) {
  return (uint32_t(p[0]) << 24) | (uint32_t(p[1]) << 16) | (uint32_t(p[2]) << 8) | p[3];
}

// The object ids an idx v2 file lists, as far as the file really holds them.
std::vector<git_oid> listed_ids(std::string_view idx) {
  std::vector<git_oid> ids;
  const auto* p = reinterpret_cast<const unsigned char*>(idx.data());
  if (idx.size() < 8 + 1024 || std::memcmp(p, "\377tOc", 4) != 0) return ids;
  size_t n = be32(p + 8 + 255 * 4);
  size_t room = (idx.size() - 8 - 1024) / GIT_OID_RAWSZ;
  for (size_t i = 0; i < n && i < room && ids.size() < kMaxObjects; ++i) {
    git_oid id;
    std::memcpy(id.id, p + 8 + 1024 + i * GIT_OID_RAWSZ, GIT_OID_RAWSZ);
    ids.push_back(id);
  }
  return ids;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static Fixture fixture;
  if (size < 4) return 0;
  size_t idx_len = data[0] | (size_t(data[1]) << 8) | (size_t(data[2]) << 16) | (size_t(data[3]) << 24);
  if (idx_len > size - 4) return 0;
  std::string_view idx = fuzz::bytes(data + 4, idx_len);
  std::string_view pack = fuzz::bytes(data + 4 + idx_len, size - 4 - idx_len);
  fuzz::write_file(fixture.packs + "/pack/pack-fuzz.idx", idx);
  fuzz::write_file(fixture.packs + "/pack/pack-fuzz.pack", pack);
  try {
    std::vector<git_oid> trees;
    {
      git::PackReader reader({fixture.packs});
      for (const git_oid& id : listed_ids(idx)) {
        auto obj = reader.read(id);
        if (!obj) continue;
        fuzz::require(obj->data != nullptr, "an object read has data");
        if (obj->type == GIT_OBJECT_TREE && trees.size() < kMaxTrees) trees.push_back(id);
      }
    }
    git::TreeReader reader(fixture.repo, {fixture.packs});
    std::vector<std::string> paths;
    for (size_t i = 0; i < trees.size(); ++i) {
      try {
        git::diff_tree_paths(reader, nullptr, &trees[i], paths);
        if (i > 0) git::diff_tree_paths(reader, &trees[i - 1], &trees[i], paths);
      } catch (const Error&) {  // a tree naming a subtree the pack lacks
      }
      paths.clear();
    }
  } catch (const Error&) {
  }
  return 0;
}
