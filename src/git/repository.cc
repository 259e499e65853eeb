#include "git/repository.h"

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <mutex>

#include "facts/identity.h"
#include "facts/trailers.h"
#include "git/hook_objects.h"
#include "git/reencode.h"
#include "git/tree_diff.h"
#include "git/commit_graph.h"
#include "git/tree_reader.h"
#include "util/text.h"

namespace laneguard::git {
namespace {

// Commits are parsed by libgit2 from objects the pack reader serves it (attach_pack_reader; trees
// through git/tree_reader.h): skip re-hashing every object read, as git does; objects arriving by
// push were verified by index-pack.
void tune_library() {
  static std::once_flag once;
  std::call_once(once, [] {
    git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
    // libgit2's object cache keeps every parsed commit up to 256 MiB (and its table never shrinks):
    // over a long history it was most of check's memory. Objects come from the pack reader's own
    // bounded cache instead (attach_pack_reader), as fast.
    git_libgit2_opts(GIT_OPT_ENABLE_CACHING, 0);
  });
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
  repo.attach_pack_reader();
  return repo;
}

namespace {

bool env_set(const char* name) {
  const char* v = std::getenv(name);
  return v && *v;
}

// git's boolean environment values (git_env_bool): unset is `fallback`.
bool env_bool(const char* name, bool fallback) {
  const char* v = std::getenv(name);
  if (!v) return fallback;
  std::string s = lower(v);
  if (s.empty() || s == "false" || s == "no" || s == "off" || s == "0") return false;
  return true;
}

std::string canonical_dir(const std::string& path) {
  std::error_code ec;
  auto c = std::filesystem::weakly_canonical(std::filesystem::absolute(path, ec), ec);
  return without_trailing_slash(ec ? path : c.string());
}

std::optional<bool> config_bool(git_repository* repo, const char* key) {
  git_config* raw = nullptr;
  if (git_repository_config_snapshot(&raw, repo) < 0) {
    git_error_clear();
    return std::nullopt;
  }
  ConfigPtr cfg(raw);
  int value = 0;
  if (git_config_get_bool(&value, raw, key) < 0) {
    git_error_clear();
    return std::nullopt;
  }
  return value != 0;
}

bool config_has(git_repository* repo, const char* key) {
  git_config* raw = nullptr;
  if (git_repository_config_snapshot(&raw, repo) < 0) {
    git_error_clear();
    return false;
  }
  ConfigPtr cfg(raw);
  git_config_entry* entry = nullptr;
  bool found = git_config_get_entry(&entry, raw, key) == 0;
  if (entry) git_config_entry_free(entry);
  git_error_clear();
  return found;
}

}  // namespace

Repository Repository::open_from_environment() {
  tune_library();
  std::error_code ec;
  std::string cwd = std::filesystem::current_path(ec).string();
  if (ec) throw GitError("cannot read the current directory: " + ec.message());
  git_repository* raw = nullptr;
  bool from_git_dir = env_set("GIT_DIR");
  if (from_git_dir) {
    std::string dir = std::getenv("GIT_DIR");
    if (git_repository_open_ext(&raw, dir.c_str(), GIT_REPOSITORY_OPEN_NO_SEARCH, nullptr) < 0) {
      const git_error* e = git_error_last();
      std::string why = e && e->message ? e->message : "";
      git_error_clear();
      throw GitError("not a git repository: '" + dir + "' (from GIT_DIR)" + (why.empty() ? "" : ": " + why));
    }
  } else {
    unsigned flags = env_bool("GIT_DISCOVERY_ACROSS_FILESYSTEM", false) ? GIT_REPOSITORY_OPEN_CROSS_FS : 0;
    const char* ceiling = std::getenv("GIT_CEILING_DIRECTORIES");
    if (git_repository_open_ext(&raw, ".", flags, ceiling && *ceiling ? ceiling : nullptr) < 0) {
      const git_error* e = git_error_last();
      std::string why = e && e->message ? e->message : "";
      git_error_clear();
      if (why.find("not owned") != std::string::npos) throw GitError("cannot open the git repository at " + cwd + ": " + why);
      throw GitError("not a git repository (or any of the parent directories): " + cwd);
    }
  }
  Repository repo;
  repo.repo_.reset(raw);

  if (env_set("GIT_COMMON_DIR")) {
    std::string wanted = canonical_dir(std::getenv("GIT_COMMON_DIR"));
    std::string have = canonical_dir(git_repository_commondir(raw));
    if (wanted != have)
      throw GitError("GIT_COMMON_DIR=" + std::string(std::getenv("GIT_COMMON_DIR")) + " is not the common directory of " +
                     repo.git_dir() + " (" + have + "): laneguard cannot open a repository split that way; unset GIT_COMMON_DIR "
                     "or point GIT_DIR at a linked worktree's directory (.git/worktrees/NAME)");
  }

  // The work tree, as git's setup_git_directory decides it.
  std::optional<std::string> work_tree;
  if (env_set("GIT_WORK_TREE")) {
    work_tree = std::filesystem::absolute(std::getenv("GIT_WORK_TREE"), ec).string();
  } else if (from_git_dir && !config_has(raw, "core.worktree") && !config_bool(raw, "core.bare").value_or(false)) {
    work_tree = cwd;  // GIT_DIR without a work tree: the current directory is its top (git(1))
  }
  // libgit2 1.5's git_repository_set_workdir leaks its path buffer when the work tree is already
  // the one asked for (an early return): only call it when the work tree changes.
  const char* current = git_repository_workdir(raw);
  if (work_tree && (!current || canonical_dir(current) != canonical_dir(*work_tree))) {
    check(git_repository_set_workdir(raw, without_trailing_slash(*work_tree).c_str(), 0), "setting the work tree " + *work_tree);
  } else if (!from_git_dir) {
    // Started inside the git directory itself: git has no work tree there.
    std::string gd = canonical_dir(repo.git_dir()) + "/";
    std::string here = canonical_dir(cwd) + "/";
    if (here.compare(0, gd.size(), gd) == 0) repo.no_work_tree_ = true;
  }
  repo.attach_pack_reader();
  return repo;
}

bool Repository::is_shallow() const {
  if (shallow_ < 0) shallow_ = git_repository_is_shallow(repo_.get()) == 1;
  return shallow_ == 1;
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
  repo.attach_pack_reader();
  return repo;
}

Repository Repository::reopen(PackReaderLimits limits) const {
  std::string dir = git_dir();
  git_repository* raw = nullptr;
  if (git_repository_open_ext(&raw, dir.c_str(), GIT_REPOSITORY_OPEN_NO_SEARCH, nullptr) < 0) {
    const git_error* e = git_error_last();
    std::string why = e && e->message ? e->message : "";
    git_error_clear();
    throw GitError("cannot open the git repository " + dir + " again" + (why.empty() ? "" : ": " + why));
  }
  Repository repo;
  repo.repo_.reset(raw);
  repo.object_dirs_ = add_object_directories(raw, object_dirs_);
  repo.no_work_tree_ = no_work_tree_;
  repo.shallow_ = shallow_;
  const char* mine = git_repository_workdir(repo_.get());
  const char* theirs = git_repository_workdir(raw);
  if (mine && (!theirs || canonical_dir(theirs) != canonical_dir(mine)))
    check(git_repository_set_workdir(raw, without_trailing_slash(mine).c_str(), 0), std::string("setting the work tree ") + mine);
  repo.attach_pack_reader(this, limits);
  return repo;
}

std::string Repository::git_dir() const { return without_trailing_slash(git_repository_path(repo_.get())); }

std::optional<std::string> Repository::workdir() const {
  if (no_work_tree_) return std::nullopt;
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
  facts.tree = oid_hex(*git_commit_tree_id(raw));
  const char* message = git_commit_message(raw);
  facts.message = message ? message : "";
  facts.author = identity_of(git_commit_author(raw));
  facts.committer = identity_of(git_commit_committer(raw));
  facts.author_time = git_commit_author(raw)->when.time;
  facts.committer_time = git_commit_time(raw);
  // A commit written under i18n.commitEncoding says so in its `encoding` header; git log shows its
  // message and identities converted to UTF-8 (whole, or not at all when they are not valid).
  if (const char* enc = git_commit_message_encoding(raw); enc && *enc && !is_utf8_encoding_name(enc)) {
    std::vector<std::string*> texts = {&facts.message, &facts.author.name, &facts.author.email, &facts.committer.name,
                                       &facts.committer.email};
    std::vector<std::string> converted;
    for (std::string* text : texts)
      if (auto c = to_utf8(*text, enc)) converted.push_back(std::move(*c));
    if (converted.size() == texts.size())
      for (size_t i = 0; i < texts.size(); ++i) *texts[i] = std::move(converted[i]);
  }
  facts.subject = first_line(facts.message);
  if (const char* header = git_commit_raw_header(raw)) facts.maybe_signed = std::strstr(header, "\ngpgsig") != nullptr;
  facts.trailers = parse_trailers(facts.message);
  for (const auto& t : facts.trailers)
    if (trailer_key_is(t, "Co-authored-by"))
      if (auto who = parse_identity(t.value)) facts.co_authors.push_back(std::move(*who));
  for (unsigned i = 0; i < git_commit_parentcount(raw); ++i) facts.parents.push_back(oid_hex(*git_commit_parent_id(raw, i)));
  if (is_shallow()) {
    // At the edge of a shallow clone the parents are missing: what the commit changed is unknown.
    OdbPtr odb;
    git_odb* raw_odb = nullptr;
    check(git_repository_odb(&raw_odb, repo_.get()), "opening the object database");
    odb.reset(raw_odb);
    for (unsigned i = 0; i < git_commit_parentcount(raw); ++i)
      if (!git_odb_exists(raw_odb, git_commit_parent_id(raw, i)))
        throw GitError("this is a shallow clone: the parent of commit " + facts.id.substr(0, 12) +
                       " is not in it, so what that commit changed cannot be known. Fetch more history (git fetch "
                       "--deepen=N, or git fetch --unshallow), or check a range inside the clone (for example HEAD~5..HEAD)");
  }
  TouchedPaths touched = touched_paths(repo_.get(), trees(), commit_graph(), raw);
  facts.paths = std::move(touched.paths);
  auto entries_of = [](const std::vector<LeafEntry>& leaves) {
    std::vector<PathEntry> out;
    out.reserve(leaves.size());
    for (const LeafEntry& e : leaves) {
      PathEntry entry;
      entry.mode = e.mode;
      if (e.mode) std::memcpy(entry.id.data(), e.id.id, entry.id.size());
      out.push_back(entry);
    }
    return out;
  };
  facts.path_entries = entries_of(touched.entries);
  facts.path_entries_before = entries_of(touched.before_entries);
  if (touched.parent_tree) facts.parent_tree = oid_hex(*touched.parent_tree);
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

std::optional<std::string> Repository::merge_base(const std::string& a, const std::string& b) const {
  git_oid ia, ib, base;
  if (git_oid_fromstr(&ia, a.c_str()) < 0 || git_oid_fromstr(&ib, b.c_str()) < 0)
    throw GitError("merge base: not commit ids: " + a + ", " + b);
  int rc = git_merge_base(&base, repo_.get(), &ia, &ib);
  if (rc == GIT_ENOTFOUND) {
    git_error_clear();
    return std::nullopt;
  }
  check(rc, "finding the merge base of " + a + " and " + b);
  return oid_hex(base);
}

CommitGraph& Repository::commit_graph() const {
  if (!graph_) graph_ = std::make_shared<CommitGraph>(repo_.get(), &trees().packs());
  return *graph_;
}

void Repository::attach_pack_reader(const Repository* files_of, PackReaderLimits limits) {
  trees_ = files_of ? std::make_shared<TreeReader>(repo_.get(), files_of->trees(), limits)
                    : std::make_shared<TreeReader>(repo_.get(), object_dirs_);
  git_odb* odb = nullptr;
  if (git_repository_odb(&odb, repo_.get()) < 0) {
    git_error_clear();
    return;
  }
  OdbPtr owned(odb);
  add_pack_reader_backend(odb, std::shared_ptr<PackReader>(trees_, &trees_->packs()));
}

TreeReader& Repository::trees() const {
  if (!trees_) trees_ = std::make_shared<TreeReader>(repo_.get(), object_dirs_);
  return *trees_;
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
