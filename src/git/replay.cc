#include "git/replay.h"

#include <git2/sys/mempack.h>
#include <git2/sys/odb_backend.h>

#include "git/handle.h"

namespace laneguard::git {
namespace {

CommitPtr lookup(git_repository* repo, const std::string& id) {
  git_oid oid;
  check(git_oid_fromstr(&oid, id.c_str()), "reading the commit id " + id);
  git_commit* commit = nullptr;
  check(git_commit_lookup(&commit, repo, &oid), "reading the commit " + id);
  return CommitPtr(commit);
}

}  // namespace

Replay::Replay(const Repository& repo) : repo_(repo) {
  git_odb* raw = nullptr;
  check(git_repository_odb(&raw, repo.get()), "opening the object database");
  OdbPtr odb(raw);
  check(git_mempack_new(&memory_), "making an object store in memory");
  // Above every reading backend (libgit2's loose 1, pack 2, laneguard's pack reader 10): writes
  // go to the first backend that writes, reads fall through to the others.
  if (git_odb_add_backend(odb.get(), memory_, 1000) < 0) {
    memory_->free(memory_);
    memory_ = nullptr;
    check(-1, "adding an object store in memory");
  }
}

Replay::~Replay() {
  if (memory_) git_mempack_reset(memory_);
}

std::optional<std::string> Replay::write(git_index* index, const std::string& what) {
  IndexPtr owned(index);
  if (git_index_has_conflicts(index)) return std::nullopt;
  git_oid tree;
  check(git_index_write_tree_to(&tree, index, repo_.get()), "writing the tree of " + what);
  return oid_hex(tree);
}

std::optional<std::string> Replay::merged_tree(const std::string& ours, const std::string& theirs) {
  CommitPtr a = lookup(repo_.get(), ours), b = lookup(repo_.get(), theirs);
  git_merge_options options = GIT_MERGE_OPTIONS_INIT;
  git_index* index = nullptr;
  check(git_merge_commits(&index, repo_.get(), a.get(), b.get(), &options), "merging " + theirs + " into " + ours);
  return write(index, "the merge of " + theirs + " into " + ours);
}

std::optional<std::string> Replay::picked_tree(const std::string& commit, const std::string& onto) {
  CommitPtr pick = lookup(repo_.get(), commit), base = lookup(repo_.get(), onto);
  git_merge_options options = GIT_MERGE_OPTIONS_INIT;
  git_index* index = nullptr;
  check(git_cherrypick_commit(&index, repo_.get(), pick.get(), base.get(), 0, &options),
        "picking " + commit + " onto " + onto);
  return write(index, commit + " picked onto " + onto);
}

}  // namespace laneguard::git
