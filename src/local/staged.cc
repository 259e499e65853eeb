#include "local/staged.h"

#include <algorithm>
#include <sys/stat.h>

#include <cstdlib>

#include "local/index_file.h"
#include "local/run_git.h"

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

// Merges HEAD's trees with the sorted index entries, one directory at a time. Index order is git's
// tree order (a directory sorts as "name/"), so both sides are walked in step.
struct Walker {
  git_repository* repo;
  const std::vector<IndexEntry>& entries;
  std::vector<std::string>& out;

  git::TreePtr tree(const git_oid& id) const {
    git_tree* raw = nullptr;
    git::check(git_tree_lookup(&raw, repo, &id), "cannot read tree " + git::oid_hex(id));
    return git::TreePtr(raw);
  }

  // Every file below a tree that the index no longer has.
  void list_all(const git_oid& id, const std::string& prefix) {
    git::TreePtr t = tree(id);
    for (std::size_t i = 0, n = git_tree_entrycount(t.get()); i < n; ++i) {
      const git_tree_entry* e = git_tree_entry_byindex(t.get(), i);
      std::string path = prefix + git_tree_entry_name(e);
      if (git_tree_entry_type(e) == GIT_OBJECT_TREE) list_all(*git_tree_entry_id(e), path + "/");
      else out.push_back(std::move(path));
    }
  }

  void compare(const git_oid* tree_id, const std::string& prefix, std::size_t lo, std::size_t hi,
               const CacheTreeNode* cache) {
    if (tree_id && cache && cache->entry_count >= 0 && git_oid_equal(&cache->id, tree_id)) return;
    git::TreePtr t = tree_id ? tree(*tree_id) : nullptr;
    std::size_t n = t ? git_tree_entrycount(t.get()) : 0;
    std::size_t i = 0, j = lo;
    while (i < n || j < hi) {
      // The index side: the next component below `prefix` and the entries under it.
      std::string comp;
      bool index_dir = false;
      std::size_t k = j;
      if (j < hi) {
        std::string_view rest = entries[j].path.substr(prefix.size());
        std::size_t slash = rest.find('/');
        index_dir = slash != std::string_view::npos;
        comp = rest.substr(0, slash);
        std::string group = prefix + comp + (index_dir ? "/" : "");
        k = j + 1;
        if (index_dir) {
          // Entries are sorted: the group ends at the first path not below "prefix/comp/", i.e.
          // the first one not less than "prefix/comp0" ('0' follows '/').
          std::string after = group;
          after.back() = '0';
          auto end = std::lower_bound(entries.begin() + static_cast<std::ptrdiff_t>(j) + 1,
                                      entries.begin() + static_cast<std::ptrdiff_t>(hi), after,
                                      [](const IndexEntry& e, const std::string& key) { return e.path < key; });
          k = static_cast<std::size_t>(end - entries.begin());
        } else {
          while (k < hi && entries[k].path == entries[j].path) ++k;  // unmerged stages
        }
      }
      const git_tree_entry* te = i < n ? git_tree_entry_byindex(t.get(), i) : nullptr;
      int order;
      if (!te) order = 1;
      else if (j >= hi) order = -1;
      else {
        std::string tree_key = std::string(git_tree_entry_name(te)) +
                               (git_tree_entry_type(te) == GIT_OBJECT_TREE ? "/" : "");
        std::string index_key = comp + (index_dir ? "/" : "");
        order = tree_key.compare(index_key);
      }
      if (order < 0) {  // only in HEAD: deleted
        std::string path = prefix + git_tree_entry_name(te);
        if (git_tree_entry_type(te) == GIT_OBJECT_TREE) list_all(*git_tree_entry_id(te), path + "/");
        else out.push_back(std::move(path));
        ++i;
        continue;
      }
      if (order > 0) {  // only in the index: added
        for (std::size_t m = j; m < k; ++m)
          if (m == j || entries[m].path != entries[m - 1].path) out.emplace_back(entries[m].path);
        j = k;
        continue;
      }
      if (index_dir) {
        compare(git_tree_entry_id(te), prefix + comp + "/", j, k, cache ? cache->child(comp) : nullptr);
      } else {
        const IndexEntry& e = entries[j];
        bool same = k == j + 1 && e.stage == 0 && e.mode == static_cast<std::uint32_t>(git_tree_entry_filemode(te)) &&
                    git_oid_equal(&e.id, git_tree_entry_id(te));
        if (!same) out.emplace_back(e.path);
      }
      ++i;
      j = k;
    }
  }
};

StagedChange staged_change_by_git(git_repository* repo, const std::string& index_path) {
  StagedChange out;
  head_tree(repo, out);
  char* absolute = ::realpath(index_path.c_str(), nullptr);
  std::string index_abs = absolute ? absolute : index_path;
  std::free(absolute);
  std::vector<std::string> args;
  if (const char* workdir = git_repository_workdir(repo)) args = {"-C", workdir};
  else args = {"--git-dir", git_repository_path(repo)};
  for (const char* a : {"diff", "--cached", "--name-only", "--no-renames", "--no-ext-diff", "-z"}) args.push_back(a);
  std::string listed = run_git(args, {{"GIT_INDEX_FILE", index_abs}});
  std::size_t start = 0;
  for (std::size_t nul; (nul = listed.find('\0', start)) != std::string::npos; start = nul + 1)
    out.paths.push_back(listed.substr(start, nul - start));
  std::sort(out.paths.begin(), out.paths.end());
  return out;
}

}  // namespace

StagedChange staged_change(git_repository* repo, const std::optional<std::string>& index_file) {
  std::string path = index_file ? *index_file : std::string(git_repository_path(repo)) + "index";
  struct stat st {};
  if (!index_file && ::stat(path.c_str(), &st) != 0) {  // no index yet: nothing staged
    StagedChange out;
    head_tree(repo, out);
    return out;
  }
  std::optional<IndexFile> file = IndexFile::read(path);
  if (!file) return staged_change_by_git(repo, path);
  StagedChange out;
  git::TreePtr tree = head_tree(repo, out);
  Walker walker{repo, file->entries(), out.paths};
  walker.compare(tree ? git_tree_id(tree.get()) : nullptr, "", 0, file->entries().size(), file->cache_tree());
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
