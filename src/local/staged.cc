#include "local/staged.h"

#include <algorithm>
#include <cstdlib>

namespace laneguard::local {

std::optional<std::string> index_file_from_env() {
  const char* file = std::getenv("GIT_INDEX_FILE");
  if (!file || !*file) return std::nullopt;
  return std::string(file);
}

git::IndexPtr open_index(git_repository* repo, const std::optional<std::string>& index_file) {
  git_index* raw = nullptr;
  if (index_file) {
    git::check(git_index_open(&raw, index_file->c_str()), "cannot read the index " + *index_file);
  } else {
    git::check(git_repository_index(&raw, repo), "cannot read the repository's index");
  }
  return git::IndexPtr(raw);
}

namespace {

git::TreePtr head_tree(git_repository* repo, StagedChange& out) {
  git_reference* head_raw = nullptr;
  if (git_repository_head(&head_raw, repo) == 0) {
    git::ReferencePtr head(head_raw);
    if (git_reference_is_branch(head.get())) out.branch = git_reference_shorthand(head.get());
    git_object* obj = nullptr;
    git::check(git_reference_peel(&obj, head.get(), GIT_OBJECT_COMMIT), "cannot resolve HEAD");
    git::ObjectPtr commit(obj);
    out.head = git::oid_hex(*git_object_id(commit.get()));
    git_tree* tree = nullptr;
    git::check(git_commit_tree(&tree, reinterpret_cast<git_commit*>(commit.get())), "cannot read HEAD's tree");
    return git::TreePtr(tree);
  }
  // Unborn branch: the first commit, compared with the empty tree.
  git_error_clear();
  git_reference* sym = nullptr;
  if (git_reference_lookup(&sym, repo, "HEAD") == 0) {
    git::ReferencePtr ref(sym);
    if (const char* target = git_reference_symbolic_target(ref.get())) {
      std::string t = target;
      if (t.rfind("refs/heads/", 0) == 0) out.branch = t.substr(11);
    }
  }
  git_error_clear();
  return nullptr;
}

}  // namespace

StagedChange staged_change(git_repository* repo, git_index* index) {
  StagedChange out;
  git::TreePtr tree = head_tree(repo, out);
  git_diff_options opts = GIT_DIFF_OPTIONS_INIT;
  // Submodules are compared by the commit id recorded in the index, like git diff --cached.
  opts.ignore_submodules = GIT_SUBMODULE_IGNORE_NONE;
  git_diff* raw = nullptr;
  git::check(git_diff_tree_to_index(&raw, repo, tree.get(), index, &opts), "cannot compare HEAD with the index");
  git::DiffPtr diff(raw);
  std::size_t n = git_diff_num_deltas(diff.get());
  out.paths.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    const git_diff_delta* d = git_diff_get_delta(diff.get(), i);
    if (d->old_file.path) out.paths.emplace_back(d->old_file.path);
    if (d->new_file.path && (!d->old_file.path || std::string_view(d->new_file.path) != d->old_file.path))
      out.paths.emplace_back(d->new_file.path);
  }
  std::sort(out.paths.begin(), out.paths.end());
  out.paths.erase(std::unique(out.paths.begin(), out.paths.end()), out.paths.end());
  return out;
}

std::optional<std::string> staged_content(git_repository* repo, git_index* index, const std::string& path) {
  const git_index_entry* entry = git_index_get_bypath(index, path.c_str(), 0);
  if (!entry) return std::nullopt;
  git_blob* raw = nullptr;
  git::check(git_blob_lookup(&raw, repo, &entry->id), "cannot read the staged " + path);
  git::BlobPtr blob(raw);
  return std::string(static_cast<const char*>(git_blob_rawcontent(blob.get())),
                     static_cast<std::size_t>(git_blob_rawsize(blob.get())));
}

}  // namespace laneguard::local
