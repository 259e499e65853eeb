#include "git/repository.h"

#include <cstdlib>
#include <filesystem>
#include <mutex>

#include "facts/identity.h"
#include "facts/trailers.h"
#include "git/hook_objects.h"
#include "git/tree_diff.h"
#include "git/tree_reader.h"

namespace laneguard::git {
namespace {

// Commits are read through libgit2 (trees through git/tree_reader.h): skip re-hashing every
// object read, as git does; objects arriving by push were verified by index-pack.
void tune_library() {
  static std::once_flag once;
  std::call_once(once, [] { git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0); });
}

std::string without_trailing_slash(std::string s) {
  if (s.size() > 1 && s.back() == '/') s.pop_back();
  return s;
}

Identity identity_of(const git_signature* sig) {
  Identity id;
  if (sig) {
    id.name = sig->name ? sig->name : "";
    id.email = sig->email ? sig->email : "";
  }
  return id;
}

std::string first_line(const std::string& message) {
  size_t start = message.find_first_not_of('\n');
  if (start == std::string::npos) return "";
  size_t end = message.find('\n', start);
  std::string line = message.substr(start, end == std::string::npos ? std::string::npos : end - start);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

bool is_full_hex(const std::string& s) {
  if (s.size() != GIT_OID_HEXSZ) return false;
  for (char c : s)
    if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

// The configuration git itself would read: libgit2 1.5 ignores GIT_CONFIG_GLOBAL and
// GIT_CONFIG_NOSYSTEM, which tests and some deployments rely on, so honour them here.
ConfigPtr open_config(git_repository* repo) {
  const char* global_override = std::getenv("GIT_CONFIG_GLOBAL");
  const char* nosystem = std::getenv("GIT_CONFIG_NOSYSTEM");
  git_config* raw = nullptr;
  if (!global_override && !nosystem) {
    check(git_repository_config_snapshot(&raw, repo), "reading the git configuration");
    return ConfigPtr(raw);
  }
  check(git_config_new(&raw), "reading the git configuration");
  ConfigPtr cfg(raw);
  auto add = [&](const std::string& path, git_config_level_t level) {
    std::error_code ec;
    if (path.empty() || !std::filesystem::is_regular_file(path, ec)) return;
    check(git_config_add_file_ondisk(cfg.get(), path.c_str(), level, repo, 0), "reading " + path);
  };
  if (!nosystem || std::string(nosystem) == "0" || std::string(nosystem).empty()) {
    Buf system;
    if (git_config_find_system(&system.value) == 0) add(system.value.ptr, GIT_CONFIG_LEVEL_SYSTEM);
  }
  if (global_override) {
    add(global_override, GIT_CONFIG_LEVEL_GLOBAL);
  } else {
    Buf xdg, global;
    if (git_config_find_xdg(&xdg.value) == 0) add(xdg.value.ptr, GIT_CONFIG_LEVEL_XDG);
    if (git_config_find_global(&global.value) == 0) add(global.value.ptr, GIT_CONFIG_LEVEL_GLOBAL);
  }
  add(std::string(git_repository_path(repo)) + "config", GIT_CONFIG_LEVEL_LOCAL);
  git_config* snap = nullptr;
  check(git_config_snapshot(&snap, cfg.get()), "reading the git configuration");
  return ConfigPtr(snap);
}

}  // namespace

Repository Repository::discover(const std::string& path) {
  tune_library();
  git_repository* raw = nullptr;
  if (git_repository_open_ext(&raw, path.c_str(), 0, nullptr) < 0) {
    const git_error* e = git_error_last();
    std::string why = e && e->message ? e->message : "";
    // Ownership checks and corrupt repositories deserve their own explanation.
    if (why.find("not owned") != std::string::npos) throw GitError("cannot open the git repository at " + path + ": " + why);
    throw GitError("not a git repository: " + path);
  }
  Repository repo;
  repo.repo_.reset(raw);
  return repo;
}

Repository Repository::open_for_hook() {
  tune_library();
  const char* dir = std::getenv("GIT_DIR");
  std::string path = dir && *dir ? dir : ".";
  git_repository* raw = nullptr;
  if (git_repository_open_ext(&raw, path.c_str(), GIT_REPOSITORY_OPEN_NO_SEARCH, nullptr) < 0) {
    const git_error* e = git_error_last();
    throw GitError("not a git repository: " + path + (e && e->message ? std::string(" (") + e->message + ")" : ""));
  }
  Repository repo;
  repo.repo_.reset(raw);
  repo.object_dirs_ = add_hook_object_directories(repo.get());
  return repo;
}

std::string Repository::git_dir() const { return without_trailing_slash(git_repository_path(repo_.get())); }

std::optional<std::string> Repository::workdir() const {
  const char* w = git_repository_workdir(repo_.get());
  if (!w) return std::nullopt;
  return without_trailing_slash(w);
}

std::optional<std::string> Repository::resolve_commit(const std::string& rev) const {
  git_object* obj = nullptr;
  if (git_revparse_single(&obj, repo_.get(), rev.c_str()) < 0) return std::nullopt;
  ObjectPtr owned(obj);
  git_object* peeled = nullptr;
  if (git_object_peel(&peeled, obj, GIT_OBJECT_COMMIT) < 0) return std::nullopt;
  ObjectPtr commit(peeled);
  return oid_hex(*git_object_id(peeled));
}

CommitFacts Repository::commit_facts(const std::string& id) const {
  git_oid oid;
  if (is_full_hex(id)) {
    git_oid_fromstr(&oid, id.c_str());
  } else {
    auto resolved = resolve_commit(id);
    if (!resolved) throw UsageError("unknown revision '" + id + "'");
    git_oid_fromstr(&oid, resolved->c_str());
  }
  git_commit* raw = nullptr;
  check(git_commit_lookup(&raw, repo_.get(), &oid), "reading commit " + id);
  CommitPtr commit(raw);

  CommitFacts facts;
  facts.id = oid_hex(oid);
  const char* message = git_commit_message(raw);
  facts.message = message ? message : "";
  facts.subject = first_line(facts.message);
  facts.author = identity_of(git_commit_author(raw));
  facts.committer = identity_of(git_commit_committer(raw));
  facts.trailers = parse_trailers(facts.message);
  for (const auto& t : facts.trailers)
    if (trailer_key_is(t, "Co-authored-by"))
      if (auto who = parse_identity(t.value)) facts.co_authors.push_back(std::move(*who));
  for (unsigned i = 0; i < git_commit_parentcount(raw); ++i) facts.parents.push_back(oid_hex(*git_commit_parent_id(raw, i)));
  if (!trees_) trees_ = std::make_shared<TreeReader>(repo_.get(), object_dirs_);
  TouchedPaths touched = touched_paths(repo_.get(), *trees_, raw);
  facts.paths = std::move(touched.paths);
  facts.brought_in = std::move(touched.brought_in);
  facts.brought_from = std::move(touched.brought_from);
  facts.clean_merged = std::move(touched.clean_merged);
  return facts;
}

std::optional<std::string> Repository::read_file_at(const std::string& rev, const std::string& path) const {
  auto id = resolve_commit(rev);
  if (!id) return std::nullopt;
  git_oid oid;
  git_oid_fromstr(&oid, id->c_str());
  git_commit* c = nullptr;
  check(git_commit_lookup(&c, repo_.get(), &oid), "reading commit " + *id);
  CommitPtr commit(c);
  git_tree* t = nullptr;
  check(git_commit_tree(&t, c), "reading the tree of commit " + *id);
  TreePtr tree(t);
  git_tree_entry* e = nullptr;
  if (git_tree_entry_bypath(&e, t, path.c_str()) < 0) return std::nullopt;
  TreeEntryPtr entry(e);
  if (git_tree_entry_type(e) != GIT_OBJECT_BLOB) return std::nullopt;
  git_blob* b = nullptr;
  check(git_blob_lookup(&b, repo_.get(), git_tree_entry_id(e)), "reading " + path + " at " + rev);
  BlobPtr blob(b);
  auto size = static_cast<size_t>(git_blob_rawsize(b));
  return std::string(static_cast<const char*>(git_blob_rawcontent(b)), size);
}

std::optional<std::string> Repository::config_string(const std::string& key) const {
  ConfigPtr cfg = open_config(repo_.get());
  const char* value = nullptr;
  int rc = git_config_get_string(&value, cfg.get(), key.c_str());
  if (rc == GIT_ENOTFOUND) return std::nullopt;
  check(rc, "reading git config " + key);
  return std::string(value ? value : "");
}

}  // namespace laneguard::git
