#include "git/tree_reader.h"

#include "git/handle.h"

namespace laneguard::git {
namespace {

constexpr size_t kCacheBudget = 256u << 20;

std::vector<std::string> all_object_dirs(git_repository* repo, const std::vector<std::string>& extra) {
  std::vector<std::string> dirs{std::string(git_repository_commondir(repo)) + "objects"};
  dirs.insert(dirs.end(), extra.begin(), extra.end());
  return dirs;
}

}  // namespace

TreeReader::TreeReader(git_repository* repo, const std::vector<std::string>& object_dirs)
    : repo_(repo), packs_(all_object_dirs(repo, object_dirs)) {}

TreeReader::TreeReader(git_repository* repo, const TreeReader& files_of, PackReaderLimits limits)
    : repo_(repo), packs_(files_of.packs_, limits) {}

std::shared_ptr<const std::string> TreeReader::tree(const git_oid& id) {
  Recent& slot = front_[OidHash{}(id) % kRecentSlots];
  if (slot.data && git_oid_equal(&slot.id, &id)) return slot.data;
  std::shared_ptr<const std::string> data = read(id);
  slot.id = id;
  slot.data = data;
  return data;
}

std::shared_ptr<const std::string> TreeReader::read(const git_oid& id) {
  // Packed trees are cached by the pack reader; this cache holds the others (loose objects).
  if (auto raw = packs_.read(id); raw && raw->type == GIT_OBJECT_TREE) return raw->data;
  if (auto it = recent_.find(id); it != recent_.end()) return it->second;
  std::shared_ptr<const std::string> data;
  if (auto it = older_.find(id); it != older_.end()) {
    data = it->second;
  } else {
    git_odb* odb_raw = nullptr;
    check(git_repository_odb(&odb_raw, repo_), "opening the object database");
    OdbPtr odb(odb_raw);
    git_odb_object* obj = nullptr;
    check(git_odb_read(&obj, odb.get(), &id), "reading tree " + oid_hex(id));
    std::unique_ptr<git_odb_object, Deleter<git_odb_object, git_odb_object_free>> owned(obj);
    if (git_odb_object_type(obj) != GIT_OBJECT_TREE) throw GitError("object " + oid_hex(id) + " is not a tree");
    data = std::make_shared<const std::string>(static_cast<const char*>(git_odb_object_data(obj)), git_odb_object_size(obj));
  }
  if (recent_bytes_ > kCacheBudget / 2) {
    older_ = std::move(recent_);
    recent_.clear();
    recent_bytes_ = 0;
  }
  recent_.emplace(id, data);
  recent_bytes_ += data->size() + 96;
  return data;
}

}  // namespace laneguard::git
